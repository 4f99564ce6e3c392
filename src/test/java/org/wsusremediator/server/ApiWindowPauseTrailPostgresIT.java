package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WindowPauseTrailScenario} on PostgreSQL (a schema of its own), fleet on 127.72.2.x; skipped where
 * REMEDIATOR_TEST_POSTGRES_URL is not set (src/test/postgres/start-postgres.sh sets it; CI always does).
 */
class ApiWindowPauseTrailPostgresIT extends WindowPauseTrailScenario {

    static PostgresSchema schema;

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        schema = PostgresSchema.create("pause_trail");
        startWithWindow(tempDir, "127.72.2", schema.url(), schema.user(), schema.password());
    }

    @AfterAll
    static void dropSchema() throws Exception {
        ApiServerScenario.stopServer();
        if (schema != null) {
            schema.drop();
        }
    }
}

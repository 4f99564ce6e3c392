package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's scenario on PostgreSQL (a schema of its own), fleet on 127.68.3.x; skipped where
 * REMEDIATOR_TEST_POSTGRES_URL is not set (src/test/postgres/start-postgres.sh sets it; CI always does).
 */
class ApiServerPostgresIT extends ApiServerScenario {

    static PostgresSchema schema;

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        schema = PostgresSchema.create("server_test");
        start(tempDir, "127.68.3", schema.url(), schema.user(), schema.password());
    }

    @AfterAll
    static void dropSchema() throws Exception {
        stopServer(); // first: its connections would hold the schema
        if (schema != null) {
            schema.drop();
        }
    }
}

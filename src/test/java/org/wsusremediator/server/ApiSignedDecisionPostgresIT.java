package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ApiSignedDecisionScenario} with the server's store on PostgreSQL (a schema of its own), fleet on 127.74.2.x;
 * skipped where REMEDIATOR_TEST_POSTGRES_URL is not set (src/test/postgres/start-postgres.sh sets it; CI always does).
 */
class ApiSignedDecisionPostgresIT extends ApiSignedDecisionScenario {

    static PostgresSchema schema;

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        schema = PostgresSchema.create("signed_test");
        startWith(tempDir, "127.74.2", schema.url(), schema.user(), schema.password());
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer(); // first: its connections would hold the schema
        if (schema != null) {
            schema.drop();
        }
    }
}

package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan detail, reports and host history on PostgreSQL (a schema of its own, as {@link ApiServerPostgresIT}), fleet on
 * 127.73.3.x; skipped where REMEDIATOR_TEST_POSTGRES_URL is not set.
 */
class ApiPlanDetailPostgresIT extends ApiPlanDetailScenario {

    static PostgresSchema schema;

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        schema = PostgresSchema.create("detail_test");
        subnet = "127.73.3";
        ApiServerScenario.start(tempDir, subnet, schema.url(), schema.user(), schema.password());
    }

    @AfterAll
    static void dropSchema() throws Exception {
        ApiServerScenario.stopServer(); // first: its connections would hold the schema
        if (schema != null) {
            schema.drop();
        }
    }
}

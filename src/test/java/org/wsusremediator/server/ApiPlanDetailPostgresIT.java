package org.wsusremediator.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan detail, reports and host history on PostgreSQL (a schema of its own, as {@link ApiServerPostgresIT}), fleet on
 * 127.73.3.x; skipped where REMEDIATOR_TEST_POSTGRES_URL is not set.
 */
class ApiPlanDetailPostgresIT extends ApiPlanDetailScenario {

    static String url;
    static String user;
    static String password;
    static String schema;

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        url = System.getenv("REMEDIATOR_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "REMEDIATOR_TEST_POSTGRES_URL is not set");
        user = System.getenv("REMEDIATOR_TEST_POSTGRES_USER");
        password = System.getenv("REMEDIATOR_TEST_POSTGRES_PASSWORD");
        schema = "detail_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        subnet = "127.73.3";
        ApiServerScenario.start(tempDir, subnet, url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema,
                user, password);
    }

    @AfterAll
    static void dropSchema() throws Exception {
        ApiServerScenario.stopServer(); // first: its connections would hold the schema
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

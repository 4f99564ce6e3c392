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
 * {@link ApiSignedDecisionIT} with the server's store on PostgreSQL (a schema of its own), fleet on 127.74.2.x;
 * skipped where REMEDIATOR_TEST_POSTGRES_URL is not set (src/test/postgres/start-postgres.sh sets it; CI always does).
 */
class ApiSignedDecisionPostgresIT extends ApiSignedDecisionIT {

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
        schema = "signed_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        startWith(tempDir, "127.74.2", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer(); // first: its connections would hold the schema
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}

package org.wsusremediator.server;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A PostgreSQL schema of its own for one server IT, on the database REMEDIATOR_TEST_POSTGRES_URL names (with _USER and
 * _PASSWORD; src/test/postgres/start-postgres.sh sets them, CI always does): the IT is skipped where it is not set.
 * {@link #url()} points the server's store into the schema; {@link #drop()} removes it, after the server has stopped
 * (its connections would hold the schema).
 */
record PostgresSchema(String baseUrl, String user, String password, String name) {

    static PostgresSchema create(String prefix) throws SQLException {
        String base = System.getenv("REMEDIATOR_TEST_POSTGRES_URL");
        assumeTrue(base != null && !base.isBlank(), "REMEDIATOR_TEST_POSTGRES_URL is not set");
        PostgresSchema schema = new PostgresSchema(base, System.getenv("REMEDIATOR_TEST_POSTGRES_USER"),
                System.getenv("REMEDIATOR_TEST_POSTGRES_PASSWORD"), prefix + "_" + UUID.randomUUID().toString().replace("-", ""));
        schema.execute("CREATE SCHEMA " + schema.name);
        return schema;
    }

    /** The store's JDBC URL: the database's, in this schema. */
    String url() {
        return baseUrl + (baseUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    void drop() throws SQLException {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(baseUrl, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}

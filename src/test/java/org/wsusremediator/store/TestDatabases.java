package org.wsusremediator.store;

import org.junit.jupiter.api.Named;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The databases the store tests run against: always an H2 file in a temporary directory; PostgreSQL too when
 * REMEDIATOR_TEST_POSTGRES_URL (with _USER and _PASSWORD) is set, each test in a schema of its own.
 */
public final class TestDatabases {

    static final String PG_URL = "REMEDIATOR_TEST_POSTGRES_URL";

    /** Where one test's store lives; its server key and audit anchor are in {@code consentDirectory}. */
    public record Db(String kind, String url, String user, String password, Path consentDirectory) {
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        public Store open() {
            return Store.open(url, user, password, consentDirectory);
        }
    }

    /** Makes a fresh, empty database for one test; {@code cleanups} undo it afterwards. */
    public interface Target {
        Db create(Path tempDir, List<Runnable> cleanups) throws SQLException;
    }

    private TestDatabases() {
    }

    /**
     * Only PostgreSQL (none without it, outside CI): for what H2 does not do at all (several processes on one database,
     * SKIP LOCKED), rather than an H2 case that could only ever be skipped. Use with
     * {@code @ParameterizedTest(allowZeroInvocations = true)}.
     */
    public static Stream<Named<Target>> postgres() {
        return all().filter(t -> !t.getName().startsWith("H2"));
    }

    public static Stream<Named<Target>> all() {
        List<Named<Target>> out = new ArrayList<>();
        out.add(Named.of("H2 file", (dir, cleanups) ->
                new Db("h2", Store.defaultH2Url(dir), "sa", "h2-Test-Secret-7", dir)));
        String pgUrl = System.getenv(PG_URL);
        if (pgUrl != null && !pgUrl.isBlank()) {
            String user = System.getenv("REMEDIATOR_TEST_POSTGRES_USER");
            String password = System.getenv("REMEDIATOR_TEST_POSTGRES_PASSWORD");
            out.add(Named.of("PostgreSQL", (dir, cleanups) -> {
                String schema = "store_test_" + UUID.randomUUID().toString().replace("-", "");
                try (Connection c = DriverManager.getConnection(pgUrl, user, password);
                     Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + schema);
                }
                cleanups.add(() -> {
                    try (Connection c = DriverManager.getConnection(pgUrl, user, password);
                         Statement s = c.createStatement()) {
                        s.execute("DROP SCHEMA " + schema + " CASCADE");
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not drop test schema " + schema, e);
                    }
                });
                String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
                // data/ in the folder: where the CLI, run there with --db, keeps the server key (Store.localConsentDirectory).
                return new Db("postgres", url, user, password, dir.resolve("data"));
            }));
        } else if (System.getenv("CI") != null) {
            throw new IllegalStateException(PG_URL + " is not set but CI is: .ci/run must start PostgreSQL"
                    + " (src/test/postgres/start-postgres.sh) and export " + PG_URL
                    + ", REMEDIATOR_TEST_POSTGRES_USER and REMEDIATOR_TEST_POSTGRES_PASSWORD"
                    + " so the store is tested on PostgreSQL as well as H2");
        }
        return out.stream();
    }
}

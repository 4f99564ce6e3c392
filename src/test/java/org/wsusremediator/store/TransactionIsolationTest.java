package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A transaction reads each statement's latest commits (READ COMMITTED), whatever the pooled connection was used for
 * before. H2's connection pool hands a connection back as it was left, and {@link Store#read} leaves it at
 * REPEATABLE READ: before the fix, a transaction that followed a read on the same connection worked in a snapshot,
 * and the plan-event outbox, which moves its cursor to the committed audit head, skipped records the snapshot hid
 * (an event that never reached one endpoint, seen in PlanEventsRouteTest on H2 under load).
 */
class TransactionIsolationTest {

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    @interface OnEachDatabase {
    }

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @OnEachDatabase
    void aTransactionAfterAReadSeesWhatOthersCommitMeanwhile(TestDatabases.Target target) throws Exception {
        try (Store store = target.create(dir, cleanups).open()) {
            store.audit("alice", "TEST", "first", Store.jsonObject(Map.of()));
            for (int round = 0; round < 5; round++) {
                store.read("a snapshot read, as the API makes them", c -> count(c));
                long seen = store.inTransaction("count before and after another commit", c -> {
                    assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
                    long before = count(c);
                    // Another transaction commits an audit record while this one is open.
                    try {
                        CompletableFuture.runAsync(() -> store.audit("bob", "TEST", "meanwhile", Store.jsonObject(Map.of())))
                                .get(20, TimeUnit.SECONDS);
                    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException
                             | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return count(c) - before;
                });
                assertThat(seen).as("round %d: the record committed meanwhile is visible", round).isEqualTo(1);
            }
        }
    }

    private static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM audit_log")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 9, item 4: a process killed while it creates and migrates a new embedded store must leave a directory in
 * which the next open works and finds the whole schema. H2's DDL is not transactional: on a store migrated in
 * place, a kill between two statements left Flyway's history with a failed version 1 and every later command
 * failed validation. A real separate process dies abruptly ({@link OpenStoreAndHalt}, Runtime.halt) at several
 * delays after the first database file appears.
 */
class StoreMigrationKillIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "killed {0} ms after the file appeared")
    @ValueSource(ints = {0, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 350, 400, 450, 500, 600})
    void aStoreKilledDuringItsFirstMigrationOpensNextTimeWithItsWholeSchema(int delayMs) throws Exception {
        Path data = dir.resolve("data");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                OpenStoreAndHalt.class.getName(), data.toString(), Integer.toString(delayMs)))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.log").toFile())
                .start();
        assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("the child ends").isTrue();
        assertThat(child.exitValue()).as(() -> "halted by its delay:\n" + log()).isEqualTo(99);

        try (Store store = Store.open(Store.defaultH2Url(data), "sa", "")) {
            assertThat(store.auditRecords()).isEmpty();
            assertThat(store.plans()).isEmpty();
            assertThat(store.scheduledWindows()).as("the last migration's tables (Quartz) exist").isEmpty();
            assertThat(store.runs().ofPlan("none")).isEmpty();
            assertThat(store.verifyAudit().intact()).isTrue();
        }
        List<String> left = new ArrayList<>();
        try (var files = Files.list(data)) {
            files.forEach(f -> left.add(f.getFileName().toString()));
        }
        assertThat(left).as("the store is in its place").contains("remediator.mv.db");
    }

    /**
     * A store made by an older version (here: its first three migrations, V1 to V3, of V1-V7, V9-V11, V13 and V14) is
     * migrated on a copy that replaces it only when complete; its data is kept, its files stay owner-only, and no temporary file is left.
     */
    @Test
    void anExistingStoreIsMigratedOnACopyAndKeepsItsData() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        String url = Store.defaultH2Url(data);
        Flyway.configure().dataSource(url, "sa", "pw").locations("classpath:db/migration")
                .placeholders(Map.of("blobType", "BLOB")).target("3").load().migrate();
        try (Connection c = DriverManager.getConnection(url, "sa", "pw"); Statement s = c.createStatement()) {
            s.execute("INSERT INTO plans (id, requester, created_at, expires_at, inventory)"
                    + " VALUES ('p-old', 'alice', TIMESTAMP WITH TIME ZONE '2026-01-01 00:00:00Z',"
                    + " TIMESTAMP WITH TIME ZONE '2026-01-02 00:00:00Z', 'lab.yaml')");
        }
        try (Store store = Store.open(url, "sa", "pw")) {
            assertThat(store.migrationsApplied()).isEqualTo(9); // V4-V7, V9-V11, V13 and V14
            assertThat(store.plan("p-old")).isPresent();
        }
        try (Store store = Store.open(url, "sa", "pw")) {
            assertThat(store.migrationsApplied()).isZero();
            assertThat(store.plan("p-old")).isPresent();
        }
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .allMatch(n -> !n.contains("migrating") && !n.contains("creating"))
                    .contains("remediator.mv.db");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("remediator.mv.db"))))
                .isEqualTo("rw-------");
    }

    /**
     * A store that an older version left half-migrated (a failed version 1 in Flyway's history) is not opened, and
     * the message points to what to do; the file is left as it was.
     */
    @Test
    void aStoreLeftHalfMigratedByAnOlderVersionSaysWhereToLook() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        String url = Store.defaultH2Url(data);
        try (Connection c = DriverManager.getConnection(url, "sa", ""); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE \"flyway_schema_history\" (\"installed_rank\" INT NOT NULL PRIMARY KEY,"
                    + " \"version\" VARCHAR(50), \"description\" VARCHAR(200) NOT NULL, \"type\" VARCHAR(20) NOT NULL,"
                    + " \"script\" VARCHAR(1000) NOT NULL, \"checksum\" INT, \"installed_by\" VARCHAR(100) NOT NULL,"
                    + " \"installed_on\" TIMESTAMP DEFAULT CURRENT_TIMESTAMP NOT NULL, \"execution_time\" INT NOT NULL,"
                    + " \"success\" BOOLEAN NOT NULL)");
            s.execute("INSERT INTO \"flyway_schema_history\" VALUES (1, '1', 'plans approvals audit', 'SQL',"
                    + " 'V1__plans_approvals_audit.sql', 0, 'sa', CURRENT_TIMESTAMP, 5, FALSE)");
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Store.open(url, "sa", "").close())
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("failed migration")
                .hasMessageContaining("docs/approvals.md");
        assertThat(data.resolve("remediator.mv.db")).exists();
        try (var files = Files.list(data)) {
            assertThat(files.map(f -> f.getFileName().toString())).allMatch(n -> !n.contains("migrating"));
        }
    }

    private String log() {
        try {
            return Files.readString(dir.resolve("child.log"));
        } catch (java.io.IOException e) {
            return "(no log)";
        }
    }
}

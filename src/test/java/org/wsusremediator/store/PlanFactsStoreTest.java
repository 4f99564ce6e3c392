package org.wsusremediator.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

/**
 * A plan keeps each host's facts (V10) on H2 and PostgreSQL: read back as saved, none for a host that had none, and a
 * facts row edited in the database is read as it is (the API shows that it no longer matches the fingerprint), or as
 * none when it is not facts at all; the plan stays readable either way.
 */
class PlanFactsStoreTest {

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.wsusremediator.store.TestDatabases#all")
    void aPlanKeepsWhatTheProbeReadOfEachHost(TestDatabases.Target target) throws Exception {
        FactSheet facts = new FactSheet(Map.of("computer_name", "WSUS01", "dll_version", "3.1.6001.65",
                "wsus_setup_present", true, "install_type", 1));
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Plan plan = new Plan("plan-facts", "alice", now, now.plusSeconds(3600), "inventory.yaml", List.of(
                new PlannedHost("a", Action.INSTALL_KB, "SP1 without the fix", "fp", true, null, facts),
                new PlannedHost("b", Action.UNREACHABLE, "no answer", "no-facts", false, null, null)));
        try (Store store = target.create(dir, cleanups).open()) {
            store.savePlan(plan);
            List<PlannedHost> read = store.plan("plan-facts").orElseThrow().hosts();
            assertThat(read.get(0).facts()).isEqualTo(facts);
            assertThat(read.get(0).facts().values()).containsEntry("install_type", 1).containsEntry("os_caption", null);
            assertThat(read.get(1).facts()).isNull();

            edit(store, "a", "{\"dll_version\":\"3.1.6001.66\"}");
            assertThat(store.plan("plan-facts").orElseThrow().hosts().get(0).facts().values())
                    .containsEntry("dll_version", "3.1.6001.66").containsEntry("computer_name", null);
            edit(store, "a", "[\"not facts\"]");
            assertThat(store.plan("plan-facts").orElseThrow().hosts().get(0).facts()).isNull();
        }
    }

    private static void edit(Store store, String host, String json) throws Exception {
        try (Connection c = store.connect();
             PreparedStatement ps = c.prepareStatement("UPDATE plan_hosts SET facts = ? WHERE plan_id = ? AND host = ?")) {
            ps.setString(1, json);
            ps.setString(2, "plan-facts");
            ps.setString(3, host);
            ps.executeUpdate();
        }
    }
}

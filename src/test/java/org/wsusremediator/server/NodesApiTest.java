package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Role;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.Clustering;
import org.wsusremediator.store.NodeIdentity;

/**
 * {@code GET /api/v1/nodes} from QRTZ_SCHEDULER_STATE rows (written here as Quartz writes them): empty on a single node,
 * each node's host, pid, check-in and liveness, which one is this process, and a caller without a role refused.
 */
class NodesApiTest {

    private static final Admin DAVE = new Admin("dave", Set.of(Role.VIEWER), List.of("dave"), null);
    private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

    @TempDir
    Path dir;

    @Test
    @SuppressWarnings("unchecked")
    void theNodesWithTheirCheckinsAndWhichOneIsThisProcess() {
        try (Store store = Store.open(Store.defaultH2Url(dir), "sa", "h2-Test-Secret-7", dir)) {
            Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
            Map<String, Object> single = (Map<String, Object>) new NodesApi(store, Clustering.OFF, clock).nodes(DAVE);
            assertThat(single.get("clustered")).isEqualTo(false);
            assertThat(single.get("this_node")).isNull();
            assertThat((List<?>) single.get("nodes")).isEmpty();

            String me = NodeIdentity.current().instanceId();
            checkin(store, me, NOW.minusSeconds(1), 2000);
            checkin(store, "other-host:4711:1765097400123", NOW.minusSeconds(30), 2000);
            checkin(store, "<script>", NOW, 7000);
            Map<String, Object> answer = (Map<String, Object>) new NodesApi(store, Clustering.on(Duration.ofSeconds(2)),
                    clock).nodes(DAVE);
            assertThat(answer.get("clustered")).isEqualTo(true);
            assertThat(answer.get("this_node")).isEqualTo(me);
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) answer.get("nodes");
            assertThat(nodes).extracting(n -> n.get("instance_id")).containsExactly("<script>",
                    "other-host:4711:1765097400123", me);
            assertThat(nodes.get(0)).containsEntry("host", null).containsEntry("pid", null).containsEntry("live", true)
                    .containsEntry("this_node", false);
            assertThat(nodes.get(1)).containsEntry("host", "other-host").containsEntry("pid", 4711L)
                    .containsEntry("started_at", "2025-12-07T08:50:00.123Z")
                    .containsEntry("last_checkin", "2026-12-07T08:59:30Z").containsEntry("checkin_interval_seconds", 2.0)
                    .containsEntry("live", false).containsEntry("this_node", false);
            assertThat(nodes.get(2)).containsEntry("pid", ProcessHandle.current().pid()).containsEntry("live", true)
                    .containsEntry("this_node", true);

            Admin nobody = new Admin("eve", Set.of(), List.of("eve"), null);
            assertThatThrownBy(() -> new NodesApi(store, Clustering.OFF, clock).nodes(nobody))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
        }
    }

    private static void checkin(Store store, String instance, Instant at, long intervalMs) {
        store.inTransaction("check in " + instance, c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO QRTZ_SCHEDULER_STATE (SCHED_NAME, INSTANCE_NAME,"
                    + " LAST_CHECKIN_TIME, CHECKIN_INTERVAL) VALUES ('remediator', ?, ?, ?)")) {
                ps.setString(1, instance);
                ps.setLong(2, at.toEpochMilli());
                ps.setLong(3, intervalMs);
                return ps.executeUpdate();
            }
        });
    }
}

package org.wsusremediator.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.ClusterNode;
import org.wsusremediator.window.Clustering;
import org.wsusremediator.window.NodeIdentity;

/**
 * {@code GET /api/v1/nodes} (any role): the scheduler nodes sharing this server's store, as Quartz's cluster manager
 * records them (QRTZ_SCHEDULER_STATE), with their last check-in. Which node runs which run is not recorded yet: the
 * run journal fences a run by its row, not by a node (docs/cluster.md).
 */
final class NodesApi {

    private final Store store;
    private final Clustering clustering;
    private final Clock clock;

    NodesApi(Store store, Clustering clustering, Clock clock) {
        this.store = store;
        this.clustering = clustering;
        this.clock = clock;
    }

    Object nodes(Admin caller) {
        Access.requireRead(caller);
        Instant now = clock.instant();
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (ClusterNode n : ClusterNode.of(store)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("instance_id", n.instanceId());
            m.put("host", n.host());
            m.put("pid", n.pid());
            m.put("started_at", n.startedAt() == null ? null : n.startedAt().toString());
            m.put("last_checkin", n.lastCheckin().toString());
            m.put("checkin_interval_seconds", n.checkinInterval().toMillis() / 1000.0);
            m.put("live", n.live(now));
            m.put("this_node", n.thisProcess());
            nodes.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clustered", clustering.enabled());
        body.put("this_node", clustering.enabled() ? NodeIdentity.current().instanceId() : null);
        body.put("nodes", nodes);
        return body;
    }
}

package org.wsusremediator.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.ClusterNode;
import org.wsusremediator.window.Clustering;
import org.wsusremediator.store.NodeIdentity;

/**
 * {@code GET /api/v1/nodes} (any role): the scheduler nodes sharing this server's store, as Quartz's cluster manager
 * records them (QRTZ_SCHEDULER_STATE), with their last check-in, and which node runs what: the RUNNING runs of the
 * journal by the node that journaled them ({@code runs.node}), under the node when it is checked in, and in
 * {@code running} all of them (a run of a node that is gone stays there until another node takes it over).
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
        List<RunRecord> running = store.runs().all().stream().filter(r -> "RUNNING".equals(r.status())).toList();
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
            m.put("runs", running.stream().filter(r -> n.instanceId().equals(r.node())).map(RunRecord::id).toList());
            nodes.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("clustered", clustering.enabled());
        body.put("this_node", clustering.enabled() ? NodeIdentity.current().instanceId() : null);
        body.put("nodes", nodes);
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord r : running) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("run", r.id());
            m.put("plan", r.planId());
            m.put("node", r.node());
            m.put("last_heartbeat", r.heartbeatAt().toString());
            m.put("lease_seconds", r.lease() == null ? null : r.lease().toMillis() / 1000.0);
            runs.add(m);
        }
        body.put("running", runs);
        return body;
    }
}

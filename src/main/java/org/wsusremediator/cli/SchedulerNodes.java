package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.window.ClusterNode;

/**
 * The "Scheduler nodes" part of {@code status}: the clustered scheduler's nodes, their last check-in and the runs each
 * one runs, from the store (local) or {@code GET /api/v1/nodes} (--server), then the RUNNING runs of nodes that are not
 * checked in (a dead node's run, until another node takes it over). Nothing is printed on a single node, whose status
 * reads as before (its runs name their node in the plans' run lines). Every field comes from a database row and goes
 * through {@link Printable}.
 */
final class SchedulerNodes {

    private SchedulerNodes() {
    }

    static void print(List<ClusterNode> nodes, List<RunRecord> runs, Instant now, PrintWriter out) {
        if (nodes.isEmpty()) {
            return;
        }
        out.println();
        out.println("Scheduler nodes (" + nodes.size() + ", Quartz's QRTZ_SCHEDULER_STATE):");
        List<RunRecord> running = runs.stream().filter(r -> "RUNNING".equals(r.status())).toList();
        for (ClusterNode n : nodes) {
            line(n.instanceId(), n.host(), n.pid() == null ? null : n.pid().toString(), n.lastCheckin().toString(),
                    n.checkinInterval().toMillis() / 1000.0, n.live(now), running.stream()
                            .filter(r -> n.instanceId().equals(r.node())).map(RunRecord::id).toList(), out);
        }
        for (RunRecord r : running) {
            if (nodes.stream().noneMatch(n -> n.instanceId().equals(r.node()))) {
                orphan(r.id(), r.planId(), r.node(), r.heartbeatAt().toString(), out);
            }
        }
    }

    static void print(JsonNode answer, PrintWriter out) {
        JsonNode nodes = answer.path("nodes");
        if (!answer.path("clustered").asBoolean() && nodes.isEmpty()) {
            return;
        }
        out.println();
        out.println("Scheduler nodes (" + nodes.size() + ", the server's"
                + (answer.path("this_node").isTextual() ? "; it is " + Printable.line(answer.path("this_node").asText()) : "")
                + "):");
        java.util.Set<String> listed = new java.util.HashSet<>();
        for (JsonNode n : nodes) {
            List<String> runs = new java.util.ArrayList<>();
            n.path("runs").forEach(r -> runs.add(r.asText()));
            listed.add(n.path("instance_id").asText());
            line(n.path("instance_id").asText(), n.path("host").isTextual() ? n.path("host").asText() : null,
                    n.path("pid").isNumber() ? n.path("pid").asText() : null, n.path("last_checkin").asText(),
                    n.path("checkin_interval_seconds").asDouble(), n.path("live").asBoolean(), runs, out);
        }
        for (JsonNode r : answer.path("running")) {
            if (!listed.contains(r.path("node").asText())) {
                orphan(r.path("run").asText(), r.path("plan").asText(), r.path("node").isTextual()
                        ? r.path("node").asText() : null, r.path("last_heartbeat").asText(), out);
            }
        }
    }

    /** A RUNNING run whose node is not checked in: gone, or a single node's run; taken over once its lease expires. */
    private static void orphan(String run, String plan, String node, String heartbeat, PrintWriter out) {
        out.printf("  run %s of plan %s RUNNING on %s, not a checked-in node (last heartbeat %s): another node takes it"
                + " over once its lease expires%n", Printable.line(run), Printable.line(plan),
                node == null ? "an unrecorded node" : "node " + Printable.line(node), Printable.line(heartbeat));
    }

    private static void line(String id, String host, String pid, String lastCheckin, double intervalSeconds, boolean live,
            List<String> runs, PrintWriter out) {
        out.printf("  %s host %s pid %s, last check-in %s (every %s s), %s%s%n", Printable.line(id),
                host == null ? "?" : Printable.line(host), pid == null ? "?" : Printable.line(pid),
                Printable.line(lastCheckin), Printable.line(String.valueOf(intervalSeconds)),
                live ? "live" : "OVERDUE: counted as failed once another node checks in",
                runs.isEmpty() ? "" : ", running " + Printable.line(String.join(", ", runs)));
    }
}

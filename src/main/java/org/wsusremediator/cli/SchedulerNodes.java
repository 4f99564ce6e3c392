package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import org.wsusremediator.report.Printable;
import org.wsusremediator.window.ClusterNode;

/**
 * The "Scheduler nodes" part of {@code status}: the clustered scheduler's nodes and their last check-in, from the store
 * (local) or {@code GET /api/v1/nodes} (--server). Nothing is printed on a single node, whose status reads as before.
 * Every field comes from a database row and goes through {@link Printable}.
 */
final class SchedulerNodes {

    private SchedulerNodes() {
    }

    static void print(List<ClusterNode> nodes, Instant now, PrintWriter out) {
        if (nodes.isEmpty()) {
            return;
        }
        out.println();
        out.println("Scheduler nodes (" + nodes.size() + ", Quartz's QRTZ_SCHEDULER_STATE):");
        for (ClusterNode n : nodes) {
            line(n.instanceId(), n.host(), n.pid() == null ? null : n.pid().toString(), n.lastCheckin().toString(),
                    n.checkinInterval().toMillis() / 1000.0, n.live(now), out);
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
        for (JsonNode n : nodes) {
            line(n.path("instance_id").asText(), n.path("host").isTextual() ? n.path("host").asText() : null,
                    n.path("pid").isNumber() ? n.path("pid").asText() : null, n.path("last_checkin").asText(),
                    n.path("checkin_interval_seconds").asDouble(), n.path("live").asBoolean(), out);
        }
    }

    private static void line(String id, String host, String pid, String lastCheckin, double intervalSeconds, boolean live,
            PrintWriter out) {
        out.printf("  %s host %s pid %s, last check-in %s (every %s s), %s%n", Printable.line(id),
                host == null ? "?" : Printable.line(host), pid == null ? "?" : Printable.line(pid),
                Printable.line(lastCheckin), Printable.line(String.valueOf(intervalSeconds)),
                live ? "live" : "OVERDUE: counted as failed once another node checks in");
    }
}

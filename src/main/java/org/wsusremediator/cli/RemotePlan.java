package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.wsusremediator.client.ServerClient;
import org.wsusremediator.plan.PlanKind;
import org.wsusremediator.report.Printable;

/**
 * {@code plan --server}: the server scans the inventory it knows by this file's name (its configuration lists the
 * inventories; the CLI's copy is never sent) and stores the plan requested by the token's admin. Printed as the
 * local {@code plan} prints it.
 */
final class RemotePlan {

    private RemotePlan() {
    }

    static int make(ServerClient client, Path inventoryFile, PlanKind kind, PrintWriter out, String serverUrl) {
        JsonNode plan = client.createPlan(inventoryFile.toString(), kind.wireName());
        print(plan, out);
        out.println("approve with: remediator approve " + Printable.line(plan.path("id").asText())
                + " --reason \"...\" --server " + Printable.line(serverUrl) + " (by another admin)");
        boolean unresolved = false;
        for (JsonNode host : plan.path("hosts")) {
            String action = host.path("action").asText();
            unresolved |= action.equals("UNREACHABLE") || action.equals("NEEDS_REVIEW");
        }
        return unresolved ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
    }

    /** The plan's header and one line per host, as {@code plan} prints a local plan. */
    static void print(JsonNode plan, PrintWriter out) {
        out.printf("plan %s by %s, valid until %s%n", Printable.line(plan.path("id").asText()),
                Printable.line(plan.path("requester").asText()), Printable.line(plan.path("expires_at").asText()));
        for (JsonNode h : plan.path("hosts")) {
            out.printf("  %-22s %-15s %s%n", Printable.line(h.path("host").asText()), Printable.line(h.path("action").asText()),
                    h.path("needs_approval").asBoolean() ? "needs approval" : "-");
        }
    }
}

package org.wsusremediator.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.wsusremediator.client.ServerClient;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.report.Printable;

/**
 * What {@code approve}, {@code reject}, {@code apply --now} and {@code audit verify} do with {@code --server}: the same
 * step on the server, printed as the local command prints it, with the same exit codes (a refusal is the server's
 * 403/409, mapped in {@link ExitCodeMapping}).
 */
final class RemoteSteps {

    /** How often a started run is asked for its state, and the longest it is waited for. */
    private static final Duration POLL = Duration.ofSeconds(2);
    private static final Duration LONGEST_RUN = Duration.ofHours(12);
    /** A run the server accepted shows in its journal at once; one that never shows was refused as it started. */
    private static final Duration NO_RUN_YET = Duration.ofSeconds(60);

    private RemoteSteps() {
    }

    /**
     * Approves or rejects on the server; with {@code signWith}, signed with the admin's own key: the server's statement
     * for this decision is fetched, checked and signed here ({@link RemoteSignature}), and the signature sent with it.
     */
    static int decide(ServerClient client, String planId, boolean approve, List<String> hosts, String reason,
            java.nio.file.Path signWith, PrintWriter out, PrintWriter err) {
        JsonNode answer;
        if (signWith == null) {
            answer = client.decide(planId, approve, hosts, reason);
        } else {
            Decision decision = approve ? Decision.APPROVE : Decision.REJECT;
            RemoteSignature.Signed signed = RemoteSignature.sign(client.statement(planId, approve, hosts, reason),
                    signWith, planId, decision, hosts, reason, err);
            answer = client.decide(planId, approve, hosts, reason, signed.at(), signed.value());
        }
        JsonNode decision = answer.path("decision");
        out.printf("%s: %s %s %s%n", Printable.line(answer.path("plan").asText(planId)),
                Printable.line(decision.path("admin").asText()), approve ? "approved" : "rejected",
                hosts.isEmpty() ? "all hosts" : Printable.line(String.join(", ", hosts)));
        List<String> approved = new ArrayList<>();
        answer.path("approved_hosts").forEach(h -> approved.add(h.asText()));
        out.println("hosts approved to act on now: "
                + (approved.isEmpty() ? "none" : Printable.line(String.join(", ", approved))));
        return ExitCodes.OK;
    }

    /**
     * Starts the plan on the server and follows its run until it ends, printing each host's state as it changes;
     * exit 0 when every approved host ended proven (REMEDIATED or VERIFIED), else 3, as {@code apply --now}.
     */
    static int applyNow(ServerClient client, String planId, PrintWriter out, PrintWriter err) throws InterruptedException {
        // The run starts on the server a moment after the answer: ours is the plan's run that was not there before
        // (the server's clock and ours need not agree, so no time is compared).
        java.util.Set<String> before = runIdsOf(client, planId);
        JsonNode started = client.startRun(planId);
        err.println("running plan " + Printable.line(planId) + " now on the server, outside a window, for "
                + started.path("approved_hosts").size() + " approved hosts");
        err.flush();
        return follow(client, planId, before, out, err);
    }

    /**
     * Follows the run of {@code planId} that is not among {@code before} until it ends, printing each host's state as
     * it changes; exit 0 when every host it reports ended proven (REMEDIATED or VERIFIED) and the run FINISHED, else 3.
     */
    static int follow(ServerClient client, String planId, java.util.Set<String> before, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        Instant giveUp = Instant.now().plus(LONGEST_RUN);
        Instant mustHaveStarted = Instant.now().plus(NO_RUN_YET);
        Map<String, String> seen = new TreeMap<>();
        JsonNode run = null;
        while (Instant.now().isBefore(giveUp)) {
            run = newRunOf(client, planId, before);
            if (run == null && Instant.now().isAfter(mustHaveStarted)) {
                err.println("remediator: the server accepted plan " + Printable.line(planId) + " but no run of it started within "
                        + NO_RUN_YET.toSeconds() + " s; its audit trail says why (RUN_NOT_STARTED)");
                return ExitCodes.HOSTS_UNRESOLVED;
            }
            if (run != null) {
                JsonNode detail = client.run(run.path("id").asText());
                for (JsonNode wave : detail.path("waves")) {
                    for (JsonNode host : wave.path("hosts")) {
                        String name = host.path("host").asText();
                        String state = host.path("state").asText();
                        if (!state.equals(seen.put(name, state))) {
                            out.printf("  %-22s %s%n", Printable.line(name), Printable.line(state));
                            out.flush();
                        }
                    }
                }
                if (!"RUNNING".equals(detail.path("status").asText())) {
                    out.printf("run %s %s%n", Printable.line(detail.path("id").asText()), Printable.line(detail.path("status").asText()));
                    boolean allProven = !seen.isEmpty() && seen.values().stream()
                            .allMatch(s -> s.startsWith("REMEDIATED") || s.startsWith("VERIFIED"));
                    return allProven && "FINISHED".equals(detail.path("status").asText()) ? ExitCodes.OK : ExitCodes.HOSTS_UNRESOLVED;
                }
            }
            Thread.sleep(POLL.toMillis());
        }
        err.println("remediator: the run of plan " + Printable.line(planId) + " had not ended after " + LONGEST_RUN.toHours()
                + " h; it goes on on the server (status --server shows it)");
        return ExitCodes.HOSTS_UNRESOLVED;
    }

    static java.util.Set<String> runIdsOf(ServerClient client, String planId) {
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (JsonNode run : client.runs().path("runs")) {
            if (planId.equals(run.path("plan").asText())) {
                ids.add(run.path("id").asText());
            }
        }
        return ids;
    }

    /** The plan's run that was not there before this call started one, or null while none shows. */
    private static JsonNode newRunOf(ServerClient client, String planId, java.util.Set<String> before) {
        for (JsonNode run : client.runs().path("runs")) {
            if (planId.equals(run.path("plan").asText()) && !before.contains(run.path("id").asText())) {
                return run;
            }
        }
        return null;
    }

    static int verifyAudit(ServerClient client, PrintWriter out) {
        JsonNode result = client.verifyAudit();
        if (result.path("intact").asBoolean()) {
            JsonNode head = result.path("head");
            out.printf("audit trail intact: %d records; %s%n", result.path("records_checked").asLong(),
                    head.path("seq").asLong() == 0 ? "the trail is empty (head: record 0)"
                            : "head: record " + head.path("seq").asLong() + ", hash " + Printable.line(head.path("hash").asText())
                              + " (write it down to detect cut-off records)");
            return ExitCodes.OK;
        }
        out.printf("audit trail BROKEN at record %d: %s%n", result.path("first_bad_seq").asLong(),
                Printable.line(result.path("problem").asText()));
        return ExitCodes.AUDIT_BROKEN;
    }
}

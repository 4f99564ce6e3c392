package org.wsusremediator.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.ConsentException;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.report.Printable;

/**
 * {@code approve|reject --server … --sign-with KEYFILE}: the admin signs, with their own key, the statement the server
 * offers for this decision ({@code POST /plans/{id}/statement}), but only after checking it is the decision asked for.
 * The CLI re-makes the statement itself from the plan's canonical content the server sent (which it prints, host by
 * host, so the admin sees what they consent to) and the plan id, decision, hosts and reason typed here: a statement
 * about another plan, other hosts or other words is refused before anything is signed. The private key never leaves
 * this process; only the signature does.
 */
final class RemoteSignature {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** The signed statement's time (the decision's time) and the base64 signature. */
    record Signed(String at, String value) {
    }

    private RemoteSignature() {
    }

    /**
     * Checks {@code offered} (the server's answer) against what was asked, prints what is signed on {@code err}, and
     * signs it with the key in {@code keyFile}.
     *
     * @throws Refused when the key file is not trusted, or the offered statement is not the decision asked for
     */
    static Signed sign(JsonNode offered, Path keyFile, String planId, Decision decision, List<String> hosts,
            String reason, PrintWriter err) {
        AdminSigner signer;
        try {
            signer = AdminSigner.load(keyFile);
        } catch (ConsentException untrusted) {
            throw new Refused(untrusted.getMessage());
        }
        String statement = check(offered, planId, decision, hosts, reason);
        JsonNode plan = parse(offered.path("plan_statement").asText());
        err.print(summary(offered, plan, hosts));
        err.flush();
        return new Signed(offered.path("at").asText(), signer.sign(statement));
    }

    /** The statement to sign, when the server's offer is exactly the decision asked for. */
    static String check(JsonNode offered, String planId, Decision decision, List<String> hosts, String reason) {
        String planStatement = offered.path("plan_statement").asText("");
        String admin = offered.path("admin").asText("");
        JsonNode plan = parse(planStatement);
        if (!planId.equals(plan.path("id").asText())) {
            throw notAsked(planId, "its plan content is about plan '" + plan.path("id").asText() + "'");
        }
        Set<String> planHosts = new HashSet<>();
        plan.path("hosts").forEach(h -> planHosts.add(h.path("host").asText().toLowerCase(Locale.ROOT)));
        for (String host : hosts) {
            if (!planHosts.contains(host.toLowerCase(Locale.ROOT))) {
                throw notAsked(planId, "plan " + planId + " as the server gives it has no host '" + host + "'");
            }
        }
        if (admin.isBlank()) {
            throw notAsked(planId, "it names no admin");
        }
        Instant at;
        try {
            at = Instant.parse(offered.path("at").asText());
        } catch (DateTimeParseException notATime) {
            throw notAsked(planId, "its time is not a time");
        }
        // Re-made here from what was asked and the plan content shown: equal bytes, or nothing is signed.
        String expected = SignedStatement.of(new Approval(planId, admin, decision, hosts, reason.strip(), at), planStatement);
        if (!expected.equals(offered.path("statement").asText())) {
            throw notAsked(planId, "it is not the statement of " + (decision == Decision.APPROVE ? "approving " : "rejecting ")
                    + (hosts.isEmpty() ? "all hosts" : String.join(", ", hosts)) + " of that plan content with your reason");
        }
        return expected;
    }

    private static Refused notAsked(String planId, String why) {
        return new Refused("the server offered a statement for plan " + Printable.line(planId) + " that is not the"
                + " decision you asked for (" + Printable.line(why) + "); nothing was signed or sent");
    }

    private static JsonNode parse(String planStatement) {
        try {
            JsonNode plan = JSON.readTree(planStatement);
            if (plan == null || !plan.isObject()) {
                throw new Refused("the server's plan content is not a JSON object; nothing was signed or sent");
            }
            return plan;
        } catch (JsonProcessingException notJson) {
            throw new Refused("the server's plan content is not JSON; nothing was signed or sent");
        }
    }

    /** What the admin signs, host by host (the hosts decided on; all needing approval when none were named). */
    private static String summary(JsonNode offered, JsonNode plan, List<String> hosts) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("signing as %s: %s plan %s (requested by %s, expires %s), reason \"%s\", at %s%n",
                Printable.line(offered.path("admin").asText()),
                offered.path("decision").asText().toLowerCase(Locale.ROOT),
                Printable.line(plan.path("id").asText()), Printable.line(plan.path("requester").asText()),
                Printable.line(plan.path("expiresAt").asText()), Printable.line(offered.path("reason").asText()),
                Printable.line(offered.path("at").asText())));
        List<String> lines = new ArrayList<>();
        for (JsonNode h : plan.path("hosts")) {
            String name = h.path("host").asText();
            boolean decided = hosts.isEmpty() ? h.path("needsApproval").asBoolean()
                    : hosts.stream().anyMatch(n -> n.equalsIgnoreCase(name));
            if (!decided) {
                continue;
            }
            JsonNode s = h.path("settings");
            StringBuilder line = new StringBuilder(String.format("  %-22s %-15s facts %s  %s://%s:%s",
                    Printable.line(name), Printable.line(h.path("action").asText()),
                    Printable.line(abbreviated(h.path("fingerprint").asText())), Printable.line(s.path("transport").asText()),
                    Printable.line(s.path("address").asText()), Printable.line(s.path("port").asText())));
            if (s.hasNonNull("packageSha256")) {
                line.append("  package ").append(Printable.line(s.path("packageSource").asText()))
                        .append(" sha256 ").append(Printable.line(abbreviated(s.path("packageSha256").asText())))
                        .append("  arguments \"").append(Printable.line(s.path("installerArguments").asText())).append('"');
            }
            if (s.hasNonNull("recipeSha256")) {
                line.append("  recipe sha256 ").append(Printable.line(abbreviated(s.path("recipeSha256").asText())));
            }
            lines.add(line.toString());
        }
        lines.forEach(l -> text.append(l).append(System.lineSeparator()));
        return text.toString();
    }

    private static String abbreviated(String hash) {
        return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
    }
}

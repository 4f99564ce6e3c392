package org.wsusremediator.host;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.probe.Facts;
import org.wsusremediator.winrm.ErrorCategory;
import org.wsusremediator.winrm.HostTarget;

/**
 * What the scan learned and decided about one host: the body that travels through the per-host routes and
 * ends up as one row of the report. Immutable: every step returns a new one.
 *
 * @param nextStep what the action route recorded as the step that remediation would take
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"name", "group", "address", "port", "action", "reason", "errorCategory", "kbPackage",
        "elevationRequired", "nextStep", "restartPending", "remediation", "facts", "startedAt", "durationMillis", "winrmCommands"})
public record HostReport(
        @JsonIgnore HostEntry host,
        Facts facts,
        Action action,
        String reason,
        ErrorCategory errorCategory,
        String kbPackage,
        Boolean elevationRequired,
        String nextStep,
        Instant startedAt,
        Long durationMillis,
        Integer winrmCommands,
        RemediationResult remediation) implements HostTarget {

    public static HostReport start(HostEntry host) {
        return new HostReport(host, null, null, null, null, null, null, null, Instant.now(), null, null, null);
    }

    public String getName() {
        return host.name();
    }

    public String getGroup() {
        return host.group();
    }

    public String getAddress() {
        return host.address();
    }

    public int getPort() {
        return host.port();
    }

    /**
     * {@code restart pending (RebootRequired)} when the probe found the host waiting for a restart, else null (not in
     * the report). A fact shown beside the action, never an action of its own: which flag said so is in
     * {@code facts.rebootPending}.
     */
    public String getRestartPending() {
        return restartPendingNow() ? facts.rebootPending().describe() : null;
    }

    boolean restartPendingNow() {
        return facts != null && Boolean.TRUE.equals(facts.rebootPending().pending());
    }

    public HostReport withFacts(Facts newFacts) {
        return new HostReport(host, newFacts, action, reason, errorCategory, kbPackage, elevationRequired, nextStep,
                startedAt, durationMillis, winrmCommands, remediation);
    }

    public HostReport withClassification(Classification c) {
        return new HostReport(host, facts, c.action(), c.reason(), errorCategory, c.kbPackage(),
                c.action() == Action.INSTALL_KB ? c.elevationRequired() : null, nextStep, startedAt, durationMillis,
                winrmCommands, remediation);
    }

    /** The host could not be read, or its answer could not be trusted: no decision from facts. */
    public HostReport withFailure(Action outcome, ErrorCategory category, String why) {
        return new HostReport(host, facts, outcome, why, category, null, null, null, startedAt, durationMillis,
                winrmCommands, remediation);
    }

    public HostReport withNextStep(String step) {
        return new HostReport(host, facts, action, reason, errorCategory, kbPackage, elevationRequired, step,
                startedAt, durationMillis, winrmCommands, remediation);
    }

    /** The outcome of acting on the host; the facts are the last ones read (the verification's, if it ran). */
    public HostReport withRemediation(RemediationResult result, Facts latest) {
        return new HostReport(host, latest != null ? latest : facts, action, reason, errorCategory, kbPackage,
                elevationRequired, nextStep, startedAt, durationMillis, winrmCommands, result);
    }

    public HostReport finished(Integer commands) {
        long millis = Math.max(0, Instant.now().toEpochMilli() - startedAt.toEpochMilli());
        return new HostReport(host, facts, action, reason, errorCategory, kbPackage, elevationRequired, nextStep,
                startedAt, millis, commands, remediation);
    }
}

package org.wsusremediator.host;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What acting on one host did.
 *
 * @param outcome      how it ended
 * @param reason       why, in words an admin can act on (e.g. PACKAGE_HASH_MISMATCH: expected …, found …)
 * @param exitCode     the installer's exit code, when it ran
 * @param irreversible whether KB954960 was (or may have been) installed: it cannot be uninstalled (DOMAIN.md);
 *                     a recipe's changes are the admin's to undo and are not marked
 * @param restart      the restart the remediator made, when it made one; null otherwise
 * @param health       the post-install health check, when it ran; null otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RemediationResult(Outcome outcome, String reason, Integer exitCode, boolean irreversible,
                                RestartRecord restart, HealthReport health) {

    public RemediationResult(Outcome outcome, String reason, Integer exitCode, boolean irreversible) {
        this(outcome, reason, exitCode, irreversible, null, null);
    }

    public static RemediationResult of(Outcome outcome, String reason) {
        return new RemediationResult(outcome, reason, null, false);
    }

    public RemediationResult withRestart(RestartRecord record) {
        return new RemediationResult(outcome, reason, exitCode, irreversible, record, health);
    }

    public RemediationResult withHealth(HealthReport report) {
        return new RemediationResult(outcome, reason, exitCode, irreversible, restart, report);
    }
}

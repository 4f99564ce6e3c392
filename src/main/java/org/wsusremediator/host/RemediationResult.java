package org.wsusremediator.host;

/**
 * What acting on one host did.
 *
 * @param outcome      how it ended
 * @param reason       why, in words an admin can act on (e.g. PACKAGE_HASH_MISMATCH: expected …, found …)
 * @param exitCode     the installer's exit code, when it ran
 * @param irreversible whether KB954960 was (or may have been) installed: it cannot be uninstalled (DOMAIN.md);
 *                     a recipe's changes are the admin's to undo and are not marked
 */
public record RemediationResult(Outcome outcome, String reason, Integer exitCode, boolean irreversible) {

    public static RemediationResult of(Outcome outcome, String reason) {
        return new RemediationResult(outcome, reason, null, false);
    }
}

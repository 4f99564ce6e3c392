package org.wsusremediator.classify;

import java.util.Objects;

/**
 * The decision for one host.
 *
 * @param action            what to do
 * @param reason            why, in words an admin can check against the facts
 * @param kbPackage         the KB954960 package to install (e.g. WSUS3.0SP1-KB954960-x64.exe), null unless INSTALL_KB
 * @param elevationRequired whether the change must run elevated (UAC: Windows Server 2008 / NT 6.0 and later)
 */
public record Classification(Action action, String reason, String kbPackage, boolean elevationRequired) {

    public Classification {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(reason, "reason");
    }

    static Classification of(Action action, String reason) {
        return new Classification(action, reason, null, false);
    }

    Classification withReason(String newReason) {
        return new Classification(action, newReason, kbPackage, elevationRequired);
    }
}

package org.wsusremediator.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.RemediationSettings;

/**
 * What a plan is made for: remediating KB954960 (install, workaround, flag for upgrade), or restarting the hosts an
 * earlier plan left with KB954960 installed and a restart pending (action RESTART). Both are approved the same way; the
 * kind only decides which hosts get an action to approve. Chosen by the requester: {@code plan --restarts}, or
 * {@code "kind": "restarts"} in {@code POST /api/v1/plans}.
 */
public enum PlanKind {
    REMEDIATION,
    RESTARTS;

    /** The kind a request names ({@code remediation} or {@code restarts}; null means remediation). */
    public static PlanKind named(String name) {
        if (name == null) {
            return REMEDIATION;
        }
        return Arrays.stream(values()).filter(k -> k.wireName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("kind: one of " + Arrays.stream(values())
                        .map(PlanKind::wireName).collect(Collectors.joining(", "))));
    }

    /** As the API and the console name it. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The plan of this kind from a scan. */
    public Plan make(ScanReport scan, RemediationSettings remediation, String requester, Duration validFor, Instant now) {
        return this == RESTARTS ? PlanMaker.restarts(scan, remediation, requester, validFor, now)
                : PlanMaker.from(scan, remediation, requester, validFor, now);
    }
}

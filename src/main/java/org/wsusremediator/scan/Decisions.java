package org.wsusremediator.scan;

import org.wsusremediator.host.HostReport;

/**
 * What a scan records for each host: the step remediation would take on it, in the words an approver reads.
 * Scanning never changes a host. A scan step only: an approved plan's run acts on the approved action and has
 * no use for the sentence.
 */
public class Decisions {

    public HostReport nextStep(HostReport report) {
        if (report.action() == null) {
            return report;
        }
        return switch (report.action()) {
            case INSTALL_KB -> report.withNextStep("install " + report.kbPackage() + installedHow(report)
                    + ", verify DLL >= 3.1.6001.66");
            case RTM_WORKAROUND -> report.withNextStep("apply the workaround recipe, then its verification step");
            case FLAG_UPGRADE -> report.withNextStep("send an upgrade record: WSUS 3.0 SP1 then KB954960, or a later WSUS");
            // compliant, not affected, not applicable, needing review, unreachable: nothing to do on the host
            default -> report;
        };
    }

    /** Elevated through a one-time SYSTEM task where UAC filters a remote admin's token (2008 and later). */
    private static String installedHow(HostReport report) {
        return Boolean.TRUE.equals(report.elevationRequired()) ? " elevated (SYSTEM task)" : " directly (no UAC)";
    }
}

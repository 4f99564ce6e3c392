package org.wsusremediator.scan;

import org.wsusremediator.host.HostReport;

/**
 * What each action route records during a scan: the step remediation would take on the host. Scanning
 * never changes a host; these sentences are what an approver reads.
 */
public class Decisions {

    public HostReport installKb(HostReport report) {
        // Elevated through a one-time SYSTEM task where UAC filters a remote admin's token (2008 and later).
        String how = Boolean.TRUE.equals(report.elevationRequired()) ? " elevated (SYSTEM task)" : " directly (no UAC)";
        return report.withNextStep("install " + report.kbPackage() + how + ", verify DLL >= 3.1.6001.66");
    }

    public HostReport rtmWorkaround(HostReport report) {
        return report.withNextStep("apply the workaround recipe, then its verification step");
    }

    public HostReport flagUpgrade(HostReport report) {
        return report.withNextStep("send an upgrade record: WSUS 3.0 SP1 then KB954960, or a later WSUS");
    }

    public HostReport noAction(HostReport report) {
        return report;
    }
}

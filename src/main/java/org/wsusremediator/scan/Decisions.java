package org.wsusremediator.scan;

/**
 * What each action route records during a scan: the step remediation would take on the host. Scanning
 * never changes a host; these sentences are what an approver reads.
 */
public class Decisions {

    public HostReport installKb(HostReport report) {
        String how = Boolean.TRUE.equals(report.elevationRequired())
                ? " elevated (one-time SYSTEM scheduled task: UAC filters remote admin tokens)"
                : " directly (no UAC on this OS)";
        return report.withNextStep("install " + report.kbPackage() + how
                + ", then verify the client web service DLL is at 3.1.6001.66; irreversible");
    }

    public HostReport rtmWorkaround(HostReport report) {
        return report.withNextStep("apply the admin-supplied KB954960 workaround recipe, then run its verification step");
    }

    public HostReport flagUpgrade(HostReport report) {
        return report.withNextStep("flag for upgrade: WSUS 3.0 SP1 then KB954960, or a later WSUS");
    }

    public HostReport noAction(HostReport report) {
        return report;
    }
}

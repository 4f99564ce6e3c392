package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.SoftAssertions.assertSoftly;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;

/**
 * Issue 11: what independent tests found real hosts to hold and the fleet file could not say before — a VersionString
 * that is not a version or is stored as a number, a Setup key without InstallType or TargetDir, a DLL whose version
 * string is not a version or that has no version information, an installer that exits 0 and changes nothing, several
 * faults on one host (docs/simulator-localized-hosts.md section 3). Through real scans of the simulator, with
 * PowerShell and through the cmd fallback: each must end NEEDS_REVIEW (or the remediation not REMEDIATED), never a
 * wrong COMPLIANT and never an install on garbage.
 */
class OddFleetValuesTest {

    private static final String OS_2008 = """
                os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                architecture: x64
                log: { folder: LogFiles, signatures: 0 }
            """;
    private static final String OS_2003 = """
                os: { caption: "Microsoft(R) Windows(R) Server 2003, Enterprise Edition", version: 5.2.3790 }
                architecture: x86
                log: { folder: "Log Files", signatures: 0 }
            """;
    private static final String PS = "    powershell: \"2.0\"\n";
    private static final String DIR = "targetDir: 'C:\\Program Files\\Update Services\\'";

    @TempDir
    Path work;

    private static String body(String os, boolean powerShell, String wsus, String dll) {
        return os + (powerShell ? PS : "") + "    wsus: { " + wsus + " }\n" + dll;
    }

    @Test
    void oddSetupKeysAndDllsNeedReviewWithAndWithoutPowerShell() throws Exception {
        String goodDll = "    dllVersion: 3.1.6001.65\n";
        ScanFleet fleet = new ScanFleet();
        int i = 10;
        for (boolean ps : new boolean[] {true, false}) {
            String os = ps ? OS_2008 : OS_2003;
            String tag = ps ? "ps" : "cmd";
            fleet.host("garbage-version-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 'unknown (see setup log)', installType: 1, " + DIR, goodDll));
            fleet.host("dword-version-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 30106001, versionStringType: REG_DWORD, installType: 1, " + DIR, goodDll));
            fleet.host("no-installtype-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 3.1.6001.65, " + DIR + ", omit: [InstallType]", goodDll));
            fleet.host("no-targetdir-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 3.1.6001.65, installType: 1, " + DIR + ", omit: [TargetDir]", goodDll));
            fleet.host("no-both-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 3.1.6001.65, " + DIR + ", omit: [InstallType, TargetDir]", goodDll));
            fleet.host("no-dll-version-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 3.1.6001.65, installType: 1, " + DIR,
                    "    dllVersion: 3.1.6001.65\n    dllVersionInfo: false\n"));
            fleet.host("fixed-dll-garbage-string-" + tag, "127.65.5." + i++, body(os, ps, "versionString: 3.1.6001.65, installType: 1, " + DIR,
                    "    dllVersion: 3.1.6001.66\n    dllVersionString: 'KB954960 (private build)'\n"));
        }
        try (ScanFleet.Running lab = fleet.start(work, 4)) {
            List<HostReport> hosts = lab.scan();
            Map<String, HostReport> byName = hosts.stream().collect(Collectors.toMap(h -> h.host().name(), Function.identity()));
            assertSoftly(soft -> {
                for (HostReport h : hosts) {
                    String name = h.host().name();
                    if (name.equals("fixed-dll-garbage-string-ps")) {
                        // PowerShell reads the numeric version, which is 3.1.6001.66: that is a fact, not garbage.
                        soft.assertThat(h.action()).as(name + ": " + h.reason()).isEqualTo(Action.COMPLIANT);
                    } else {
                        soft.assertThat(h.action()).as(name + ": " + h.reason()).isEqualTo(Action.NEEDS_REVIEW);
                    }
                }
            });
            assertThat(byName.get("dword-version-ps").reason()).contains("VersionString");
            assertThat(byName.get("no-dll-version-ps").reason()).contains("no version information");
        }
    }

    @Test
    void anInstallerThatExitsZeroAndChangesNothingIsNotRemediatedAndSeveralFaultsHoldAtOnce() throws Exception {
        ScanFleet fleet = new ScanFleet()
                .host("no-change", "127.65.6.10", ScanFleet.SP1_2008_X64 + "    fault: installerNoChange\n")
                .host("mixed-and-reboot", "127.65.6.11", ScanFleet.SP1_2008_X64 + "    faults: [installerMixedDll, installerExit3010]\n");
        try (ScanFleet.Running lab = fleet.start(work, 2)) {
            List<HostReport> hosts = lab.remediate();
            HostReport noChange = hosts.get(0);
            assertThat(lab.simulator().host("no-change").installerRuns()).singleElement().satisfies(r -> assertThat(r.exitCode()).isZero());
            assertThat(noChange.remediation().outcome()).as(noChange.remediation().reason()).isEqualTo(Outcome.FAILED_VERIFICATION);
            assertThat(noChange.facts().dllVersion().toString()).isEqualTo("3.1.6001.65");

            HostReport both = hosts.get(1);
            assertThat(lab.simulator().host("mixed-and-reboot").installerRuns()).singleElement()
                    .satisfies(r -> assertThat(r.exitCode()).isEqualTo(3010));
            assertThat(both.facts().dllVersion().toString()).isEqualTo("3.2.7600.226");
            assertThat(both.remediation().outcome()).as(both.remediation().reason()).isEqualTo(Outcome.NEEDS_REVIEW);
            assertThat(both.remediation().reason()).contains("mixed installation");
        }
    }
}

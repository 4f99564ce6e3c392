package org.wsusremediator.remediate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.probe.Version;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * Remediation of the lab fleet through real parts: the routes in a real Camel context, WinRM4J, HTTP, and the
 * simulator modelling what each remote step does to a host. The lab is remediated twice: the second run must
 * change nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemediateLabIT {

    static final String PASSWORD = "remediate-test-secret";

    @TempDir
    static Path work;

    static FleetSimulator simulator;
    static Remediator remediator;
    static Inventory inventory;
    static ScanReport first;
    static ScanReport second;

    @BeforeAll
    static void remediateTheLabTwice() throws Exception {
        Map<String, String> env = Map.of("WSUS_LAB_PASSWORD", PASSWORD);
        // The fleet first: it writes the lab CA's certificate, which the inventory's caFile names.
        simulator = FleetSimulator.start(FleetFile.load(Path.of("inventory/lab-fleet.yaml")), env);
        Inventory lab = InventoryReader.read(Path.of("inventory/lab.yaml"));
        inventory = lab.withRemediation(lab.remediation().withUpgradeSink("file:" + work.resolve("upgrades")));
        remediator = Remediator.start(new RunSettings(work.resolve("reports"), 8, env));
        first = remediator.remediate(inventory, ScanProgress.silent(inventory.hosts().size())).report();
        second = remediator.remediate(inventory, ScanProgress.silent(inventory.hosts().size())).report();
    }

    @AfterAll
    static void stop() throws Exception {
        remediator.close();
        simulator.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            sp1-2008-x64          | REMEDIATED          | DLL at 3.1.6001.66
            sp1-2003-x86          | REMEDIATED          | DLL at 3.1.6001.66
            sp1-nops-2003         | REMEDIATED          | DLL at 3.1.6001.66
            sp1-2008-tampered     | FAILED              | PACKAGE_HASH_MISMATCH
            sp1-2008-1603         | FAILED              | INSTALLER_EXIT_1603
            sp1-2008-3010         | REBOOT_REQUIRED     | no reboot
            sp1-2008-task-hangs   | FAILED              | INSTALL_TIMEOUT
            sp1-2008-drop-install | UNKNOWN             | connection lost
            rtm-2003-workaround   | VERIFIED            | applied
            rtm-2008-recipe-fails | FAILED              | step 1
            rtm-2008-upgrade      | FLAGGED             | upgrade record
            sp1-2008-de           | REMEDIATED          | DLL at 3.1.6001.66
            sp1-2003-es           | FAILED              | PACKAGE_HASH_UNVERIFIABLE
            sp1-2008-ja           | REMEDIATED          | DLL at 3.1.6001.66
            sp1-2003r2-winrm11    | REMEDIATED          | DLL at 3.1.6001.66
            sp1-2008-denied       | FAILED              | PACKAGE_STAGING_FAILED
            """)
    void eachOutcomeWithItsReason(String host, Outcome outcome, String reasonPart) {
        HostReport report = host(first, host);
        assertThat(report.remediation()).as(host + ": " + report.reason()).isNotNull();
        assertThat(report.remediation().outcome()).as(report.remediation().reason()).isEqualTo(outcome);
        assertThat(report.remediation().reason()).contains(reasonPart);
    }

    @Test
    void theInstallsWentOverEachHostsStockTransport() {
        // stock hosts: NTLM with every message sealed; the legacy host: Basic over http
        for (String name : new String[] {"sp1-2008-x64", "sp1-2003-x86", "sp1-2008-3010", "rtm-2003-workaround"}) {
            assertThat(simulator.host(name).sealedRequestCount()).as(name).isPositive();
            assertThat(simulator.host(name).basicRequestCount()).as(name).isZero();
        }
        assertThat(simulator.host("sp1-nops-2003").installerRuns()).hasSize(1);
        assertThat(simulator.host("sp1-nops-2003").basicRequestCount()).isPositive();
        assertThat(simulator.host("sp1-nops-2003").sealedRequestCount()).isZero();
    }

    @Test
    void aHashMismatchRunsNothing() {
        assertThat(simulator.host("sp1-2008-tampered").installerRuns()).isEmpty();
        assertThat(simulator.host("sp1-2008-tampered").scheduledTasks()).isEmpty();
    }

    @Test
    void noUnelevatedInstallIsEverAttemptedOnAUacHost() {
        for (SimulatedHost host : simulator.hosts()) {
            if (host.spec().os().version().major() >= 6) {
                assertThat(host.installerRuns()).as(host.name()).allMatch(run -> run.elevated());
            }
        }
        assertThat(simulator.host("sp1-2008-x64").installerRuns()).hasSize(1);
    }

    @Test
    void noScheduledTaskSurvivesAnyPath() {
        for (SimulatedHost host : simulator.hosts()) {
            assertThat(host.scheduledTasks()).as(host.name()).isEmpty();
        }
    }

    @Test
    void verificationDecides() {
        // exit 3010 is success only because the re-probe shows the DLL at .66
        assertThat(host(first, "sp1-2008-3010").facts().dllVersion()).isEqualTo(Version.parse("3.1.6001.66"));
        // exit 1603 leaves the DLL as it was and is never called remediated (the second run tries again)
        assertThat(simulator.host("sp1-2008-1603").installerRuns()).allMatch(r -> r.exitCode() == 1603);
        assertThat(host(first, "sp1-2008-1603").facts().dllVersion()).isEqualTo(Version.parse("3.1.6001.65"));
        assertThat(host(second, "sp1-2008-1603").remediation().outcome()).isEqualTo(Outcome.FAILED);
    }

    @Test
    void aDropDuringTheInstallIsUnknownNeverRemediatedAndTheNextRunDecidesFromFacts() {
        assertThat(host(first, "sp1-2008-drop-install").remediation().outcome()).isEqualTo(Outcome.UNKNOWN);
        HostReport again = host(second, "sp1-2008-drop-install");
        assertThat(again.action()).as("the re-probe finds the DLL fixed").isEqualTo(org.wsusremediator.classify.Action.COMPLIANT);
        assertThat(simulator.host("sp1-2008-drop-install").installerRuns()).as("never a second install").hasSize(1);
    }

    @Test
    void theUpgradeSinkGetsJsonAndCsv() throws Exception {
        Path sink = work.resolve("upgrades");
        assertThat(sink.resolve("upgrade-rtm-2008-upgrade.json")).isRegularFile();
        assertThat(Files.readString(sink.resolve("upgrade-rtm-2008-upgrade.json"))).contains("\"recommendedPath\"");
        assertThat(Files.readAllLines(sink.resolve("upgrades.csv"))).anyMatch(l -> l.contains("rtm-2008-upgrade"));
    }

    /** Issue 8, item 15: scan reports and upgrade records are owner-only, directories and files, whatever the umask. */
    @Test
    void reportsAndUpgradeRecordsAreOwnerOnly() throws Exception {
        for (Path folder : List.of(work.resolve("reports"), work.resolve("upgrades"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(folder))).as("%s", folder)
                    .isEqualTo("rwx------");
            try (var files = Files.list(folder)) {
                assertThat(files.toList()).isNotEmpty().allSatisfy(f -> assertThat(
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).as("%s", f).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void whatCouldNotBeVerifiedOrStagedRanNothing() {
        for (String name : List.of("sp1-2003-es", "sp1-2008-denied")) {
            assertThat(host(first, name).remediation().reason()).as(name).contains("nothing was executed");
            assertThat(simulator.host(name).installerRuns()).as(name).isEmpty();
        }
    }

    @Test
    void theSecondRunChangesNothing() {
        for (String name : List.of("sp1-2008-x64", "sp1-2003-x86", "sp1-nops-2003", "sp1-2008-3010")) {
            assertThat(host(second, name).action()).as(name).isEqualTo(org.wsusremediator.classify.Action.COMPLIANT);
            assertThat(simulator.host(name).installerRuns()).as(name + " installed once").hasSize(1);
        }
        HostReport workaround = host(second, "rtm-2003-workaround");
        assertThat(workaround.remediation().outcome()).isEqualTo(Outcome.VERIFIED);
        assertThat(workaround.remediation().reason()).contains("no step ran");
        assertThat(workaround.remediation().irreversible()).isFalse();
    }

    static HostReport host(ScanReport report, String name) {
        return report.hosts().stream().filter(h -> h.getName().equals(name)).findFirst().orElseThrow();
    }
}

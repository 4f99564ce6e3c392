package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * {@code remediate --confirm} acts without a plan only on the simulated fleet this very process started, never
 * because an inventory says it is a lab: a flag in a file is written by whoever writes the file.
 */
class RemediateConfirmIT {

    @TempDir
    Path dir;

    @Test
    void aLabFlagWithoutAnInProcessSimulatorIsRefusedAndNothingIsInstalled() throws Exception {
        int port = TestFleets.freePort("127.54.0.11");
        // The inventory claims to be a lab but starts no simulator: its hosts are "real" as far as this process knows.
        Path inventory = TestFleets.labCopy(dir, port, text -> text.replaceAll("(?m)^simulator:.*$", "")
                .replace("  upgradeSink:", "  lab: true\n  upgradeSink:"));
        assertThat(Files.readString(inventory)).contains("lab: true").doesNotContain("simulator:");
        try (FleetSimulator elsewhere = FleetSimulator.start(FleetFile.load(dir.resolve("lab-fleet.yaml")), System.getenv())) {
            CliTest.Run run = CliTest.run("remediate", inventory.toString(), "--confirm",
                    "--report-dir", dir.resolve("reports").toString());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.err()).contains("remediator plan", "approve", "apply")
                    .contains("remediation.lab", "ignored");
            assertThat(elsewhere.hosts()).allSatisfy(h -> assertThat(h.installerRuns()).as(h.name()).isEmpty());
            assertThat(elsewhere.host("rtm-2003-workaround").registry().exists(
                    "HKEY_LOCAL_MACHINE\\SOFTWARE\\WsusRemediatorLab")).isFalse();
        }
    }

    @Test
    void aHostOutsideTheInProcessSimulatorMakesTheWholeRunRefused() throws Exception {
        int port = TestFleets.freePort("127.54.0.11");
        // The inventory's own simulator serves the lab on `port`; one more host points at another server.
        int otherPort = TestFleets.freePort("127.54.0.11");
        Path inventory = TestFleets.labCopy(dir, port, text -> text.replace(
                "      - { name: sp1-2003-x86,        address: 127.54.0.12 }",
                "      - { name: sp1-2003-x86,        address: 127.54.0.12 }\n"
                        + "      - { name: not-simulated, address: 127.54.0.11, port: " + otherPort + " }"));
        Path otherDir = Files.createDirectories(dir.resolve("other"));
        TestFleets.labCopy(otherDir, otherPort, text -> text);
        try (FleetSimulator elsewhere = FleetSimulator.start(FleetFile.load(otherDir.resolve("lab-fleet.yaml")), System.getenv())) {
            CliTest.Run run = CliTest.run("remediate", inventory.toString(), "--confirm",
                    "--report-dir", dir.resolve("reports").toString());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.REFUSED);
            assertThat(run.err()).contains("not-simulated");
            SimulatedHost target = elsewhere.host("sp1-2008-x64");
            assertThat(target.installerRuns()).isEmpty();
        }
    }

    @Test
    void theBuiltInSimulatedFleetIsRemediatedWithConfirm() throws Exception {
        int port = TestFleets.freePort("127.54.0.11");
        Path inventory = TestFleets.labCopy(dir, port, text -> text);
        CliTest.Run run = CliTest.run("remediate", inventory.toString(), "--confirm",
                "--report-dir", dir.resolve("reports").toString());

        // The lab fails on purpose on some hosts: done, not all proven.
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        assertThat(run.out()).contains("sp1-2008-x64", "REMEDIATED", "PACKAGE_HASH_MISMATCH");
    }
}

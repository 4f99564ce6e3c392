package org.wsusremediator.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.probe.ProbeScripts;
import org.wsusremediator.simulator.FleetFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The files written for comparing another client on one `remediator simulate` process describe the benchmark's own
 * fleet, and the scan's inventory reaches it the same way: so both clients meet the same hosts.
 */
class BenchFleetFilesTest {

    @Test
    void theWrittenFleetIsTheBenchmarksFleetAndTheInventoryItsHosts(@TempDir Path dir) throws Exception {
        for (ScanBenchmark.Auth auth : ScanBenchmark.Auth.values()) {
            BenchFleet fleet = new BenchFleet(5, 50, "127.87.6.1", 55991, auth);
            Path out = dir.resolve(auth.name());
            fleet.writeFiles(out, 50);

            FleetFile written = FleetFile.load(out.resolve("fleet.yaml"));
            assertThat(written.hosts()).as(auth.name()).isEqualTo(fleet.fleet().hosts());
            assertThat(written.defaults()).as(auth.name()).isEqualTo(fleet.fleet().defaults());

            Inventory inventory = InventoryReader.read(out.resolve("inventory.yaml"));
            assertThat(inventory.simulatorFleet()).as("a scan of it must start no simulator of its own").isNull();
            assertThat(inventory.parallelism()).isEqualTo(50);
            List<HostEntry> expected = fleet.inventory(50).hosts();
            assertThat(inventory.hosts()).extracting(HostEntry::name, HostEntry::address, HostEntry::port, HostEntry::auth)
                    .containsExactlyElementsOf(expected.stream()
                            .map(h -> org.assertj.core.groups.Tuple.tuple(h.name(), h.address(), h.port(), h.auth())).toList());
            assertThat(inventory.hosts()).allSatisfy(h -> assertThat(h.auth())
                    .isEqualTo(auth == ScanBenchmark.Auth.NTLM ? AuthScheme.NTLM : AuthScheme.BASIC));

            assertThat(Files.readAllLines(out.resolve("hosts.txt"))).containsExactly(
                    "127.87.6.1", "127.87.6.2", "127.87.6.3", "127.87.6.4", "127.87.6.5");
            assertThat(Files.readString(out.resolve("probe-command.txt")).strip())
                    .isEqualTo(ProbeScripts.standard().powerShellCommandLine())
                    .startsWith("powershell -NoProfile -NonInteractive -EncodedCommand ");
        }
    }
}

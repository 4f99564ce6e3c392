package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/** A second lab scan on one machine meets the first one's simulator: it says so, as bad input, naming the address. */
class LabAddressInUseTest {

    @TempDir
    Path dir;

    @Test
    void aScanWhoseSimulatorCannotListenNamesTheAddressAndExitsTwo() throws Exception {
        int port = TestFleets.freePort("127.54.0.11");
        Path inventory = TestFleets.labCopy(dir, port, text -> text);
        try (FleetSimulator first = FleetSimulator.start(FleetFile.load(dir.resolve("lab-fleet.yaml")), System.getenv())) {
            CliTest.Run run = CliTest.run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());

            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(run.err()).contains("127.54.0.", ":" + port).contains("already in use")
                    .contains("another").doesNotContain("internal error").doesNotContain("Exception");
            assertThat(dir.resolve("reports")).doesNotExist();
        }
    }
}

package org.wsusremediator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code remediator simulate FLEET}: serve a simulated fleet until interrupted, for any WinRM client to try. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Serves a simulated fleet on loopback until Ctrl-C, for any WinRM client to try.",
                "The fleet file's WSUS hosts speak WS-Management, each on its own loopback address: pywinrm,",
                "ansible -m raw and this remediator can talk to them."})
public class SimulateCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLEET", description = "fleet file, e.g. inventory/lab-fleet.yaml")
    Path fleetFile;

    private static String endpoints(FleetSimulator simulator, SimulatedHost host) {
        String http = host.hasHttpListener() ? simulator.endpoint(host.name()) : "";
        String https = host.https() == null ? "" : simulator.httpsEndpoint(host.name());
        return (http + " " + https).strip();
    }

    @Override
    public Integer call() throws Exception {
        FleetFile fleet = FleetFile.load(fleetFile);
        CountDownLatch stopped = new CountDownLatch(1);
        try (FleetSimulator simulator = SimulatedFleet.listen(fleet)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            simulator.hosts().forEach(h -> out().printf("%-22s %s  %s%n", h.name(), endpoints(simulator, h), h.fault()));
            if (simulator.certificateAuthorityFile() != null) {
                out().println("lab CA certificate (trust it for the https endpoints): " + simulator.certificateAuthorityFile());
            }
            out().println("serving " + fleet.hosts().size() + " simulated hosts; Ctrl-C stops");
            out().flush();
            stopped.await();
        }
        return ExitCodes.OK;
    }
}

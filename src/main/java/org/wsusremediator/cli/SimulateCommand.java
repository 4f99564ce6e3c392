package org.wsusremediator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code remediator simulate FLEET}: serve a simulated fleet until interrupted, for any WinRM client to try. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Serves the simulated WSUS hosts of a fleet file over WS-Management on loopback until Ctrl-C.",
                "Any WinRM client can talk to it (pywinrm, ansible -m raw, this remediator)."})
public class SimulateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FLEET", description = "fleet file, e.g. inventory/lab-fleet.yaml")
    Path fleetFile;

    @Override
    public Integer call() throws Exception {
        FleetFile fleet = FleetFile.load(fleetFile);
        CountDownLatch stopped = new CountDownLatch(1);
        try (FleetSimulator simulator = FleetSimulator.start(fleet, System.getenv())) {
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            fleet.hosts().forEach(h -> System.out.printf("%-22s http://%s:%d/wsman  %s%n", h.name(), h.address(),
                    h.effectivePort(fleet.defaults()), h.fault()));
            System.out.println("serving " + fleet.hosts().size() + " simulated hosts; Ctrl-C stops");
            stopped.await();
        }
        return ExitCodes.OK;
    }
}

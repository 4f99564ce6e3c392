package org.wsusremediator.simulator;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a fleet from the command line until interrupted, for manual checks with winrs-like clients:
 * {@code java -cp ... org.wsusremediator.simulator.FleetSimulatorMain inventory/lab-fleet.yaml}.
 * Passwords come from the process environment (e.g. WSUS_LAB_PASSWORD).
 */
public final class FleetSimulatorMain {

    private FleetSimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 1) {
            System.err.println("usage: FleetSimulatorMain FLEET.yaml");
            System.exit(2);
        }
        FleetFile fleet;
        try {
            fleet = FleetFile.load(Path.of(args[0]));
        } catch (FleetFileException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        FleetSimulator simulator = FleetSimulator.start(fleet, System.getenv());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "fleet-simulator-shutdown"));
        for (SimulatedHost h : simulator.hosts()) {
            System.out.println(h.name() + " " + (h.fault() == HostFault.REFUSE_CONNECTION ? "(refusing)" : simulator.endpoint(h.name())));
        }
        stopped.await();
    }
}

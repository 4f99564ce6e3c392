package org.wsusremediator.cli;

import java.io.PrintStream;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * Starts the simulated fleet an inventory declares ({@code simulator: lab-fleet.yaml}) before a run. This is the
 * only place that knows about simulation: the scan itself talks WinRM to whatever address the inventory names.
 */
final class SimulatedFleet {

    private SimulatedFleet() {
    }

    /** The running simulator, or null when the inventory describes real hosts. */
    static FleetSimulator startIfDeclared(Inventory inventory, PrintStream err) {
        if (inventory.simulatorFleet() == null) {
            return null;
        }
        FleetFile fleet = FleetFile.load(inventory.simulatorFleet());
        FleetSimulator simulator = FleetSimulator.start(fleet, System.getenv());
        err.printf("simulated fleet: %d hosts from %s, on loopback%n", fleet.hosts().size(), inventory.simulatorFleet());
        return simulator;
    }
}

package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.util.ArrayList;
import java.util.List;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetFileException;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.HostFault;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * The simulated fleet an inventory declares ({@code simulator: lab-fleet.yaml}), started in this process before
 * a run. This is the only place that knows about simulation: the scan itself talks WinRM to whatever address
 * the inventory names. It is also what decides that a host is simulated (and may be acted on without a plan):
 * the code that started the simulator, never a flag in a file.
 */
final class SimulatedFleet implements AutoCloseable {

    private final FleetSimulator simulator;

    private SimulatedFleet(FleetSimulator simulator) {
        this.simulator = simulator;
    }

    /** The running fleet, or null when the inventory describes real hosts. */
    static SimulatedFleet startIfDeclared(Inventory inventory, PrintWriter err) {
        if (inventory.simulatorFleet() == null) {
            return null;
        }
        FleetFile fleet;
        try {
            fleet = FleetFile.load(inventory.simulatorFleet());
        } catch (FleetFileException invalid) {
            throw new BadInput("the simulated fleet cannot be started; nothing was done.\n" + invalid.getMessage(), invalid);
        }
        FleetSimulator simulator = listen(fleet);
        err.printf("simulated fleet: %d hosts from %s, on loopback%n", fleet.hosts().size(), inventory.simulatorFleet());
        return new SimulatedFleet(simulator);
    }

    /** Starts the fleet; an address another process listens on is bad input naming it, not an internal error. */
    static FleetSimulator listen(FleetFile fleet) {
        try {
            return FleetSimulator.start(fleet, System.getenv());
        } catch (IllegalStateException cannotListen) {
            if (cannotListen.getCause() instanceof BindException) {
                // The simulator's message names the host and its address:port, then the exception it met.
                String where = cannotListen.getMessage().replace(": " + cannotListen.getCause(), "");
                throw new BadInput(where + ": the address is already in use.\nAnother simulator or lab scan is probably"
                        + " running on this machine (remediator simulate, another ./remediator run): stop it or wait for"
                        + " it to end, then run again. Nothing was done.", cannotListen);
            }
            throw cannotListen;
        }
    }

    /**
     * The hosts this fleet does not simulate, each with why: a host is simulated only if its address and port are
     * those of a simulated host of this fleet (loopback addresses, bound by this process). With
     * {@code listening}, a host the fleet declares but does not listen for (it refuses connections on purpose)
     * does not count either: something else could answer there.
     */
    List<String> whyNotServed(List<HostEntry> hosts, boolean listening) {
        List<String> problems = new ArrayList<>();
        for (HostEntry host : hosts) {
            SimulatedHost simulated = simulator.hosts().stream()
                    .filter(s -> s.address().equalsIgnoreCase(host.address()) && s.port() == host.port())
                    .findFirst().orElse(null);
            if (simulated == null) {
                problems.add(host.name() + " (" + host.address() + ":" + host.port()
                        + ") is not served by the simulated fleet this run started");
            } else if (listening && simulated.fault() == HostFault.REFUSE_CONNECTION) {
                problems.add(host.name() + " (" + host.address() + ":" + host.port()
                        + ") is declared by the simulated fleet but nothing listens there");
            }
        }
        return problems;
    }

    @Override
    public void close() {
        simulator.close();
    }
}

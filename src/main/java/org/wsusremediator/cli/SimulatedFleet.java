package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.inventory.Transport;
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

    /**
     * The fleet an inventory file names, started before the inventory is read, when that fleet writes the lab
     * CA's certificate ({@code certificateAuthority}): the inventory's {@code caFile} may name that file, which
     * exists only once the fleet has started. Null when there is nothing to start early, or when the fleet cannot
     * start for a reason the inventory's own checks report better (an invalid fleet file, a password that is not
     * set): then {@link #startIfDeclared} runs after the inventory was read, as for any fleet.
     */
    static SimulatedFleet startBeforeInventory(Path inventoryFile, PrintWriter err) {
        Path declared = InventoryReader.declaredSimulator(inventoryFile);
        if (declared == null) {
            return null;
        }
        FleetFile fleet;
        try {
            fleet = FleetFile.load(declared);
        } catch (FleetFileException invalid) {
            return null;
        }
        if (fleet.certificateAuthority() == null) {
            return null;
        }
        FleetSimulator simulator;
        try {
            simulator = listen(fleet);
        } catch (IllegalArgumentException missingPassword) {
            return null;
        }
        err.printf("simulated fleet: %d hosts from %s, on loopback; lab CA certificate in %s%n", fleet.hosts().size(),
                declared, simulator.certificateAuthorityFile());
        return new SimulatedFleet(simulator);
    }

    /** Starts the fleet; an address another process listens on is bad input naming it, not an internal error. */
    static FleetSimulator listen(FleetFile fleet) {
        try {
            return FleetSimulator.start(fleet, System.getenv());
        } catch (IllegalStateException cannotListen) {
            if (cannotListen.getCause() instanceof BindException
                    && String.valueOf(cannotListen.getCause().getMessage()).contains("Permission denied")) {
                // A privileged port (WinRM 1.1's 80) refused to a non-root user: the simulator's message says so.
                throw new BadInput(cannotListen.getMessage() + ".\nRun as root, or give java CAP_NET_BIND_SERVICE,"
                        + " or lower net.ipv4.ip_unprivileged_port_start. Nothing was done.", cannotListen);
            }
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
                    .filter(s -> s.address().equalsIgnoreCase(host.address()) && listensOn(s, host))
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

    /** Whether the simulated host has the listener the inventory visits: its HTTP or its HTTPS port. */
    private static boolean listensOn(SimulatedHost simulated, HostEntry host) {
        return host.transport() == Transport.HTTPS
                ? simulated.https() != null && simulated.https().port() == host.port()
                : simulated.hasHttpListener() && simulated.port() == host.port();
    }

    @Override
    public void close() {
        simulator.close();
    }
}

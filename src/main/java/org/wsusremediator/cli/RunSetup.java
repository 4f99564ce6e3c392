package org.wsusremediator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.wsusremediator.inventory.CredentialException;
import org.wsusremediator.inventory.CredentialResolver;
import org.wsusremediator.inventory.InvalidInventoryException;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;
import org.wsusremediator.simulator.FleetFileException;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * What every command that visits hosts does first: read and check the inventory and its credentials, check
 * the arguments, and start the simulated fleet the inventory may declare. Bad input stops here, before any
 * host is touched, with the problems printed.
 */
final class RunSetup implements AutoCloseable {

    private final Inventory inventory;
    private final int parallelism;
    private final FleetSimulator simulator;

    private RunSetup(Inventory inventory, int parallelism, FleetSimulator simulator) {
        this.inventory = inventory;
        this.parallelism = parallelism;
        this.simulator = simulator;
    }

    static RunSetup prepare(Path inventoryFile, Integer parallelism, PrintStream err) throws BadInput {
        Inventory inventory;
        try {
            inventory = InventoryReader.read(inventoryFile);
            new CredentialResolver(System.getenv()).resolveAll(inventory);
        } catch (InvalidInventoryException | CredentialException invalid) {
            throw new BadInput(inventoryFile + " cannot be used; nothing was done.\n" + invalid.getMessage());
        }
        if (parallelism != null && (parallelism < 1 || parallelism > 1024)) {
            throw new BadInput("--parallelism must be between 1 and 1024 (was " + parallelism + ")");
        }
        try {
            FleetSimulator simulator = SimulatedFleet.startIfDeclared(inventory, err);
            return new RunSetup(inventory, parallelism != null ? parallelism : inventory.parallelism(), simulator);
        } catch (FleetFileException invalid) {
            throw new BadInput("the simulated fleet cannot be started; nothing was done.\n" + invalid.getMessage());
        }
    }

    Inventory inventory() {
        return inventory;
    }

    int parallelism() {
        return parallelism;
    }

    @Override
    public void close() {
        if (simulator != null) {
            simulator.close();
        }
    }

    /** Input the command cannot run with; its message is for the admin. */
    static final class BadInput extends Exception {
        BadInput(String message) {
            super(message);
        }
    }
}

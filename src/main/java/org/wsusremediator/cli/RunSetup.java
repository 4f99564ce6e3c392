package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.CredentialException;
import org.wsusremediator.inventory.CredentialResolver;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.InvalidInventoryException;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.InventoryReader;

/**
 * What every command that visits hosts does first: read and check the inventory and its credentials, check
 * the arguments, and start the simulated fleet the inventory may declare. Bad input stops here, before any
 * host is touched, with the problems printed.
 */
final class RunSetup implements AutoCloseable {

    private final Inventory inventory;
    private final Map<String, Credential> credentials;
    private final int parallelism;
    private final SimulatedFleet simulated;

    private RunSetup(Inventory inventory, Map<String, Credential> credentials, int parallelism,
            SimulatedFleet simulated) {
        this.inventory = inventory;
        this.credentials = credentials;
        this.parallelism = parallelism;
        this.simulated = simulated;
    }

    static RunSetup prepare(Path inventoryFile, Integer parallelism, PrintWriter err) {
        return prepare(inventoryFile, parallelism, err, System.getenv());
    }

    /**
     * As {@link #prepare(Path, Integer, PrintWriter)}, resolving the inventory's {@code env:} credentials in
     * {@code environment}: the server's configured secrets, read once at its start (docs/server.md).
     */
    static RunSetup prepare(Path inventoryFile, Integer parallelism, PrintWriter err, Map<String, String> environment) {
        if (parallelism != null && (parallelism < 1 || parallelism > 1024)) {
            throw new BadInput("--parallelism must be between 1 and 1024 (was " + parallelism + ")");
        }
        // A fleet that writes the lab CA's certificate starts first: the inventory's caFile may name that file.
        SimulatedFleet early = SimulatedFleet.startBeforeInventory(inventoryFile, err);
        try {
            return prepare(inventoryFile, parallelism, err, early, environment);
        } catch (RuntimeException | Error failed) {
            if (early != null) {
                early.close();
            }
            throw failed;
        }
    }

    private static RunSetup prepare(Path inventoryFile, Integer parallelism, PrintWriter err, SimulatedFleet early,
            Map<String, String> environment) {
        Inventory inventory;
        Map<String, Credential> credentials;
        try {
            inventory = InventoryReader.read(inventoryFile);
            // Resolved once, here, for the whole run: checked before any host is touched.
            credentials = new CredentialResolver(environment).resolveAll(inventory);
        } catch (InvalidInventoryException | CredentialException invalid) {
            throw new BadInput(inventoryFile + " cannot be used; nothing was done.\n" + invalid.getMessage(), invalid);
        }
        SimulatedFleet simulated = early != null ? early : SimulatedFleet.startIfDeclared(inventory, err);
        return new RunSetup(inventory, credentials, parallelism != null ? parallelism : inventory.parallelism(),
                simulated);
    }

    Inventory inventory() {
        return inventory;
    }

    /** The inventory's credentials, resolved once when it was read; the run uses these, never resolves again. */
    Map<String, Credential> credentials() {
        return credentials;
    }

    int parallelism() {
        return parallelism;
    }

    /**
     * Why {@code hosts} may not be acted on without a plan, or an empty list when every one of them is simulated
     * by the fleet that this process started for this inventory (so nothing real can be touched); with
     * {@code listening}, each must also be listened for by that fleet (see {@link SimulatedFleet#whyNotServed}).
     */
    List<String> whyNotSimulated(List<HostEntry> hosts, boolean listening) {
        if (simulated == null) {
            return List.of("no simulated fleet was started by this run (the inventory has no 'simulator:' line),"
                    + " so its hosts are real");
        }
        return simulated.whyNotServed(hosts, listening);
    }

    @Override
    public void close() {
        if (simulated != null) {
            simulated.close();
        }
    }
}

package org.wsusremediator.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.HostFault;

/**
 * {@code remediator ARGS} in a JVM of its own whose simulated fleet runs in the test's JVM (CrashRecoveryIT kills the
 * run's process and must keep the fleet and what it recorded): local mode's lab rule ({@link LabOnly}) knows only the
 * fleets of its own process, so this process is told, in Java, the endpoints of the fleet file the test started
 * (args[0]). Test code: nothing the product reads (arguments, files, properties, environment) does this.
 */
public final class ApplyBesideTheTestsFleet {

    private ApplyBesideTheTestsFleet() {
    }

    public static void main(String[] args) {
        FleetFile fleet = FleetFile.load(Path.of(args[0]));
        List<LabOnly.SimulatedEndpoint> endpoints = fleet.hosts().stream()
                .map(h -> new LabOnly.SimulatedEndpoint(h.address(), h.effectivePort(fleet.defaults()), Transport.HTTP,
                        h.fault() != HostFault.REFUSE_CONNECTION))
                .toList();
        LabOnly.simulated = () -> endpoints;
        RemediatorCommand.main(Arrays.copyOfRange(args, 1, args.length));
    }
}

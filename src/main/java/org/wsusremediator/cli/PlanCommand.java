package org.wsusremediator.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanKind;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.report.Printable;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code remediator plan INVENTORY}: scan, and persist the proposed actions as a plan awaiting approval. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Scans the inventory and stores a plan awaiting approval.",
                "Per host: the action, the reason and a fingerprint of the facts. Writes the scan's JSON report too."})
public class PlanCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INVENTORY")
    Path inventoryFile;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where the scan's JSON report goes (default: ${DEFAULT-VALUE}, in the working directory)")
    Path reportDir;

    @Option(names = "--restarts", description = {"a restart plan: the hosts that have KB954960 installed and a restart"
            + " pending (left REBOOT_REQUIRED by a plan that did not allow restarts) get action RESTART, approved like"
            + " any other"})
    boolean restarts;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        if (server.remote()) {
            return RemotePlan.make(server.client(), inventoryFile, kind(), out(), server.server);
        }
        AdminDirectory directory = storeOptions.adminDirectory();
        Admin requester = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
        directory.policy().checkMayRequest(requester);
        try (RunSetup setup = RunSetup.prepare(inventoryFile, null, err());
             Remediator remediator = Remediator.startForScans(new RunSettings(reportDir, setup.parallelism(), System.getenv()));
             Store store = storeOptions.open()) {
            LabOnly.requireSimulated("plan", setup.inventory().hosts(), false);
            var scan = remediator.scan(setup.inventory(), setup.credentials(),
                    ScanProgress.silent(setup.inventory().hosts().size()));
            Plan plan = kind().make(scan.report(), setup.inventory().remediation(), requester.name(),
                    directory.policy().planValidity(), Instant.now());
            store.savePlan(plan);
            out().printf("plan %s by %s, valid until %s%n", plan.id(), Printable.line(plan.requester()), plan.expiresAt());
            for (PlannedHost h : plan.hosts()) {
                out().printf("  %-22s %-15s %s%n", Printable.line(h.host()), h.action(),
                        h.needsApproval() ? "needs approval" : "-");
            }
            out().println("scan report: " + scan.reportFile());
            out().println("approve with: remediator approve " + plan.id() + " --reason \"...\" (by another admin)");
            // Like scan: hosts that could not be read or need a person are in the plan without an action.
            return scan.report().hasUnresolvedHosts() ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
        }
    }

    private PlanKind kind() {
        return restarts ? PlanKind.RESTARTS : PlanKind.REMEDIATION;
    }
}

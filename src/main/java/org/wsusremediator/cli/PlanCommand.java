package org.wsusremediator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanMaker;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code remediator plan INVENTORY}: scan, and persist the proposed actions as a plan awaiting approval. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Scans the inventory and stores a plan: per host the action, the reason and a fingerprint of the facts.")
public class PlanCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INVENTORY")
    Path inventoryFile;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Admin requester;
        AdminDirectory directory;
        try {
            directory = storeOptions.adminDirectory();
            requester = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            directory.policy().checkMayRequest(requester);
        } catch (ApprovalRefused refused) {
            err.println("remediator: " + refused.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        try (RunSetup setup = RunSetup.prepare(inventoryFile, null, err);
             Remediator remediator = Remediator.start(new RunSettings(Path.of("reports"), setup.parallelism(), System.getenv()));
             Store store = storeOptions.open()) {
            var scan = remediator.scan(setup.inventory(), ScanProgress.silent(setup.inventory().hosts().size()));
            Plan plan = PlanMaker.from(scan.report(), setup.inventory().remediation(), requester.name(), directory.policy().planValidity(), Instant.now());
            store.savePlan(plan);
            out.printf("plan %s by %s, valid until %s%n", plan.id(), plan.requester(), plan.expiresAt());
            for (PlannedHost h : plan.hosts()) {
                out.printf("  %-22s %-15s %s%n", h.host(), h.action(), h.needsApproval() ? "needs approval" : "-");
            }
            out.println("approve with: remediator approve " + plan.id() + " --reason \"...\" (by another admin)");
            return ExitCodes.OK;
        } catch (RunSetup.BadInput bad) {
            err.println("remediator: " + bad.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}

package org.wsusremediator.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What approve and reject share: who decides, on which plan and hosts, why; the rules check it first. */
abstract class DecideCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN_ID")
    String planId;

    @Option(names = "--host", paramLabel = "HOST", description = "only this host (repeatable; default: all of the plan's hosts)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--reason", required = true, description = "why (recorded in the audit trail)")
    String reason;

    @Mixin
    StoreOptions storeOptions;

    abstract Decision decision();

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (Store store = storeOptions.open()) {
            AdminDirectory directory = storeOptions.adminDirectory();
            Admin admin = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
            Instant now = Instant.now();
            directory.policy().checkMayDecide(plan, admin, hosts, now);
            store.recordApproval(new Approval(plan.id(), admin.name(), decision(), hosts, reason, now));
            Set<String> approved = directory.policy().approvedHosts(plan, store.approvals(plan.id()), now);
            out.printf("%s: %s %s %s%n", plan.id(), admin.name(), decision() == Decision.APPROVE ? "approved" : "rejected",
                    hosts.isEmpty() ? "all hosts" : String.join(", ", hosts));
            out.println("hosts approved to act on now: " + (approved.isEmpty() ? "none" : String.join(", ", approved)));
            return ExitCodes.OK;
        } catch (ApprovalRefused refused) {
            err.println("remediator: refused: " + refused.getMessage());
            return ExitCodes.REFUSED;
        }
    }
}

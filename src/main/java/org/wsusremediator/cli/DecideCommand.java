package org.wsusremediator.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.Store;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What approve and reject share: who decides, on which plan and hosts, why; the rules check it first. */
abstract class DecideCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN_ID")
    String planId;

    @Option(names = "--host", paramLabel = "HOST", description = "only this host (repeatable; default: all of the plan's hosts)")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--reason", required = true, description = "why, e.g. the change ticket (recorded in the audit trail; not blank)")
    String reason;

    @Mixin
    StoreOptions storeOptions;

    abstract Decision decision();

    @Override
    public Integer call() {
        // The reason is what the audit trail keeps of why: a blank one says nothing.
        if (reason.isBlank()) {
            throw new BadInput("--reason must say why (a change ticket, a sentence); it was empty");
        }
        AdminDirectory directory = storeOptions.adminDirectory();
        try (Store store = storeOptions.open()) {
            Identity identity = StoreOptions.identity();
            Admin admin = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
            Instant now = Instant.now();
            try {
                directory.policy().checkMayDecide(plan, admin, hosts, now);
                Consent before = store.consent(plan, directory);
                if (decision() == Decision.APPROVE && !before.verified()) {
                    // A rejection is always recorded; an approval of what does not verify would approve nothing.
                    throw new ApprovalRefused(before.refusal());
                }
                directory.policy().checkNotRepeated(plan, admin, decision(), hosts, store.approvals(plan.id()));
            } catch (ApprovalRefused refused) {
                // An attempt the rules refused is kept too: a requester approving their own plan is worth knowing.
                store.audit(admin.name(), "DECISION_REFUSED", "plan " + plan.id(), Store.jsonObject(Map.of(
                        "decision", decision().name(), "hosts", hosts, "reason", refused.getMessage())));
                throw refused;
            }
            // Sealed by the store, with how this admin was identified: the run checks it against its own directory.
            store.recordApproval(new Approval(plan.id(), admin.name(), decision(), hosts, reason.strip(), now), identity);
            Set<String> approved = store.consent(plan, directory).permission(directory.policy(), now).approvedHosts();
            out().printf("%s: %s %s %s%n", plan.id(), Printable.line(admin.name()),
                    decision() == Decision.APPROVE ? "approved" : "rejected",
                    hosts.isEmpty() ? "all hosts" : Printable.line(String.join(", ", hosts)));
            out().println("hosts approved to act on now: "
                    + (approved.isEmpty() ? "none" : Printable.line(String.join(", ", approved))));
            return ExitCodes.OK;
        }
    }
}

package org.wsusremediator.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.Store;
import org.wsusremediator.workflow.Decisions;
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

    @Mixin
    ServerOptions server;

    abstract Decision decision();

    @Override
    public Integer call() {
        // The reason is what the audit trail keeps of why: a blank one says nothing.
        if (reason.isBlank()) {
            throw new BadInput("--reason must say why (a change ticket, a sentence); it was empty");
        }
        if (server.remote()) {
            return RemoteSteps.decide(server.client(), planId, decision() == Decision.APPROVE, hosts, reason.strip(), out());
        }
        AdminDirectory directory = storeOptions.adminDirectory();
        try (Store store = storeOptions.open()) {
            Admin admin = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            Decisions.Outcome outcome = new Decisions(directory, store, Clock.systemUTC())
                    .decide(admin, planId, decision(), hosts, reason, StoreOptions.identity(admin));
            Plan plan = outcome.plan();
            Set<String> approved = outcome.approvedHosts();
            out().printf("%s: %s %s %s%n", plan.id(), Printable.line(admin.name()),
                    decision() == Decision.APPROVE ? "approved" : "rejected",
                    hosts.isEmpty() ? "all hosts" : Printable.line(String.join(", ", hosts)));
            out().println("hosts approved to act on now: "
                    + (approved.isEmpty() ? "none" : Printable.line(String.join(", ", approved))));
            return ExitCodes.OK;
        }
    }
}

package org.wsusremediator.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wsusremediator.consent.AdminSignature;
import org.wsusremediator.consent.AdminSigner;
import org.wsusremediator.consent.ConsentException;
import org.wsusremediator.consent.SignedStatement;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
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

    @Option(names = "--sign-with", paramLabel = "KEYFILE", description = {"sign the decision with your own Ed25519"
            + " private key (PKCS#8 PEM from 'remediator admin keygen', a file you own, mode 0600); required to approve"
            + " when the admin file gives you a signingKey"})
    Path signWith;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    ServerOptions server;

    abstract Decision decision();

    /**
     * Signs this decision with the admin's own key: the plan as the store holds it (its seal is checked when the
     * decision is recorded), the admin, the decision, the hosts, the reason and now. Whether the key is the admin's is
     * checked by {@link Decisions}, against the admin file's signingKey.
     */
    private AdminSignature sign(Admin admin, Store store) {
        AdminSigner signer;
        try {
            signer = AdminSigner.load(signWith);
        } catch (ConsentException untrusted) {
            throw new Refused(untrusted.getMessage());
        }
        Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Approval approval = new Approval(plan.id(), admin.name(), decision(), List.copyOf(hosts), reason.strip(), at);
        return new AdminSignature(at, signer.sign(SignedStatement.of(approval, plan)));
    }

    @Override
    public Integer call() {
        // The reason is what the audit trail keeps of why: a blank one says nothing.
        if (reason.isBlank()) {
            throw new BadInput("--reason must say why (a change ticket, a sentence); it was empty");
        }
        if (server.remote()) {
            return RemoteSteps.decide(server.client(), planId, decision() == Decision.APPROVE, hosts, reason.strip(),
                    signWith, out(), err());
        }
        AdminDirectory directory = storeOptions.adminDirectory();
        try (Store store = storeOptions.open()) {
            Admin admin = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            store.plan(planId).ifPresent(plan -> LabOnly.requireLoopback(decision() == Decision.APPROVE ? "approve"
                    : "reject", plan));
            AdminSignature signature = signWith == null ? null : sign(admin, store);
            Decisions.Outcome outcome = new Decisions(directory, store, Clock.systemUTC())
                    .decide(admin, planId, decision(), hosts, reason, StoreOptions.identity(admin), signature);
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

package org.wsusremediator.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.apply.HostRun;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.report.Printable;
import org.wsusremediator.report.RunSummary;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator apply PLAN --now}: runs a plan's approved hosts outside a change window, when the window
 * configuration allows it (applyNow: true). The audit trail records who did it and that no window applied.
 * Plans normally run in their change window, started by {@code remediator serve}.
 */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Runs a plan's approved hosts now, outside a change window, if the window file allows it.",
                "Needs applyNow: true in the window file. Waves, drift check, failure budget and journal apply as in a",
                "window. Plans normally run at their window's start: see 'remediator serve'."})
public class ApplyCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "PLAN_ID")
    String planId;

    @Option(names = "--now", description = "run now, outside a window (required; audited)")
    boolean now;

    @Mixin
    WindowOptions windows;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where reports go (default: ${DEFAULT-VALUE}, in the working directory)")
    Path reportDir;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    ServerOptions server;

    @Override
    public Integer call() throws Exception {
        if (server.remote()) {
            // the server's own window file decides whether runs outside a window are allowed (409 otherwise)
            if (!now) {
                throw new BadInput("plan " + planId + " runs in its change window on the server; to run it now: apply "
                        + planId + " --now --server … (if the server's window file allows it)");
            }
            return RemoteSteps.applyNow(server.client(), planId, out(), err());
        }
        Schedule schedule = windows.read();
        if (!now) {
            throw new BadInput("plan " + planId + " runs in its change window (remediator serve): "
                    + StatusCommand.nextWindow(schedule, Instant.now()) + ". To run it now, outside a window: apply "
                    + planId + " --now (if " + windows.file + " allows it).");
        }
        AdminDirectory directory = storeOptions.adminDirectory();
        try (Store store = storeOptions.open()) {
            Admin admin = directory.identify(StoreOptions.osUser(), StoreOptions.adminToken());
            Plan plan = store.plan(planId).orElseThrow(() -> new ApprovalRefused("no plan '" + planId + "'"));
            if (!schedule.applyNowAllowed()) {
                store.audit(admin.name(), "APPLY_NOW_REFUSED", "plan " + plan.id(),
                        Store.jsonObject(Map.of("reason", "applyNow is false in " + windows.file)));
                throw new ApprovalRefused("apply --now is not allowed by " + windows.file + " (applyNow: false); plan "
                        + plan.id() + " runs in its change window: " + StatusCommand.nextWindow(schedule, Instant.now()));
            }
            Consent consent = store.consent(plan, directory);
            if (!consent.verified()) {
                store.audit(admin.name(), "CONSENT_REFUSED", "plan " + plan.id(),
                        Store.jsonObject(Map.of("reason", consent.refusal())));
                throw new ApprovalRefused(consent.refusal() + "; nothing was run");
            }
            try {
                consent.permission(directory.policy(), Instant.now()).orRefuse();
            } catch (ApprovalRefused refused) {
                // Approvals this directory does not count (another admin file was used to make them) say why.
                String why = refused.getMessage() + (consent.notCounted().isEmpty() ? ""
                        : " (" + String.join("; ", consent.notCounted()) + ")");
                store.audit(admin.name(), "APPLY_REFUSED", "plan " + plan.id(), Store.jsonObject(Map.of("reason", why)));
                throw new ApprovalRefused(why);
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("outsideWindow", true);
            details.put("allowedBy", windows.file + " applyNow: true");
            try (PreparedRun prepared = PreparedRun.of(plan, directory, schedule, "apply --now", admin.name(),
                    null, details, err());
                 Remediator remediator = Remediator.start(new RunSettings(reportDir, schedule.rollout().concurrency(),
                         System.getenv(), store))) {
                LabOnly.requireSimulated("apply", actedOn(plan, prepared.request().inventory()), true);
                err().println("running plan " + plan.id() + " now, outside a window, as " + Printable.line(admin.name()));
                Remediator.RunResult result = remediator.apply(prepared.request());
                RunSummary.print(result.report(), out());
                out().println("report: " + result.reportFile() + " (and .html)");
                if ("SUPERSEDED".equals(result.report().status())) {
                    throw new Refused("run " + result.report().runId() + " was SUPERSEDED: its lease expired while this"
                            + " process was stopped or cut off, and another run took plan " + plan.id() + " over; this"
                            + " run stopped acting (remediator status " + plan.id() + " shows the run that took over)");
                }
                return allProven(result.report()) ? ExitCodes.OK : ExitCodes.HOSTS_UNRESOLVED;
            }
        }
    }

    /** The inventory's entries of the plan's hosts that need approval: those a run may act on. */
    private static java.util.List<org.wsusremediator.inventory.HostEntry> actedOn(Plan plan,
            org.wsusremediator.inventory.Inventory inventory) {
        java.util.Set<String> acting = new java.util.HashSet<>();
        plan.hosts().stream().filter(h -> h.needsApproval())
                .forEach(h -> acting.add(h.host().toLowerCase(java.util.Locale.ROOT)));
        return inventory.hosts().stream()
                .filter(h -> acting.contains(h.name().toLowerCase(java.util.Locale.ROOT))).toList();
    }

    /** Every approved host of the plan is settled in a proven state. */
    static boolean allProven(RunReport report) {
        return !"ABORTED".equals(report.status()) && report.hosts().stream()
                .map(HostRun::state)
                .allMatch(s -> s.success() || s == HostState.NOT_APPROVED || s == HostState.NO_ACTION);
    }
}

package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.ChangeWindow;
import org.wsusremediator.window.Schedule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code remediator status}: plans, their approvals and host states, the runs, the windows and the next run. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows plans (approvals, host states, runs), the change windows and the next scheduled run.")
public class StatusCommand extends ConsoleCommand implements Callable<Integer> {

    @Mixin
    WindowOptions windows;

    @Mixin
    StoreOptions storeOptions;

    @Override
    public Integer call() {
        Schedule schedule = windows.read();
        AdminDirectory directory = storeOptions.adminDirectory();
        PrintWriter out = out();
        Instant now = Instant.now();
        try (Store store = storeOptions.open()) {
            List<Plan> plans = store.plans();
            out.println("Plans (" + plans.size() + "):");
            for (Plan plan : plans) {
                printPlan(store, directory, plan, now, out);
            }
            out.println();
            out.println("Change windows (" + windows.file + "):");
            Map<String, Instant> scheduled = store.scheduledWindows();
            for (ChangeWindow w : schedule.windows()) {
                out.printf("  %-20s cron \"%s\" %s, open %s, blackout dates %s%n", w.name(), w.cron(), w.timeZone().getId(),
                        w.durationText(), w.blackoutDates().isEmpty() ? "none"
                                : String.join(", ", new TreeSet<>(w.blackoutDates()).stream().map(Object::toString).toList()));
                out.printf("  %-20s next start %s; in the scheduler's store: %s%n", "",
                        w.nextStart(now).map(Object::toString).orElse("never"),
                        scheduled.containsKey(w.name()) ? String.valueOf(scheduled.get(w.name()))
                                : "not registered (remediator serve registers it)");
            }
            out.println("  apply --now outside a window: " + (schedule.applyNowAllowed() ? "allowed" : "not allowed"));
            out.println();
            out.println("Next scheduled run: " + nextWindow(schedule, now));
            return ExitCodes.OK;
        }
    }

    /** Every text that an admin typed or a host reported goes through {@link Printable}. */
    private static void printPlan(Store store, AdminDirectory directory, Plan plan, Instant now, PrintWriter out) {
        // As a run counts them: sealed decisions only, approvals only by approvers this admin file names.
        org.wsusremediator.consent.Consent consent = store.consent(plan, directory);
        List<Approval> approvals = consent.authentic();
        Set<String> approved = consent.permission(directory.policy(), now).approvedHosts();
        long needing = plan.hosts().stream().filter(PlannedHost::needsApproval).count();
        out.printf("  %s by %s, created %s, %s%n", plan.id(), Printable.line(plan.requester()), plan.createdAt(),
                plan.expiredAt(now) ? "EXPIRED " + plan.expiresAt() : "valid until " + plan.expiresAt());
        out.printf("    %d hosts, %d need approval, %d approved%n", plan.hosts().size(), needing, approved.size());
        if (!consent.verified()) {
            out.println("    CONSENT DOES NOT VERIFY: " + Printable.line(consent.refusal()));
        }
        consent.notCounted().forEach(why -> out.println("    not counted: " + Printable.line(why)));
        for (Approval a : approvals) {
            out.printf("    %-7s by %-10s %s: %s (%s)%n", a.decision(), Printable.line(a.admin()),
                    a.hosts().isEmpty() ? "all hosts" : Printable.line(String.join(", ", a.hosts())),
                    Printable.line(a.reason()), a.at());
        }
        Map<String, Integer> states = new TreeMap<>();
        store.latestHostStates(plan.id()).values().forEach(s -> states.merge(s, 1, Integer::sum));
        if (!states.isEmpty()) {
            out.println("    host states: " + String.join(", ", states.entrySet().stream()
                    .map(e -> Printable.line(e.getKey()) + " " + e.getValue()).toList()));
        }
        for (RunRecord run : store.runs().ofPlan(plan.id())) {
            out.printf("    %s %-13s %s by %s, started %s%s%n", run.id(), run.status(), Printable.line(run.cause()),
                    Printable.line(run.startedBy()), run.startedAt(),
                    run.abortReason() == null ? "" : ": " + Printable.line(run.abortReason()));
        }
    }

    /** The next window start (skipping blackout dates) in words, for messages. */
    static String nextWindow(Schedule schedule, Instant now) {
        return schedule.nextStart(now)
                .map(u -> "window " + u.window().name() + " at " + u.start() + " (until " + u.window().endOf(u.start()) + ")")
                .orElse("no window is scheduled");
    }
}

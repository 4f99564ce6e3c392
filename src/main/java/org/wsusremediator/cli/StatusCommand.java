package org.wsusremediator.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.wsusremediator.notify.Decisions;
import org.wsusremediator.notify.ExpirySweep;
import org.wsusremediator.notify.LocalDelivery;
import org.wsusremediator.notify.NotifySettings;
import org.wsusremediator.notify.PlanEvents;
import org.wsusremediator.notify.PlanState;
import org.wsusremediator.notify.PlanStatus;
import org.wsusremediator.notify.PlanStatuses;
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

/**
 * {@code remediator status}: plans with their status, approvals and host states, the runs, the windows and the next
 * run. Plans whose expiry has passed are expired first (one PLAN_EXPIRED audit record each, as {@code serve} does
 * by itself), so that what it prints is also what the audit trail says.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows plans (approvals, host states, runs), the change windows and the next scheduled run.")
public class StatusCommand extends ConsoleCommand implements Callable<Integer> {

    @Mixin
    WindowOptions windows;

    @Mixin
    StoreOptions storeOptions;

    @Mixin
    ServerOptions server;

    /** What "now" is; tests put a clock of their own here. */
    static Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        if (server.remote()) {
            return remote(server.client(), out());
        }
        Schedule schedule = windows.read();
        AdminDirectory directory = storeOptions.adminDirectory();
        NotifySettings notify = notifySettings();
        PrintWriter out = out();
        Instant now = clock.instant();
        try (Store store = storeOptions.open()) {
            // As a run counts them: sealed decisions that verify, approvals only by approvers this admin file names.
            Decisions decisions = plan -> store.consent(plan, directory).counted();
            ExpirySweep.sweep(store, directory.policy(), decisions, now);
            Map<String, Long> notifications = notify.any() ? sendPending(store, directory, decisions, notify) : Map.of();
            List<PlanState> plans = PlanStatuses.of(store, directory.policy(), decisions, now);
            Map<PlanStatus, Integer> byStatus = new java.util.EnumMap<>(PlanStatus.class);
            plans.forEach(p -> byStatus.merge(p.status(), 1, Integer::sum));
            out.println("Plans (" + plans.size() + (byStatus.isEmpty() ? "" : ": " + String.join(", ", byStatus.entrySet()
                    .stream().map(e -> e.getValue() + " " + e.getKey()).toList())) + "):");
            for (PlanState plan : plans) {
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
            SchedulerNodes.print(org.wsusremediator.window.ClusterNode.of(store), store.runs().all(), now, out);
            if (notify.any()) {
                out.printf("Notifications (%d endpoints in approvals.notify): %d sent, %d pending, %d failed%n",
                        notify.endpoints().size(), notifications.getOrDefault("SENT", 0L),
                        notifications.getOrDefault("PENDING", 0L), notifications.getOrDefault("FAILED", 0L));
            }
            return ExitCodes.OK;
        }
    }

    /** The admin file's approvals.notify list; a list with problems is bad input (the messages never hold a URI). */
    private NotifySettings notifySettings() {
        try {
            return NotifySettings.fromAdminFile(storeOptions.admins);
        } catch (IllegalArgumentException problems) {
            throw new BadInput(problems.getMessage(), problems);
        }
    }

    /**
     * Local mode: without a server, nothing else sends the plan events recorded by plan, approve and reject, so
     * status runs one poll of the plan-events route (bounded; what is left stays queued for the next status or serve).
     */
    private Map<String, Long> sendPending(Store store, AdminDirectory directory, Decisions decisions,
            NotifySettings notify) {
        try (PlanEvents events = new PlanEvents(store, directory.policy(), decisions, notify, PlanEvents.Tuning.DEFAULT, clock,
                message -> err().println("remediator: " + Printable.line(message)))) {
            if (!LocalDelivery.once(events, java.time.Duration.ofSeconds(30))) {
                err().println("remediator: sending plan events took longer than 30 s; the rest stay queued");
            }
            return events.outboxCounts();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Map.of();
        } catch (Exception e) {
            err().println("remediator: plan events were not sent (" + e.getClass().getSimpleName() + "); they stay queued");
            return Map.of();
        }
    }

    /** Every text that an admin typed or a host reported goes through {@link Printable}. */
    private static void printPlan(Store store, AdminDirectory directory, PlanState state, Instant now, PrintWriter out) {
        Plan plan = state.plan();
        org.wsusremediator.consent.Consent consent = store.consent(plan, directory);
        Set<String> approved = state.approvedHosts();
        long needing = plan.hosts().stream().filter(PlannedHost::needsApproval).count();
        out.printf("  %s %s by %s, created %s, %s%n", plan.id(), state.status(), Printable.line(plan.requester()),
                plan.createdAt(), (plan.expiredAt(now) ? "expired at " : "valid until ") + plan.expiresAt());
        out.printf("    %d hosts, %d need approval, %d approved%n", plan.hosts().size(), needing, approved.size());
        if (!consent.verified()) {
            out.println("    CONSENT DOES NOT VERIFY: " + Printable.line(consent.refusal()));
        }
        consent.notCounted().forEach(why -> out.println("    not counted: " + Printable.line(why)));
        for (Approval a : state.decisions()) {
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
        for (RunRecord run : state.runs()) {
            out.printf("    %s %-13s %s by %s, started %s%s%s%n", run.id(), run.status(), Printable.line(run.cause()),
                    Printable.line(run.startedBy()), run.startedAt(),
                    run.node() == null ? "" : " on node " + Printable.line(run.node()),
                    run.abortReason() == null ? "" : ": " + Printable.line(run.abortReason()));
        }
    }

    /**
     * {@code status --server}: the server's plans (status, decisions, host states, runs) and windows, read from its
     * API with the admin's token and printed in the shape of the local status where the API has the data. The server
     * counts decisions as its runs do, sends the plan events and expires plans itself: nothing is swept or sent here.
     */
    static int remote(org.wsusremediator.client.ServerClient client, PrintWriter out) {
        Instant now = clock.instant();
        com.fasterxml.jackson.databind.JsonNode plans = client.plans(null).path("plans");
        Map<String, List<com.fasterxml.jackson.databind.JsonNode>> runsByPlan = new java.util.HashMap<>();
        client.runs().path("runs").forEach(r -> runsByPlan.computeIfAbsent(r.path("plan").asText(),
                p -> new java.util.ArrayList<>()).add(r));
        Map<String, Integer> byStatus = new java.util.LinkedHashMap<>();
        plans.forEach(p -> byStatus.merge(upper(p.path("status").asText()), 1, Integer::sum));
        out.println("Plans (" + plans.size() + (byStatus.isEmpty() ? "" : ": " + String.join(", ", byStatus.entrySet()
                .stream().map(e -> e.getValue() + " " + Printable.line(e.getKey())).toList())) + "):");
        for (com.fasterxml.jackson.databind.JsonNode summary : plans) {
            com.fasterxml.jackson.databind.JsonNode plan = client.plan(summary.path("id").asText());
            Instant expires = Instant.parse(plan.path("expires_at").asText());
            out.printf("  %s %s by %s, created %s, %s%n", Printable.line(plan.path("id").asText()),
                    Printable.line(upper(plan.path("status").asText())), Printable.line(plan.path("requester").asText()),
                    Printable.line(plan.path("created_at").asText()),
                    (now.isBefore(expires) ? "valid until " : "expired at ") + expires);
            long needing = 0;
            Map<String, Integer> states = new TreeMap<>();
            for (com.fasterxml.jackson.databind.JsonNode h : plan.path("hosts")) {
                needing += h.path("needs_approval").asBoolean() ? 1 : 0;
                if (!h.path("state").isNull() && !h.path("state").isMissingNode()) {
                    states.merge(h.path("state").asText(), 1, Integer::sum);
                }
            }
            out.printf("    %d hosts, %d need approval, %d approved%n", plan.path("hosts").size(), needing,
                    plan.path("approved_hosts").size());
            com.fasterxml.jackson.databind.JsonNode consent = plan.path("consent");
            if (consent.has("verified") && !consent.path("verified").asBoolean()) {
                out.println("    CONSENT DOES NOT VERIFY: " + Printable.line(consent.path("refusal").asText()));
            }
            consent.path("not_counted").forEach(why -> out.println("    not counted: " + Printable.line(why.asText())));
            for (com.fasterxml.jackson.databind.JsonNode a : plan.path("decisions")) {
                com.fasterxml.jackson.databind.JsonNode hosts = a.path("hosts");
                List<String> names = new java.util.ArrayList<>();
                hosts.forEach(h -> names.add(h.asText()));
                out.printf("    %-7s by %-10s %s: %s (%s)%n", Printable.line(a.path("decision").asText()),
                        Printable.line(a.path("admin").asText()),
                        hosts.isArray() ? Printable.line(String.join(", ", names)) : "all hosts",
                        Printable.line(a.path("reason").asText()), Printable.line(a.path("at").asText()));
            }
            if (!states.isEmpty()) {
                out.println("    host states: " + String.join(", ", states.entrySet().stream()
                        .map(e -> Printable.line(e.getKey()) + " " + e.getValue()).toList()));
            }
            List<com.fasterxml.jackson.databind.JsonNode> runs = runsByPlan.getOrDefault(plan.path("id").asText(), List.of());
            runs.stream().sorted(java.util.Comparator.comparing(r -> r.path("started_at").asText())).forEach(run ->
                    out.printf("    %s %-13s %s by %s, started %s%s%s%n", Printable.line(run.path("id").asText()),
                            Printable.line(run.path("status").asText()), Printable.line(run.path("cause").asText()),
                            Printable.line(run.path("started_by").asText()), Printable.line(run.path("started_at").asText()),
                            run.path("node").isTextual() ? " on node " + Printable.line(run.path("node").asText()) : "",
                            run.path("abort_reason").isTextual() ? ": " + Printable.line(run.path("abort_reason").asText()) : ""));
        }
        out.println();
        com.fasterxml.jackson.databind.JsonNode windows = client.windows();
        out.println("Change windows (the server's):");
        for (com.fasterxml.jackson.databind.JsonNode w : windows.path("windows")) {
            List<String> blackout = new java.util.ArrayList<>();
            w.path("blackout_dates").forEach(d -> blackout.add(d.asText()));
            out.printf("  %-20s cron \"%s\" %s, open %s, blackout dates %s%n", Printable.line(w.path("name").asText()),
                    Printable.line(w.path("cron").asText()), Printable.line(w.path("time_zone").asText()),
                    Printable.line(w.path("open_for").asText()),
                    blackout.isEmpty() ? "none" : Printable.line(String.join(", ", blackout)));
            out.printf("  %-20s next start %s%n", "", w.path("next_start").isTextual()
                    ? Printable.line(w.path("next_start").asText()) : "never");
        }
        out.println("  apply --now outside a window: " + (windows.path("apply_now_allowed").asBoolean() ? "allowed"
                : "not allowed"));
        out.println();
        com.fasterxml.jackson.databind.JsonNode next = windows.path("next_start");
        out.println("Next scheduled run: " + (next.isObject() ? "window " + Printable.line(next.path("window").asText())
                + " at " + Printable.line(next.path("start").asText()) : "no window is scheduled"));
        SchedulerNodes.print(client.nodes(), out);
        return ExitCodes.OK;
    }

    private static String upper(String word) {
        return word.toUpperCase(java.util.Locale.ROOT);
    }

    /** The next window start (skipping blackout dates) in words, for messages. */
    static String nextWindow(Schedule schedule, Instant now) {
        return schedule.nextStart(now)
                .map(u -> "window " + u.window().name() + " at " + u.start() + " (until " + u.window().endOf(u.start()) + ")")
                .orElse("no window is scheduled");
    }
}

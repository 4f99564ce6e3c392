package org.wsusremediator.window;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.wsusremediator.apply.ApplyRequest;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.RunPermission;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.NodeIdentity;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;

/**
 * The steps of a change window ({@code routes/change-window.camel.yaml}): when Quartz fires a window, find
 * the plans due in it, run each until the window's end, and journal the window in the audit trail. A window
 * that fires late (the remediator was down at its start) runs only for what is left of it.
 */
public class ChangeWindowSteps {

    /** Header the change-window template sets from its {@code window} parameter: the window that fired. */
    public static final String WINDOW_NAME = "windowName";
    /** Header camel-quartz sets: when the trigger was due (a start missed while the remediator was down is late). */
    static final String SCHEDULED_FIRE_TIME = "scheduledFireTime";
    /** Headers camel-quartz sets: the firing trigger's key and the merged job data (a recovery's original start). */
    static final String TRIGGER_GROUP = "triggerGroup";
    static final String TRIGGER_NAME = "triggerName";
    static final String JOB_DATA = "mergedJobDataMap";
    /** Per plan, on the plan's exchange: what preparing it started, released once it ran or failed. */
    private static final String LAUNCH = "windowLaunch";

    /** Makes a stored plan ready to run: reads its inventory, starts a simulated fleet if it declares one. */
    public interface Launcher {
        Launch prepare(Plan plan, String cause, Instant deadline) throws Exception;
    }

    /** A plan made ready to run; closing it releases what preparing it started. */
    public interface Launch extends AutoCloseable {
        ApplyRequest request();

        @Override
        void close();
    }

    private final Store store;
    private final Schedule schedule;
    private final ApprovalPolicy policy;
    private final Launcher launcher;
    private final Consumer<String> progress;
    private final Consumer<RunReport> reports;
    private final Runnable windowDone;
    /** Plans that were due but could not run: serve --once reports them in its exit code. */
    private final AtomicInteger plansNotStarted = new AtomicInteger();

    /**
     * @param progress   one line per event, for the admin watching
     * @param reports    each plan run's report
     * @param windowDone called when a window has run (serve --once stops then)
     */
    public ChangeWindowSteps(Store store, Schedule schedule, ApprovalPolicy policy, Launcher launcher,
            Consumer<String> progress, Consumer<RunReport> reports, Runnable windowDone) {
        this.windowDone = windowDone;
        this.store = store;
        this.schedule = schedule;
        this.policy = policy;
        this.launcher = launcher;
        this.progress = progress;
        this.reports = reports;
    }

    /**
     * The window opens: the plans due in it, oldest first; none when it is blacked out or already over. A firing that
     * Quartz re-executes because the node running it died ({@link RecoveredFiring}) opens the same window again: its end
     * is counted from the original start, it is audited WINDOW_RECOVERED (not a second WINDOW_OPENED), and its plans'
     * runs left RUNNING by the dead node are taken over once their lease expires ({@link #prepare}).
     */
    public List<Plan> open(@Header(WINDOW_NAME) String name, @Header(SCHEDULED_FIRE_TIME) Date scheduled,
            @Header(TRIGGER_GROUP) String triggerGroup, @Header(TRIGGER_NAME) String triggerName,
            @Header(JOB_DATA) Map<?, ?> jobData, Exchange exchange) {
        ChangeWindow window = schedule.window(name).orElseThrow(() -> new IllegalStateException("no window " + name));
        RecoveredFiring recovered = RecoveredFiring.of(triggerGroup, triggerName, jobData).orElse(null);
        Instant start = recovered != null ? recovered.originalStart()
                : scheduled == null ? Instant.now() : scheduled.toInstant();
        Instant end = window.endOf(start);
        exchange.setProperty(WindowOpening.PROPERTY, new WindowOpening(name, end, recovered));
        String subject = "window " + name;
        if (window.blackedOut(start)) {
            store.audit(Store.SYSTEM_ACTOR, "WINDOW_SUPPRESSED", subject,
                    Store.jsonObject(Map.of("start", start.toString(), "why", "blackout date")));
            progress.accept(subject + " at " + start + " suppressed: blackout date");
            return List.of();
        }
        WindowPauses.Pause paused = WindowPauses.of(store, name);
        if (paused.paused()) {
            store.audit(Store.SYSTEM_ACTOR, "WINDOW_SUPPRESSED", subject, Store.jsonObject(Map.of("start", start.toString(),
                    "why", paused.why())));
            progress.accept(subject + " at " + start + " skipped: " + paused.why() + (paused.pausedBy() == null ? ""
                    : " at " + paused.pausedBy().at() + " (resume it with POST /api/v1/windows/" + name + "/resume)"));
            return List.of();
        }
        if (!Instant.now().isBefore(end)) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("start", start.toString());
            details.put("end", end.toString());
            if (recovered != null) {
                // Quartz recovered the firing of a node that died (or, on a single node, of this node before a crash)
                // only after the window ended: the plans' RUNNING runs are taken over by their next run.
                details.put("recoveredFrom", recovered.failedNode());
            }
            store.audit(Store.SYSTEM_ACTOR, "WINDOW_MISSED", subject, Store.jsonObject(details));
            progress.accept(subject + " of " + start + (recovered == null ? " was missed" : ", recovered from node "
                    + recovered.failedNode() + ", is over") + " (it ended at " + end + "); nothing runs");
            return List.of();
        }
        List<Plan> due = duePlans(Instant.now());
        if (recovered != null) {
            due = HeldByFailedNode.add(due, store.plans(), id -> store.runs().ofPlan(id),
                    NodeIdentity.current().instanceId(), recovered.failedNode());
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("start", start.toString());
            details.put("end", end.toString());
            details.put("plans", due.size());
            details.put("failedNode", recovered.failedNode());
            details.put("node", NodeIdentity.current().instanceId());
            store.audit(Store.SYSTEM_ACTOR, "WINDOW_RECOVERED", subject, Store.jsonObject(details));
            progress.accept(subject + " of " + start + " recovered from failed node " + recovered.failedNode()
                    + ": open until " + end + ", " + due.size() + " plan(s) due");
            return due;
        }
        store.audit(Store.SYSTEM_ACTOR, "WINDOW_OPENED", subject,
                Store.jsonObject(Map.of("start", start.toString(), "end", end.toString(), "plans", due.size())));
        progress.accept(subject + " open until " + end + ": " + due.size() + " plan(s) due");
        return due;
    }

    /** Plans not expired with at least one approved host that no run has settled yet. */
    List<Plan> duePlans(Instant now) {
        List<Plan> due = new ArrayList<>();
        for (Plan plan : store.plans()) {
            RunPermission permission = RunPermission.of(plan, policy, store.approvals(plan.id()), now);
            if (!permission.granted()) {
                continue;
            }
            Set<String> approved = permission.approvedHosts();
            Map<String, String> last = new HashMap<>();
            for (HostStateRecord r : store.hostStates(plan.id())) {
                last.put(r.host(), r.state());
            }
            if (approved.stream().anyMatch(h -> last.get(h) == null || !HostState.valueOf(last.get(h)).settled())) {
                due.add(plan);
            }
        }
        due.sort(Comparator.comparing(Plan::createdAt));
        return due;
    }

    public ApplyRequest prepare(Plan plan, @ExchangeProperty(WindowOpening.PROPERTY) WindowOpening window,
            Exchange exchange) throws Exception {
        if (window.recovered() != null) {
            awaitDeadLeases(plan, window);
        }
        Launch launch = launcher.prepare(plan, "window " + window.name(), window.end());
        exchange.setProperty(LAUNCH, launch);
        progress.accept("window " + window.name() + ": running plan " + plan.id());
        return launch.request();
    }

    /**
     * A recovered firing meets its plan's run still RUNNING under the dead node's lease: it waits until that lease has
     * expired (once, never past the window's end), so that starting the plan takes the run over and decides its
     * in-flight hosts from their facts. A lease that moved meanwhile belongs to a live owner: starting is then refused
     * (RunConflictException, the plan does not run here), as on any firing.
     */
    private void awaitDeadLeases(Plan plan, WindowOpening window) throws InterruptedException {
        Instant now = Instant.now();
        List<RunRecord> runs = store.runs().ofPlan(plan.id());
        java.util.Optional<Instant> at = LeaseWait.takeoverAt(runs, NodeIdentity.current().instanceId(), now);
        if (at.isEmpty()) {
            return;
        }
        String holders = String.join(", ", runs.stream().filter(r -> "RUNNING".equals(r.status()))
                .map(r -> r.id() + " (node " + r.node() + ")").toList());
        if (!at.get().isBefore(window.end())) {
            progress.accept("window " + window.name() + ": plan " + plan.id() + " is held by run " + holders
                    + " whose lease runs past the window's end (" + window.end() + "): not taken over in this window");
            return;
        }
        progress.accept("window " + window.name() + ": plan " + plan.id() + " is held by run " + holders
                + " of a failed node: taking it over when its lease expires at " + at.get());
        Thread.sleep(Math.max(0, java.time.Duration.between(now, at.get()).toMillis()));
    }

    public void ran(RunReport report, Exchange exchange) {
        closeLaunch(exchange);
        reports.accept(report);
    }

    /** One plan could not run (bad inventory, another process runs it, …): said and audited; the window goes on. */
    public void planFailed(Plan plan, @ExchangeProperty(WindowOpening.PROPERTY) WindowOpening window, Exchange exchange) {
        String name = window.name();
        closeLaunch(exchange);
        plansNotStarted.incrementAndGet();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        String why = failure == null ? "unknown failure" : failure.getMessage();
        progress.accept("window " + name + ": plan " + plan.id() + " did not run: " + why);
        store.audit(Store.SYSTEM_ACTOR, "RUN_NOT_STARTED", "plan " + plan.id(),
                Store.jsonObject(Map.of("window", name, "why", String.valueOf(why))));
    }

    /** How many due plans could not run since this process started (bad inventory, another process runs it, …). */
    public int plansNotStarted() {
        return plansNotStarted.get();
    }

    public void close(@ExchangeProperty(WindowOpening.PROPERTY) WindowOpening window) {
        String name = window.name();
        store.audit(Store.SYSTEM_ACTOR, "WINDOW_CLOSED", "window " + name, Store.jsonObject(Map.of()));
        progress.accept("window " + name + " done");
        windowDone.run();
    }

    private static void closeLaunch(Exchange exchange) {
        Launch launch = exchange.getProperty(LAUNCH, Launch.class);
        if (launch != null) {
            launch.close();
            exchange.removeProperty(LAUNCH);
        }
    }
}

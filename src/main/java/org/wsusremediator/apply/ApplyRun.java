package org.wsusremediator.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.LeaseLostException;
import org.wsusremediator.store.Store;

/**
 * The state of one run while it lasts, shared by the wave and host steps: the deadline, the failure budget,
 * the per-group limits and what happened to each host. Every host state is journaled in the store before the
 * run relies on it; this object only holds what the report needs.
 */
public final class ApplyRun {

    /** The exchange property that holds the run, shared by the wave and host steps of apply-plan.camel.yaml. */
    public static final String PROPERTY = "applyRun";

    private final String runId;
    private final ApplyRequest request;
    private final Store store;
    private final List<Approval> approvals;
    private final Map<String, HostRun> earlier;
    private final Map<String, HostRun> results = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    /** The restart and health check of the hosts whose visit made them, for the report. */
    private final Map<String, org.wsusremediator.host.RemediationResult> checks = new ConcurrentHashMap<>();
    private final Map<String, Semaphore> groupPermits = new ConcurrentHashMap<>();
    /** Hosts holding their group's slot: a slot is given back exactly once, whatever path the host ends on. */
    private final Set<String> holding = ConcurrentHashMap.newKeySet();
    private final Map<Integer, WaveTally> waves = new ConcurrentHashMap<>();
    private final WaveTally total = new WaveTally();
    private final Instant started = Instant.now();
    private volatile String abortReason;
    static final String SUPERSEDED_NOTE = "this run lost the plan to a later run (its lease expired while this process"
            + " was stopped or cut off); that run decides this host";
    private static final String NOT_JOURNALED = " (not journaled: " + SUPERSEDED_NOTE + ")";
    /** Set once the run learns that another run took its plan over: from then on it writes and acts on nothing. */
    private volatile LeaseLostException lost;
    /** Renews this run's lease in the journal while the run lasts; stopped once its end is journaled. */
    private volatile ScheduledExecutorService heartbeat;
    /** The report made when the run's hosts were done; its end is journaled with this report's status. */
    private volatile RunReport concluded;

    ApplyRun(String runId, ApplyRequest request, Store store, List<Approval> approvals, Map<String, HostRun> earlier) {
        this.runId = runId;
        this.request = request;
        this.store = store;
        this.approvals = List.copyOf(approvals);
        this.earlier = earlier;
    }

    public String runId() {
        return runId;
    }

    public ApplyRequest request() {
        return request;
    }

    void heartbeat(ScheduledExecutorService beat) {
        this.heartbeat = beat;
    }

    ScheduledExecutorService heartbeat() {
        return heartbeat;
    }

    void concluded(RunReport report) {
        this.concluded = report;
    }

    RunReport concluded() {
        return concluded;
    }

    /**
     * Journals a host's state in this run; returns only once it is committed. The write proves, in its own
     * transaction, that this run still owns the plan: it throws {@link LeaseLostException} when it does not.
     */
    void record(ApplyTarget target, HostState state, String detail) {
        LeaseLostException known = lost;
        if (known != null) {
            throw known;
        }
        try {
            store.recordHostState(request.plan().id(), runId, target.wave() > 0 ? target.wave() : null, target.host(),
                    state.name(), detail);
        } catch (LeaseLostException e) {
            superseded(e);
            throw e;
        }
    }

    /** The plan's host-state journal as the store holds it now, oldest first. */
    List<org.wsusremediator.store.HostStateRecord> journal() {
        return store.hostStates(request.plan().id());
    }

    /**
     * Before every remote command of an acting visit: proves that this run still owns the plan (renewing its lease),
     * or throws {@link LeaseLostException}, and the command is not sent.
     */
    void confirmOwnership() {
        LeaseLostException known = lost;
        if (known != null) {
            throw known;
        }
        if (!store.runs().renew(runId)) {
            LeaseLostException e = new LeaseLostException(runId);
            superseded(e);
            throw e;
        }
    }

    /**
     * Right before a change: the host's consent is checked again from the store (seals, chain of decisions, the run's
     * admin directory, expiry), so that a rejection recorded or a decision tampered with while the run lasted stops
     * the change. Throws {@link ConsentWithdrawn} when it no longer holds.
     */
    void checkConsent(ApplyTarget target) {
        org.wsusremediator.consent.Consent consent = store.consent(request.plan(), request.admins());
        if (request.admins() == null || !consent.verified()) {
            throw new ConsentWithdrawn("not changed: " + (request.admins() == null
                    ? "the run was given no admin directory to check the approvers against" : consent.refusal()));
        }
        if (!consent.permission(request.policy(), Instant.now()).approvedHosts().contains(target.host())) {
            throw new ConsentWithdrawn("not changed: " + target.host() + " is no longer approved (rejected, or the plan"
                    + " expired, since the run started)");
        }
    }

    /** Another run took the plan over (found by a write, a remote command or the heartbeat): stop at once. */
    void superseded(LeaseLostException how) {
        synchronized (this) {
            if (lost == null) {
                lost = how;
            }
        }
    }

    /**
     * Decides whether a host may start now, waiting for a per-group slot if needed. A host that may not start is
     * settled here as ABORTED or DEFERRED, with the reason, so it is never lost from the run.
     */
    boolean admit(ApplyTarget target) throws InterruptedException {
        if (refuse(target)) {
            return false;
        }
        Semaphore permits = groupPermits(target);
        if (permits != null) {
            permits.acquire();
            // The window may have closed, or the run aborted, while this host waited for its group.
            if (refuse(target)) {
                permits.release();
                return false;
            }
        }
        holding.add(target.host());
        startedAt.put(target.host(), Instant.now());
        try {
            // An interrupted host keeps its ACTING/ACTED state: were this run lost too, the next must still know
            // that the host may have changed.
            if (target.interrupted()) {
                record(target, target.previous(), "recovering after an interrupted run: asking the host");
            } else {
                record(target, HostState.IN_FLIGHT, "re-probe and drift check");
            }
        } catch (RuntimeException notJournaled) {
            release(target);
            throw notJournaled;
        }
        return true;
    }

    private boolean refuse(ApplyTarget target) {
        if (lost != null) {
            notStartedSuperseded(target);
            return true;
        }
        if (abortReason != null) {
            settle(target, HostState.ABORTED, "not started: " + abortReason, false, false);
            return true;
        }
        Instant deadline = request.deadline();
        if (deadline != null && !Instant.now().isBefore(deadline)) {
            settle(target, HostState.DEFERRED, "not started: the change window ended at " + deadline
                    + "; the next window picks it up", false, false);
            return true;
        }
        return false;
    }

    private Semaphore groupPermits(ApplyTarget target) {
        int perGroup = request.rollout().perGroup();
        if (perGroup <= 0) {
            return null;
        }
        String group = target.entry().group() == null ? "" : target.entry().group();
        return groupPermits.computeIfAbsent(group, g -> new Semaphore(perGroup, true));
    }

    private void release(ApplyTarget target) {
        Semaphore permits = groupPermits(target);
        if (permits != null && holding.remove(target.host())) {
            permits.release();
        }
    }

    private void notStartedSuperseded(ApplyTarget target) {
        settle(target, HostState.SUPERSEDED, "not started: " + SUPERSEDED_NOTE, false, false);
    }

    /** A host this run decided not to contact (e.g. DRIFTED: the inventory changed since approval): journaled and reported. */
    void notContacted(ApplyTarget target, HostState state, String reason) {
        settle(target, state, reason, false, false);
    }

    /** A started host ended: journal it, free its group slot, count it, and stop the run if failures pass the budget. */
    void finish(ApplyTarget target, HostState state, String reason, boolean irreversible) {
        finish(target, state, reason, irreversible, null);
    }

    /** As {@link #finish(ApplyTarget, HostState, String, boolean)}, with what the visit did beyond its outcome. */
    void finish(ApplyTarget target, HostState state, String reason, boolean irreversible,
            org.wsusremediator.host.RemediationResult done) {
        if (done != null && (done.restart() != null || done.health() != null)) {
            checks.put(target.host(), done);
        }
        try {
            settle(target, state, reason, irreversible, true);
        } finally {
            release(target);
        }
    }

    private void settle(ApplyTarget target, HostState state, String reason, boolean irreversible, boolean started) {
        // In the report before the journal: a host whose state cannot be written is still reported.
        report(target, state, reason, irreversible, started);
        if (state == HostState.SUPERSEDED) {
            return; // never journaled: the run that took the plan over decides this host from its facts
        }
        try {
            record(target, state, reason);
        } catch (LeaseLostException e) {
            report(target, state, reason + NOT_JOURNALED, irreversible, started);
            return;
        }
        if (!started || state == HostState.DRIFTED) {
            return; // neither a success nor a failure of the action: nothing was done
        }
        waves.computeIfAbsent(target.wave(), w -> new WaveTally()).count(state);
        total.count(state);
        Rollout rollout = request.rollout();
        if (abortReason == null && rollout.failureLimitExceeded(total.failures(), total.counted())) {
            abort(total.failures() + " of " + total.counted() + " hosts failed (" + total.failurePercent()
                    + "%), more than maxFailures " + rollout.maxFailurePercent() + "%");
        }
    }

    private void report(ApplyTarget target, HostState state, String reason, boolean irreversible, boolean started) {
        org.wsusremediator.host.RemediationResult done = checks.get(target.host());
        results.put(target.host(), new HostRun(target.host(), target.entry().group(), target.planned().action(), state,
                reason, started ? target.wave() : null, startedAt.get(target.host()), started ? Instant.now() : null,
                irreversible, done == null ? null : done.restart(), done == null ? null : done.health()));
    }

    /**
     * A host that could not even be journaled as IN_FLIGHT: reported NEEDS_REVIEW (the store may hold no state
     * for it) and the run stops starting hosts, since none could be journaled before being changed.
     */
    void notStarted(ApplyTarget target, String reason) {
        if (lost != null) {
            notStartedSuperseded(target);
            return;
        }
        results.put(target.host(), new HostRun(target.host(), target.entry().group(), target.planned().action(),
                HostState.NEEDS_REVIEW, reason, null, null, null, false));
        abort("the store could not be written: " + reason);
    }

    /** Before wave {@code wave} starts: the previous one must have succeeded enough, or the run stops. */
    void gate(int wave) {
        if (wave <= 1 || abortReason != null) {
            return;
        }
        WaveTally previous = waves.get(wave - 1);
        int minimum = request.rollout().minWaveSuccessPercent();
        if (previous != null && previous.counted() > 0 && !request.rollout().waveSucceeded(previous.successes(), previous.counted())) {
            abort("wave " + (wave - 1) + " succeeded on " + previous.successes() + " of " + previous.counted()
                    + " hosts (" + previous.successPercent() + "%), below minWaveSuccess " + minimum + "%");
        }
    }

    synchronized void abort(String reason) {
        if (abortReason == null) {
            abortReason = reason;
        }
    }

    String abortReason() {
        return abortReason;
    }

    /** The report: every host of the plan in plan order, as this run left it or as earlier runs did. */
    RunReport report(Instant finished) {
        List<HostRun> hosts = new ArrayList<>();
        for (PlannedHost planned : request.plan().hosts()) {
            HostRun here = results.get(planned.host());
            hosts.add(here != null ? here : earlier.get(planned.host()));
        }
        return new RunReport(runId, request.plan().id(), request.cause(), request.startedBy(), started, finished,
                request.deadline(), status(), abortReason, approvals, hosts, request.retryOf());
    }

    String status() {
        if (lost != null) {
            return "SUPERSEDED";
        }
        if (abortReason != null) {
            return "ABORTED";
        }
        return results.values().stream().anyMatch(h -> h.state() == HostState.DEFERRED) ? "WINDOW_CLOSED" : "FINISHED";
    }

    /** Successes and failures among the hosts that were acted on (DRIFTED, DEFERRED and ABORTED do not count). */
    private static final class WaveTally {
        private int counted;
        private int successes;
        private int failures;

        synchronized void count(HostState state) {
            counted++;
            if (state.success()) {
                successes++;
            }
            if (state.failure()) {
                failures++;
            }
        }

        synchronized int counted() {
            return counted;
        }

        synchronized int successes() {
            return successes;
        }

        synchronized int failures() {
            return failures;
        }

        synchronized int successPercent() {
            return counted == 0 ? 100 : successes * 100 / counted;
        }

        synchronized int failurePercent() {
            return counted == 0 ? 0 : failures * 100 / counted;
        }
    }
}

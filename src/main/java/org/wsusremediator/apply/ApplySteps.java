package org.wsusremediator.apply;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.plan.RunPermission;
import org.wsusremediator.remediate.ChangeGuard;
import org.wsusremediator.remediate.RemediationRun;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.LeaseLostException;
import org.wsusremediator.store.StaleRunViewException;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.Store;
import org.wsusremediator.winrm.WinRmConstants;
import org.wsusremediator.winrm.WinRmException;

/**
 * The plain-Java steps of the apply routes ({@code routes/apply-plan.camel.yaml}): claim the run, form the
 * waves, admit each host (deadline, abort, group slot), hand it to its action route with its guard, and settle it.
 * The run travels on the exchange as its {@link ApplyRun}, each host's part of it as its {@link HostTurn}.
 */
public class ApplySteps {

    private final Store store;

    public ApplySteps(Store store) {
        this.store = store;
    }

    /**
     * Claims the plan for this run (refused while another live process runs it), decides per host what this
     * run does with it, and returns the waves of hosts to start. Hosts that will not start (no action, not
     * approved, settled by an earlier run) go straight to the report.
     */
    public List<List<ApplyTarget>> begin(ApplyRequest request, Exchange exchange) {
        if (store == null) {
            throw new IllegalStateException("apply needs the store: start the remediator with one");
        }
        Plan plan = request.plan();
        // Everything that can fail is done before the run is journaled: a journaled run always gets finished.
        if (request.credentials() == null) {
            throw new IllegalStateException("apply needs the inventory's credentials resolved: nothing was run");
        }
        exchange.setProperty(WinRmConstants.CREDENTIALS, request.credentials());
        // The plan's id names the one-time scheduled task: a run after a crash can name what an earlier one left.
        exchange.setProperty(RemediationRun.PROPERTY,
                RemediationRun.prepare(request.inventory().remediation(), plan.id()));

        String runId = "run-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        Decided decided;
        for (int attempt = 1; ; attempt++) {
            long seen = store.runs().hostStatesWritten(plan.id());
            decided = decide(request, Instant.now());
            Map<String, Object> details = new LinkedHashMap<>(request.details());
            details.put("hostsToStart", decided.toStart());
            if (!decided.drifted().isEmpty()) {
                details.put("drifted", decided.drifted().size());
            }
            details.put("waves", decided.waves().size());
            if (request.retryOf() != null) {
                details.put("retriedHosts", decided.retried());
            }
            try {
                store.runs().start(runId, plan.id(), request.cause(), request.startedBy(), request.deadline(),
                        request.lease(), seen, details, request.retryOf());
                break;
            } catch (StaleRunViewException changed) {
                // A run thought dead wrote a host state after this one read them: decide again from what it wrote.
                if (attempt == 3) {
                    throw changed;
                }
            }
        }
        ApplyRun run = new ApplyRun(runId, request, store, decided.approvals(), decided.earlier());
        ActiveRuns.started(run); // journaled RUNNING just now: an operator may abort it from here on
        if (decided.consentRefusal() != null) {
            store.audit(Store.SYSTEM_ACTOR, "CONSENT_REFUSED", "plan " + plan.id(), Store.jsonObject(Map.of(
                    "run", runId, "reason", decided.consentRefusal(), "hosts", decided.refused().size())));
        } else if (!decided.notCounted().isEmpty()) {
            // Sealed approvals that the run's own admin directory does not count: someone decided under other rules.
            store.audit(Store.SYSTEM_ACTOR, "CONSENT_REFUSED", "plan " + plan.id(), Store.jsonObject(Map.of(
                    "run", runId, "reason", String.join("; ", decided.notCounted()))));
        }
        decided.refused().forEach((target, reason) -> run.notContacted(target, HostState.NOT_APPROVED, reason));
        decided.drifted().forEach((target, reason) -> run.notContacted(target, HostState.DRIFTED, reason));
        exchange.setProperty(ApplyRun.PROPERTY, run);
        run.heartbeat(heartbeat(exchange, run, request));
        return decided.waves();
    }

    /** What a run does with each host of its plan, decided from the journal as it stands. */
    private record Decided(List<Approval> approvals, Map<String, HostRun> earlier, int toStart,
                           Map<ApplyTarget, String> drifted, List<List<ApplyTarget>> waves,
                           String consentRefusal, Map<ApplyTarget, String> refused, List<String> notCounted,
                           List<String> retried) {
    }

    /**
     * Why no host of the plan may be acted on, from what the run checks itself before acting: the audit trail
     * against its chain and its anchor outside the database, the plan against its seal, every decision against its
     * seal, the chain of decisions and the audit trail, with the admin directory this process loaded. Null when
     * all of that holds.
     */
    private String consentRefusal(ApplyRequest request, Consent consent) {
        if (request.admins() == null) {
            return "the run was given no admin directory to check the approvers against";
        }
        AuditVerification trail = store.verifyAudit();
        if (!trail.intact()) {
            return "the audit trail does not verify (record " + trail.firstBadSeq() + ": " + trail.problem()
                    + "), so the decisions recorded in it cannot be relied on; run 'remediator audit verify'";
        }
        return consent.refusal();
    }

    private Decided decide(ApplyRequest request, Instant now) {
        Plan plan = request.plan();
        Consent consent = store.consent(plan, request.admins());
        String refusal = consentRefusal(request, consent);
        RunPermission permission = consent.permission(request.policy(), now);
        if (permission.expired()) {
            throw new IllegalStateException(permission.expiry() + "; nothing was run"); // before the run is journaled
        }
        List<Approval> approvals = consent.authentic();
        Set<String> approved = refusal == null ? permission.approvedHosts() : Set.of();
        String notCounted = consent.notCounted().isEmpty() ? "" : " (" + String.join("; ", consent.notCounted()) + ")";
        Map<ApplyTarget, String> refused = new LinkedHashMap<>();
        Map<String, HostStateRecord> last = new HashMap<>();
        List<HostStateRecord> journal = store.hostStates(plan.id());
        for (HostStateRecord r : journal) {
            last.put(r.host(), r);
        }
        // A retry starts only the hosts its run left failed, from what that run may have changed on them.
        Map<String, HostState> retry = request.retryOf() == null ? null : RetryHosts.of(request.retryOf(), journal);
        if (retry != null && retry.isEmpty()) {
            throw new IllegalStateException("run " + request.retryOf() + " of plan " + plan.id() + " left no failed host"
                    + " that a later run has not taken up; nothing was run"); // before the run is journaled
        }
        Map<String, HostEntry> inventory = new HashMap<>();
        request.inventory().hosts().forEach(h -> inventory.put(h.name(), h));

        Map<String, String> auditedSettings = store.auditedSettings(plan.id());

        Map<String, HostRun> earlier = new LinkedHashMap<>();
        List<ApplyTarget> toStart = new ArrayList<>();
        Map<ApplyTarget, String> drifted = new LinkedHashMap<>();
        for (PlannedHost planned : plan.hosts()) {
            HostEntry entry = inventory.get(planned.host());
            String group = entry == null ? null : entry.group();
            HostStateRecord previous = last.get(planned.host());
            HostState previousState = previous == null ? null : HostState.valueOf(previous.state());
            if (!planned.needsApproval()) {
                earlier.put(planned.host(), notStarted(planned, group, HostState.NO_ACTION, "no action planned (" + planned.action() + "): " + planned.reason()));
            } else if (refusal != null) {
                refuse(planned, entry, previous, refusal, earlier, refused);
            } else if (!approved.contains(planned.host())) {
                earlier.put(planned.host(), notStarted(planned, group, HostState.NOT_APPROVED,
                        "not approved (or rejected): never contacted" + notCounted));
            } else if (retry != null && !retry.containsKey(planned.host())) {
                earlier.put(planned.host(), previous == null
                        ? notStarted(planned, group, HostState.DEFERRED, "not retried: not a failed host of run "
                                + request.retryOf() + ", and no run has started it yet")
                        : new HostRun(planned.host(), group, planned.action(), previousState, "not retried (not a failed"
                                + " host of run " + request.retryOf() + "); as run " + previous.runId() + " left it: "
                                + previous.detail(), null, null, previous.recordedAt(), false));
            } else if (retry == null && previousState != null && previousState.settled()) {
                earlier.put(planned.host(), new HostRun(planned.host(), group, planned.action(), previousState,
                        "settled by run " + previous.runId() + ": " + previous.detail(), null, null, previous.recordedAt(),
                        false));
            } else if (entry == null) {
                earlier.put(planned.host(), notStarted(planned, null, HostState.NEEDS_REVIEW,
                        "no longer in the inventory " + request.inventory().source() + ": not contacted"));
            } else {
                // A retried host starts from what the journal says may have changed on it, never from its failure.
                ApplyTarget target = new ApplyTarget(planned, entry, 0, retry != null ? retry.get(planned.host())
                        : previousState);
                String drift = SettingsCheck.driftReason(planned, entry, request.inventory().remediation(),
                        auditedSettings.get(planned.host()));
                if (drift == null) {
                    toStart.add(target);
                } else {
                    drifted.put(target, target.interrupted() ? drift + " (an earlier run was interrupted while"
                            + " changing this host: check it)" : drift);
                }
            }
        }
        List<List<ApplyTarget>> waves = new ArrayList<>();
        int number = 0;
        for (List<ApplyTarget> wave : Waves.plan(toStart, request.rollout(), t -> t.entry().group())) {
            int w = ++number;
            waves.add(wave.stream().map(t -> new ApplyTarget(t.planned(), t.entry(), w, t.previous())).toList());
        }
        return new Decided(approvals, earlier, toStart.size(), drifted, waves, refusal, refused, consent.notCounted(),
                retry == null ? List.of() : List.copyOf(retry.keySet()));
    }

    /**
     * A host of a plan whose consent does not verify: never contacted. Journaled NOT_APPROVED (with its audit
     * record), unless an earlier run settled it (its state stays the truth) or left it ACTING/ACTED (that state
     * must keep saying the host may have changed).
     */
    private static void refuse(PlannedHost planned, HostEntry entry, HostStateRecord previous, String refusal,
            Map<String, HostRun> earlier, Map<ApplyTarget, String> refused) {
        HostState previousState = previous == null ? null : HostState.valueOf(previous.state());
        String group = entry == null ? null : entry.group();
        if (previousState != null && previousState.settled()) {
            earlier.put(planned.host(), new HostRun(planned.host(), group, planned.action(), previousState,
                    "settled by run " + previous.runId() + ": " + previous.detail(), null, null, previous.recordedAt(),
                    false));
        } else if (entry != null && previousState != HostState.ACTING && previousState != HostState.ACTED) {
            refused.put(new ApplyTarget(planned, entry, 0, previousState), "not contacted: " + refusal);
        } else {
            earlier.put(planned.host(), notStarted(planned, group, HostState.NOT_APPROVED, "not contacted: " + refusal
                    + (previousState != null ? " (an earlier run was interrupted while changing this host: check it)" : "")));
        }
    }

    private static ConsentWithdrawn withdrawn(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConsentWithdrawn w) {
                return w;
            }
        }
        return null;
    }

    private static boolean leaseLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LeaseLostException) {
                return true;
            }
        }
        return false;
    }

    private static HostRun notStarted(PlannedHost planned, String group, HostState state, String reason) {
        return new HostRun(planned.host(), group, planned.action(), state, reason, null, null, null, false);
    }

    /** Tells other processes, through the run journal, that this run is alive. */
    private ScheduledExecutorService heartbeat(Exchange exchange, ApplyRun run, ApplyRequest request) {
        ScheduledExecutorService beat = exchange.getContext().getExecutorServiceManager()
                .newSingleThreadScheduledExecutor(this, "heartbeat-" + run.runId());
        long every = Math.max(1, request.lease().toMillis() / 3);
        beat.scheduleAtFixedRate(() -> {
            try {
                if (!store.runs().renew(run.runId())) {
                    // Taken over (this process was stopped past its lease): no host starts from now on, and each
                    // host still in its visit stops at its next command or write.
                    run.superseded(new LeaseLostException(run.runId()));
                    beat.shutdown();
                }
            } catch (RuntimeException missed) {
                // the next beat tries again; a lease is three beats long
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return beat;
    }

    /** A wave starts only when the previous one succeeded enough; otherwise its hosts are settled ABORTED. */
    public List<ApplyTarget> openWave(List<ApplyTarget> wave, @ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run) {
        if (!wave.isEmpty()) {
            run.gate(wave.get(0).wave());
        }
        return wave;
    }

    /**
     * Admits one host: it starts only if the run is not aborted, the window is open and its group has a slot;
     * then IN_FLIGHT is journaled and the body becomes the host's report carrying its planned action.
     */
    public Object admit(ApplyTarget target, @ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run, Exchange exchange)
            throws InterruptedException {
        HostTurn turn = new HostTurn(target);
        exchange.setProperty(HostTurn.PROPERTY, turn);
        if (!run.admit(target)) {
            return target;
        }
        HostGuard guard = new HostGuard(run, target);
        turn.admit(guard);
        // What the action routes act under (remediate's own name for it): approved facts, journal, fencing.
        exchange.setProperty(ChangeGuard.PROPERTY, guard);
        PlannedHost planned = target.planned();
        return HostReport.start(target.entry()).withClassification(new Classification(planned.action(), planned.reason(),
                null, false));
    }

    /** For actions with no visit of their own (flag for upgrade): the probe's facts against the approved ones. */
    public HostReport checkDrift(HostReport probed, @ExchangeProperty(HostTurn.PROPERTY) HostTurn turn,
            @ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run) {
        ApplyTarget target = turn.target();
        if (probed.facts() == null) {
            return probed.withRemediation(RemediationResult.of(Outcome.NEEDS_REVIEW, "re-probe failed: " + probed.reason()), null);
        }
        if (!target.planned().fingerprint().equals(Fingerprint.of(probed.facts()))) {
            return probed.withRemediation(RemediationResult.of(Outcome.DRIFTED,
                    "nothing sent: the host's facts changed since the plan was approved; make a new plan"), null);
        }
        run.confirmOwnership(); // the upgrade record goes out only while this run owns the plan
        return probed;
    }

    /** A started host's visit ended: its outcome is journaled and counted. */
    public void settle(Object body, @ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run,
            @ExchangeProperty(HostTurn.PROPERTY) HostTurn turn) {
        if (!turn.admitted()) {
            return; // settled at admission (DEFERRED, ABORTED)
        }
        ApplyTarget target = turn.target();
        RemediationResult result = body instanceof HostReport report ? report.remediation() : null;
        if (result == null) {
            run.finish(target, HostState.NEEDS_REVIEW, "the visit ended without an outcome", false);
            return;
        }
        run.finish(target, HostState.valueOf(result.outcome().name()), result.reason(), result.irreversible(), result);
    }

    /**
     * The error path of a started host: whether it may have changed decides between FAILED (nothing was
     * changed) and UNKNOWN (the change may have started). Either way it is journaled, never lost.
     */
    public void failed(Exchange exchange) {
        ApplyRun run = exchange.getProperty(ApplyRun.PROPERTY, ApplyRun.class);
        HostTurn turn = exchange.getProperty(HostTurn.PROPERTY, HostTurn.class);
        ApplyTarget target = turn.target();
        HostGuard guard = turn.guard();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        if (leaseLost(failure)) {
            // Another run took the plan over while this host was in its visit: this run stops here, sending nothing
            // more; the run that took over decides the host from its facts.
            run.finish(target, HostState.SUPERSEDED, (guard != null && guard.changeStarted()
                    ? "stopped after the change started: " : "stopped before any change: ") + ApplyRun.SUPERSEDED_NOTE,
                    guard != null && guard.changeStarted());
            return;
        }
        ConsentWithdrawn withdrawn = withdrawn(failure);
        if (withdrawn != null && turn.admitted() && !guard.changeStarted()) {
            run.finish(target, HostState.NOT_APPROVED, withdrawn.getMessage(), false);
            return;
        }
        String why = failure instanceof WinRmException w ? w.getMessage()
                : failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
        if (!turn.admitted()) {
            // Admission itself failed (the store could not journal IN_FLIGHT): the host was not contacted, and
            // no other host may start while the journal cannot be written.
            run.notStarted(target, "not contacted: its state could not be journaled (" + why + ")");
            return;
        }
        if (guard.changeStarted()) {
            run.finish(target, HostState.UNKNOWN, "the visit failed after the change started (" + why
                    + "): the next run verifies the host and never repeats the change", true);
        } else {
            run.finish(target, HostState.FAILED, "not acted on, the visit failed before any change: " + why, false);
        }
    }

    /**
     * The run's report, covering every host of the plan. The run is journaled as ended only after the report is
     * written ({@link #finish}): an ended run always has its report.
     */
    public RunReport conclude(@ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run) {
        try {
            run.confirmOwnership(); // a report that says FINISHED is one of a run that still owned its plan
        } catch (LeaseLostException superseded) {
            // the report says SUPERSEDED
        } catch (RuntimeException unreachable) {
            // the store could not be asked: finish journals whatever it finds
        }
        RunReport report = run.report(Instant.now());
        run.concluded(report);
        return report;
    }

    /**
     * Journals the run's end with the status of the report {@link #conclude} made, after the report was written
     * (or failed to be): the heartbeat stops here, so the run holds the plan until its report is on disk.
     */
    public RunReport finish(@ExchangeProperty(ApplyRun.PROPERTY) ApplyRun run) {
        ActiveRuns.ended(run); // its hosts are done: an abort now would change nothing
        // shutdown, not shutdownNow: interrupting a beat in the middle of its write would close the H2 file.
        run.heartbeat().shutdown();
        RunReport report = run.concluded();
        Map<String, Object> details = new LinkedHashMap<>();
        report.getCounts().forEach((state, n) -> {
            if (n > 0) {
                details.put(state.name(), n);
            }
        });
        String journaled = store.runs().finish(run.runId(), run.request().plan().id(), report.status(),
                report.abortReason(), details);
        // Taken over between the report and this entry: the journal says SUPERSEDED, and so does the result.
        return journaled.equals(report.status()) ? report : report.withStatus(journaled);
    }
}

package org.wsusremediator.server;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.Role;
import org.wsusremediator.plan.RunPermission;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.Schedule;

/**
 * {@code /api/v1/runs}: runs of approved plans, listed, one by wave and host, started now where the window file allows,
 * retried for the hosts a run left failed, and aborted. A run is started by {@link ServerActions}, prepared as a change
 * window's run is, so the store and the reports tell them apart only by their cause.
 */
public final class RunsApi {

    private final Api plans;
    private final Store store;
    private final Schedule schedule;
    private final ServerActions actions;
    private final ServerMetrics metrics;
    private final Clock clock;

    RunsApi(Api plans, Store store, Schedule schedule, ServerActions actions, ServerMetrics metrics, Clock clock) {
        this.plans = plans;
        this.store = store;
        this.schedule = schedule;
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
    }

    public Object listRuns(Admin caller) {
        Access.requireRead(caller);
        return Map.of("runs", store.runs().all().stream().map(RunsApi::run).toList());
    }

    public Object run(Admin caller, String id) {
        Access.requireRead(caller);
        RunRecord run = runRecord(id);
        Map<String, Object> body = run(run);
        Map<String, List<Map<String, Object>>> waves = new TreeMap<>();
        Map<String, HostStateRecord> latest = new LinkedHashMap<>();
        for (HostStateRecord r : store.hostStates(run.planId())) {
            if (id.equals(r.runId())) {
                latest.put(r.host(), r);
            }
        }
        for (HostStateRecord r : latest.values()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", r.host());
            host.put("state", r.state());
            host.put("detail", r.detail());
            host.put("recorded_at", r.recordedAt().toString());
            waves.computeIfAbsent(r.wave() == null ? "none" : String.format(Locale.ROOT, "%03d", r.wave()),
                    w -> new ArrayList<>()).add(host);
        }
        List<Map<String, Object>> waveList = new ArrayList<>();
        waves.forEach((wave, hosts) -> waveList.add(Map.of("wave", wave.equals("none") ? "none"
                : Integer.parseInt(wave), "hosts", hosts)));
        body.put("waves", waveList);
        return body;
    }

    public Object startRun(Admin caller, Map<String, Object> request) throws Exception {
        Access.require(caller, Role.OPERATOR);
        String id = request == null || !(request.get("plan") instanceof String p) ? null : p;
        if (id == null) {
            throw ApiError.badRequest("plan: the id of the plan to run is required");
        }
        Plan plan = plans.plan(id);
        RunPermission permission = mayRunNow(caller, plan);
        Instant asked = clock.instant();
        actions.startRun(plan, caller, report -> {
            if (report != null) {
                metrics.ran(report, java.time.Duration.between(asked, clock.instant()));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("plan", plan.id());
        body.put("status", "STARTING");
        body.put("approved_hosts", permission.approvedHosts());
        body.put("runs", "/api/v1/runs?plan=" + plan.id());
        return body;
    }

    /**
     * What a run started now through the API needs, checked before anything starts (the run checks the consent again
     * right before each host): the window file allows runs outside a window, the plan's consent verifies, it has not
     * expired and some host is approved. Each refusal is a 409 with a stable code.
     */
    private RunPermission mayRunNow(Admin caller, Plan plan) {
        if (!schedule.applyNowAllowed()) {
            store.audit(caller.name(), "APPLY_NOW_REFUSED", "plan " + plan.id(),
                    Store.jsonObject(Map.of("reason", "applyNow is false in the window file", "through", "api")));
            throw ApiError.conflict("apply_now_not_allowed", "the window file does not allow runs outside a window"
                    + " (applyNow: false); plan " + plan.id() + " runs in its change window");
        }
        // What the run will check before acting: the seals, and approvals counted for this server's admin directory.
        Consent consent = plans.consent(plan);
        if (!consent.verified()) {
            store.audit(caller.name(), "CONSENT_REFUSED", "plan " + plan.id(),
                    Store.jsonObject(Map.of("reason", consent.refusal(), "through", "api")));
            throw ApiError.conflict("consent_refused", consent.refusal());
        }
        RunPermission permission = consent.permission(plans.policy(), clock.instant());
        if (!permission.granted()) {
            throw ApiError.conflict(permission.expired() ? "plan_expired" : "not_approved",
                    permission.expired() ? permission.expiry() : "no host of plan " + plan.id() + " is approved");
        }
        return permission;
    }

    /**
     * Retries the hosts a run left failed (role operator, a reason required), under the plan's approval if it still
     * holds: a new run of the same plan, started as {@code POST /runs} starts one, that starts only those hosts
     * ({@link RunRetry}). 404 for an unknown run; 409 while it (or another run of its plan) runs, when it left no
     * failed host, and when the approval no longer holds (expired, consent refused, none of them approved).
     */
    public Object retryRun(Admin caller, String id, Map<String, Object> request) throws Exception {
        Access.require(caller, Role.OPERATOR);
        String reason = Access.reason(request, "the failed hosts are retried");
        RunRecord run = runRecord(id);
        Plan plan = plans.plan(run.planId());
        RunRetry retry = RunRetry.of(store, run);
        List<String> hosts;
        try {
            hosts = retry.approvedOf(mayRunNow(caller, plan));
        } catch (ApiError refused) {
            store.audit(caller.name(), "RETRY_REFUSED", "run " + run.id(), Store.jsonObject(Map.of("plan", plan.id(),
                    "code", refused.code(), "reason", refused.getMessage(), "through", "api")));
            throw refused;
        }
        store.audit(caller.name(), "RUN_RETRIED", "run " + run.id(), Store.jsonObject(Map.of("plan", plan.id(),
                "reason", reason, "hosts", hosts, "through", "api")));
        actions.retryRun(plan, run.id(), reason, caller, report -> {
            if (report != null) {
                metrics.ran(report, java.time.Duration.between(report.startedAt(), clock.instant()));
            }
        });
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("retry_of", run.id());
        body.put("plan", plan.id());
        body.put("status", "STARTING");
        body.put("hosts", hosts);
        body.put("not_approved", retry.hosts().stream().filter(h -> !hosts.contains(h)).toList());
        body.put("runs", "/api/v1/runs?plan=" + plan.id());
        return body;
    }

    /**
     * Aborts a running run (role operator) as the run aborts itself when its failure budget is spent: hosts already
     * started finish their visit (stopping an installer half-way would leave a host unknown), hosts not yet started
     * end ABORTED with the reason, and the run is journaled ABORTED. Only a run this server carries out can be
     * aborted here; one run by another process answers 409.
     */
    public Object abortRun(Admin caller, String id, Map<String, Object> request) {
        Access.require(caller, Role.OPERATOR);
        String reason = Access.reason(request, "the run is aborted");
        RunRecord run = runRecord(id);
        if (!"RUNNING".equals(run.status())) {
            throw ApiError.conflict("not_running", "run " + id + " is not running (" + run.status() + ")");
        }
        String why = "aborted by " + caller.name() + ": " + reason;
        String inEffect = org.wsusremediator.apply.ActiveRuns.abort(id, why).orElseThrow(() -> ApiError.conflict(
                "not_running", "run " + id + " is not carried out by this server (it ended, or another process runs it)"));
        store.audit(caller.name(), "RUN_ABORTED", "run " + id, Store.jsonObject(Map.of("plan", run.planId(),
                "reason", reason, "through", "api")));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", id);
        body.put("plan", run.planId());
        body.put("status", "ABORTING");
        body.put("abort_reason", inEffect); // the run's own abort (failure budget) may have come first
        return body;
    }

    private RunRecord runRecord(String id) {
        return store.runs().all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no run '" + id + "'"));
    }

    static Map<String, Object> run(RunRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("plan", r.planId());
        m.put("cause", r.cause());
        m.put("started_by", r.startedBy());
        m.put("started_at", r.startedAt().toString());
        m.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
        m.put("status", r.status());
        m.put("abort_reason", r.abortReason());
        m.put("retry_of", r.retryOf());
        m.put("node", r.node()); // the node (host:pid:start) that journaled the run; null before V13
        return m;
    }
}

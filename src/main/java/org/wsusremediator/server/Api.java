package org.wsusremediator.server;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.notify.PlanState;
import org.wsusremediator.notify.PlanStatus;
import org.wsusremediator.notify.PlanStatuses;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovalRefused;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.plan.Role;
import org.wsusremediator.plan.RunPermission;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.WindowPauses;
import org.wsusremediator.workflow.Decisions;
import org.wsusremediator.workflow.SignatureRefused;

/**
 * The operations of {@code /api/v1} (docs/server.md), each a method taking the authenticated admin and the request's
 * parts and returning what is written as JSON. Role checks are here, next to what they guard; the route only
 * authenticates. Approvals go through {@link Decisions}, the path the CLI's approve and reject take.
 */
final class Api {

    /** Plan states a list can be filtered by: {@link PlanStatus}'s, in lower case. */
    static final List<String> PLAN_STATUSES = java.util.Arrays.stream(PlanStatus.values()).map(Api::word).toList();
    private static final int MAX_AUDIT_RECORDS = 1000;
    private static final com.fasterxml.jackson.databind.ObjectMapper DETAILS = new com.fasterxml.jackson.databind.ObjectMapper();

    private final AdminDirectory directory;
    private final Store store;
    private final Schedule schedule;
    private final List<Path> inventories;
    private final ServerActions actions;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Decisions decisions;

    Api(AdminDirectory directory, Store store, Schedule schedule, List<Path> inventories, ServerActions actions,
            ServerMetrics metrics, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.schedule = schedule;
        this.inventories = List.copyOf(inventories);
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
        this.decisions = new Decisions(directory, store, clock);
    }

    // ---- plans ----

    Object listPlans(Admin caller, String status) {
        requireRead(caller);
        if (status != null && !PLAN_STATUSES.contains(status)) {
            throw ApiError.badRequest("status must be one of " + PLAN_STATUSES);
        }
        Instant now = clock.instant();
        List<Map<String, Object>> plans = new ArrayList<>();
        for (PlanState state : PlanStatuses.of(store, directory.policy(), counted(), now)) {
            if (status == null || status.equals(word(state.status()))) {
                plans.add(summary(state, consent(state.plan()), caller));
            }
        }
        return Map.of("plans", plans);
    }

    Object plan(Admin caller, String id) {
        requireRead(caller);
        PlanState state = state(id);
        Plan plan = state.plan();
        Consent consent = consent(plan);
        Map<String, Object> body = summary(state, consent, caller);
        // The decisions that verify, as recorded; which of them count is in consent.not_counted and approved.
        List<Approval> approvals = consent.authentic();
        Set<String> approved = state.approvedHosts();
        Map<String, String> states = store.latestHostStates(plan.id());
        org.wsusremediator.plan.PlanChanges changes = org.wsusremediator.plan.PlanChanges.between(
                org.wsusremediator.plan.PlanChanges.previousOf(plan, store.plans()).orElse(null), plan);
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (PlannedHost h : plan.hosts()) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", h.host());
            host.put("action", h.action().name());
            host.put("reason", h.reason());
            host.put("needs_approval", h.needsApproval());
            host.put("irreversible", irreversible(h));
            host.put("fingerprint", h.fingerprint());
            host.put("settings", h.settings());
            host.put("approved", approved.contains(h.host()));
            host.put("state", states.get(h.host()));
            PlanDetail.putFacts(host, h);
            host.put("change", PlanDetail.change(changes, h.host()));
            hosts.add(host);
        }
        body.put("hosts", hosts);
        body.put("decisions", approvals.stream().map(Api::decision).toList());
        body.put("changes", PlanDetail.changes(changes));
        return body;
    }

    Object createPlan(Admin caller, Map<String, Object> request) throws Exception {
        require(caller, Role.REQUESTER);
        Path inventory = inventory(request == null ? null : request.get("inventory"));
        ServerActions.MadePlan made = actions.makePlan(inventory, caller);
        metrics.scanned(made.scan());
        return plan(caller, made.plan().id());
    }

    Object decide(Admin caller, String id, Decision decision, Map<String, Object> request) {
        require(caller, Role.APPROVER);
        Plan plan = plan(id);
        DecisionRequest asked = DecisionRequest.of(request);
        refuseSelfOrExpired(caller, plan, decision);
        try {
            Decisions.Outcome outcome = decisions.decide(caller, plan.id(), decision, asked.hosts(), asked.reason(),
                    null, asked.signature());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("plan", plan.id());
            body.put("decision", decision(outcome.approval()));
            body.put("approved_hosts", outcome.approvedHosts());
            return body;
        } catch (SignatureRefused refused) {
            // audited by Decisions (DECISION_REFUSED); a stale time is a state to retry in, the others are not the admin
            throw refused.code().equals(SignatureRefused.STALE) ? ApiError.conflict(refused.code(), refused.getMessage())
                    : ApiError.forbidden(refused.code(), refused.getMessage());
        } catch (ApprovalRefused refused) {
            throw ApiError.conflict("refused", refused.getMessage());
        }
    }

    /**
     * The exact statement the caller signs to make this decision now (an admin with a signingKey), and the plan's
     * canonical statement it names by digest: {@code POST /plans/{id}/statement}. Records nothing.
     */
    Object statement(Admin caller, String id, Map<String, Object> request) {
        require(caller, Role.APPROVER);
        Plan plan = plan(id);
        Decision decision = request != null && "reject".equals(request.get("decision")) ? Decision.REJECT
                : request != null && "approve".equals(request.get("decision")) ? Decision.APPROVE : null;
        if (decision == null) {
            throw ApiError.badRequest("decision must be \"approve\" or \"reject\"");
        }
        DecisionRequest asked = DecisionRequest.of(request);
        refuseSelfOrExpired(caller, plan, decision);
        return StatementAnswer.of(decisions.toSign(caller, plan.id(), decision, asked.hosts(), asked.reason()));
    }

    private void refuseSelfOrExpired(Admin caller, Plan plan, Decision decision) {
        if (directory.policy().twoPersonRule() && plan.requester().equalsIgnoreCase(caller.name())) {
            store.audit(caller.name(), "SELF_APPROVAL_REFUSED", "plan " + plan.id(),
                    Store.jsonObject(Map.of("decision", decision.name())));
            throw ApiError.forbidden("self_approval", "two-person rule: " + caller.name() + " requested plan " + plan.id()
                    + " and cannot approve or reject it");
        }
        if (plan.expiredAt(clock.instant())) {
            throw ApiError.conflict("plan_expired", "plan " + plan.id() + " expired at " + plan.expiresAt());
        }
    }

    /**
     * The plans the caller may decide now, with the hosts still waiting for the caller's decision: the caller is an
     * approver, not the plan's requester under the two-person rule, the plan has not expired, not run, its consent
     * verifies (an approval would be refused otherwise), and some host needing approval is neither decided by the
     * caller nor rejected. Irreversible hosts (KB954960 cannot be uninstalled) are marked.
     */
    Object pendingApprovals(Admin caller) {
        requireRead(caller);
        List<Map<String, Object>> plans = new ArrayList<>();
        for (PlanState state : PlanStatuses.of(store, directory.policy(), counted(), clock.instant())) {
            Plan plan = state.plan();
            if ((state.status() != PlanStatus.PENDING && state.status() != PlanStatus.APPROVED)
                    || !decisions.mayDecide(caller, plan)) {
                continue;
            }
            Consent consent = consent(plan);
            if (!consent.verified()) {
                continue;
            }
            List<Map<String, Object>> hosts = new ArrayList<>();
            for (PlannedHost h : plan.hosts()) {
                boolean decidedByCaller = consent.authentic().stream()
                        .anyMatch(a -> a.admin().equalsIgnoreCase(caller.name()) && a.covers(h.host()));
                boolean rejected = consent.counted().stream()
                        .anyMatch(a -> a.decision() == Decision.REJECT && a.covers(h.host()));
                if (h.needsApproval() && !decidedByCaller && !rejected) {
                    Map<String, Object> host = new LinkedHashMap<>();
                    host.put("host", h.host());
                    host.put("action", h.action().name());
                    host.put("reason", h.reason());
                    host.put("irreversible", irreversible(h));
                    host.put("approved", state.approvedHosts().contains(h.host()));
                    hosts.add(host);
                }
            }
            if (!hosts.isEmpty()) {
                Map<String, Object> m = summary(state, consent, caller);
                m.put("hosts", hosts);
                m.put("irreversible_hosts", hosts.stream().filter(h -> (Boolean) h.get("irreversible"))
                        .map(h -> h.get("host")).toList());
                plans.add(m);
            }
        }
        return Map.of("admin", caller.name(), "plans", plans);
    }

    // ---- runs ----

    Object listRuns(Admin caller) {
        requireRead(caller);
        return Map.of("runs", store.runs().all().stream().map(Api::run).toList());
    }

    Object run(Admin caller, String id) {
        requireRead(caller);
        RunRecord run = store.runs().all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no run '" + id + "'"));
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

    Object startRun(Admin caller, Map<String, Object> request) throws Exception {
        require(caller, Role.OPERATOR);
        String id = request == null || !(request.get("plan") instanceof String p) ? null : p;
        if (id == null) {
            throw ApiError.badRequest("plan: the id of the plan to run is required");
        }
        Plan plan = plan(id);
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
        Consent consent = consent(plan);
        if (!consent.verified()) {
            store.audit(caller.name(), "CONSENT_REFUSED", "plan " + plan.id(),
                    Store.jsonObject(Map.of("reason", consent.refusal(), "through", "api")));
            throw ApiError.conflict("consent_refused", consent.refusal());
        }
        RunPermission permission = consent.permission(directory.policy(), clock.instant());
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
    Object retryRun(Admin caller, String id, Map<String, Object> request) throws Exception {
        require(caller, Role.OPERATOR);
        String reason = reason(request, "the failed hosts are retried");
        RunRecord run = store.runs().all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no run '" + id + "'"));
        Plan plan = plan(run.planId());
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

    private static String reason(Map<String, Object> request, String why) {
        String reason = request == null || !(request.get("reason") instanceof String r) ? null : r.strip();
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason must say why " + why);
        }
        if (reason.length() > 1000) {
            throw ApiError.badRequest("reason: at most 1000 characters");
        }
        return reason;
    }

    /**
     * Aborts a running run (role operator) as the run aborts itself when its failure budget is spent: hosts already
     * started finish their visit (stopping an installer half-way would leave a host unknown), hosts not yet started
     * end ABORTED with the reason, and the run is journaled ABORTED. Only a run this server carries out can be
     * aborted here; one run by another process answers 409.
     */
    Object abortRun(Admin caller, String id, Map<String, Object> request) {
        require(caller, Role.OPERATOR);
        String reason = request == null || !(request.get("reason") instanceof String r) ? null : r.strip();
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason must say why the run is aborted");
        }
        if (reason.length() > 1000) {
            throw ApiError.badRequest("reason: at most 1000 characters");
        }
        RunRecord run = store.runs().all().stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> ApiError.notFound("no run '" + id + "'"));
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

    // ---- windows and hosts ----

    /** The change windows with their next start (blackout dates skipped), and whether runs outside them are allowed. */
    Object windows(Admin caller) {
        requireRead(caller);
        Instant now = clock.instant();
        List<Map<String, Object>> windows = new ArrayList<>();
        for (org.wsusremediator.window.ChangeWindow w : schedule.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", w.name());
            m.put("cron", w.cron());
            m.put("time_zone", w.timeZone().getId());
            m.put("open_for", w.durationText());
            m.put("next_start", w.nextStart(now).map(Object::toString).orElse(null));
            m.put("blackout_dates", w.blackoutDates().stream().map(Object::toString).sorted().toList());
            m.put("paused", pauseOf(WindowPauses.of(store, w.name())));
            windows.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("windows", windows);
        body.put("next_start", schedule.nextStart(now).map(u -> Map.of("window", u.window().name(),
                "start", u.start().toString())).orElse(null));
        body.put("apply_now_allowed", schedule.applyNowAllowed());
        return body;
    }

    /**
     * Pauses ({@code pause}) or resumes a change window (role operator, a reason required): kept in the audit trail
     * (WINDOW_PAUSED / WINDOW_RESUMED with who and why), where the scheduler looks at each firing; a restart keeps it.
     */
    Object pauseWindow(Admin caller, String name, boolean pause, Map<String, Object> request) {
        require(caller, Role.OPERATOR);
        String reason = request == null || !(request.get("reason") instanceof String r) ? null : r.strip();
        if (reason == null || reason.isBlank()) {
            throw ApiError.badRequest("reason must say why the window is " + (pause ? "paused" : "resumed"));
        }
        if (reason.length() > 1000) {
            throw ApiError.badRequest("reason: at most 1000 characters");
        }
        org.wsusremediator.window.ChangeWindow window = schedule.window(name)
                .orElseThrow(() -> ApiError.notFound("no window '" + name + "'"));
        synchronized (this) { // one pause or resume at a time: the check and the record belong together
            WindowPauses.Pause now = WindowPauses.of(store, window.name());
            if (!pause && !now.trailVerified()) {
                // A resume recorded now would not count either: the window stays paused until the trail verifies.
                throw ApiError.conflict("audit_unverified", "window " + window.name() + " cannot be resumed: "
                        + now.problem());
            }
            boolean paused = now.pausedBy() != null;
            if (paused == pause) {
                throw ApiError.conflict(pause ? "already_paused" : "not_paused", "window " + window.name() + " is "
                        + (paused ? "already paused" : "not paused"));
            }
            store.audit(caller.name(), pause ? WindowPauses.PAUSED : WindowPauses.RESUMED,
                    WindowPauses.subject(window.name()), Store.jsonObject(Map.of("reason", reason, "through", "api")));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("window", window.name());
        body.put("paused", pauseOf(WindowPauses.of(store, window.name())));
        body.put("next_start", window.nextStart(clock.instant()).map(Object::toString).orElse(null));
        return body;
    }

    /**
     * A window's pause as the API shows it: null when not paused; who paused it, when and why; or, when the audit
     * trail does not verify, {@code by} null and {@code audit_problem} saying why the window counts as paused.
     */
    private static Map<String, Object> pauseOf(WindowPauses.Pause pause) {
        if (!pause.paused()) {
            return null;
        }
        AuditRecord r = pause.pausedBy();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", r == null ? null : r.actor());
        m.put("at", r == null ? null : r.at().toString());
        m.put("audit_seq", r == null ? null : r.seq());
        String reason = null;
        try {
            reason = r == null ? null : DETAILS.readTree(r.details()).path("reason").asText(null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException unreadable) {
            // written by this server as JSON; an edited trail fails audit verify, not this
        }
        m.put("reason", reason);
        m.put("audit_verified", pause.trailVerified());
        m.put("audit_problem", pause.problem());
        return m;
    }

    /** One host across plans and runs (HostHistory): its facts and action per plan, decisions, runs and states. */
    Object host(Admin caller, String name) {
        requireRead(caller);
        Map<String, Object> history = HostHistory.of(store, directory, name);
        if (history == null) {
            throw ApiError.notFound("no plan has a host '" + name + "'");
        }
        return history;
    }

    // ---- audit and reports ----

    Object audit(Admin caller, Long after) {
        requireRead(caller);
        long from = after == null ? 0 : after;
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditRecord r : store.auditRecords()) {
            if (r.seq() > from && records.size() < MAX_AUDIT_RECORDS) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("seq", r.seq());
                m.put("at", r.at().toString());
                m.put("actor", r.actor());
                m.put("action", r.action());
                m.put("subject", r.subject());
                m.put("details", r.details());
                records.add(m);
            }
        }
        return Map.of("records", records, "limit", MAX_AUDIT_RECORDS);
    }

    Object verifyAudit(Admin caller) {
        requireRead(caller);
        AuditVerification v = store.verifyAudit();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("intact", v.intact());
        body.put("records_checked", v.recordsChecked());
        body.put("first_bad_seq", v.firstBadSeq());
        body.put("problem", v.problem());
        body.put("head", Map.of("seq", store.auditHead().seq(), "hash", String.valueOf(store.auditHead().hash())));
        return body;
    }

    /** A plan's report: the plan, its decisions, every host's states and its runs. */
    Object report(Admin caller, String planId) {
        Map<String, Object> body = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> plan = (Map<String, Object>) plan(caller, planId);
        body.put("plan", plan);
        body.put("host_states", store.hostStates(planId).stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("host", r.host());
            m.put("state", r.state());
            m.put("detail", r.detail());
            m.put("run", r.runId());
            m.put("wave", r.wave());
            m.put("recorded_at", r.recordedAt().toString());
            return m;
        }).toList());
        body.put("runs", store.runs().ofPlan(planId).stream().map(Api::run).toList());
        return body;
    }

    Object me(Admin caller) {
        return Map.of("name", caller.name(), "roles", caller.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                .sorted().toList());
    }

    // ---- helpers ----

    private Plan plan(String id) {
        return store.plan(id).orElseThrow(() -> ApiError.notFound("no plan '" + id + "'"));
    }

    private Path inventory(Object given) {
        if (inventories.isEmpty()) {
            throw ApiError.conflict("no_inventory", "the server configuration names no inventory (inventories:)");
        }
        if (given == null && inventories.size() == 1) {
            return inventories.get(0);
        }
        if (!(given instanceof String name)) {
            throw ApiError.badRequest("inventory: one of " + inventoryNames());
        }
        // Only inventories the server's configuration names: a path from the request could be any file. The name may
        // be the file's name or a trailing part of its configured path (inventory/prod.yaml); it must name one only.
        Path asked;
        try {
            asked = Path.of(name).normalize();
        } catch (java.nio.file.InvalidPathException invalid) {
            throw ApiError.badRequest("inventory: one of " + inventoryNames());
        }
        List<Path> matching = asked.isAbsolute() || asked.startsWith("..") || name.isBlank() ? List.of()
                : inventories.stream().filter(p -> p.normalize().endsWith(asked)).toList();
        if (matching.size() != 1) {
            throw ApiError.badRequest("inventory: " + (matching.isEmpty() ? "one of " : "ambiguous, name it by more of its"
                    + " path: ") + inventoryNames());
        }
        return matching.get(0);
    }

    private List<String> inventoryNames() {
        return inventories.stream().map(p -> p.getFileName().toString()).toList();
    }

    /**
     * The decisions a plan's status and approved hosts are derived from: those a run counts (sealed, verified, and by
     * approvers of this server's own admin directory, identified as it identifies them); none when the consent does
     * not verify. So the API never shows approved a host a run would refuse.
     */
    private org.wsusremediator.notify.Decisions counted() {
        return plan -> store.consent(plan, directory).counted();
    }

    private Consent consent(Plan plan) {
        return store.consent(plan, directory);
    }

    private PlanState state(String id) {
        return PlanStatuses.of(store, directory.policy(), counted(), id, clock.instant())
                .orElseThrow(() -> ApiError.notFound("no plan '" + id + "'"));
    }

    private Map<String, Object> summary(PlanState state, Consent consent, Admin caller) {
        Plan plan = state.plan();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", plan.id());
        m.put("status", word(state.status()));
        m.put("requester", plan.requester());
        m.put("created_at", plan.createdAt().toString());
        m.put("expires_at", plan.expiresAt().toString());
        m.put("inventory", Path.of(plan.inventory()).getFileName().toString());
        m.put("host_count", plan.hosts().size());
        m.put("approved_hosts", state.approvedHosts().stream().sorted().toList());
        // An approval of a plan whose consent does not verify is refused (workflow.Decisions): not offered either.
        m.put("can_approve", consent.verified() && decisions.mayDecide(caller, plan));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("verified", consent.verified());
        c.put("refusal", consent.refusal());
        c.put("not_counted", consent.notCounted());
        m.put("consent", c);
        m.put("runs", state.runs().stream().map(RunRecord::id).toList());
        return m;
    }

    /** KB954960 cannot be uninstalled; an RTM workaround's recipe is the admin's and undone by nobody here. */
    static boolean irreversible(PlannedHost h) {
        return h.needsApproval() && h.action() == org.wsusremediator.classify.Action.INSTALL_KB;
    }

    /** The API's word for a status: PlanStatus in lower case (pending, approved, …, running, finished, aborted …). */
    static String word(PlanStatus status) {
        return status.name().toLowerCase(Locale.ROOT);
    }

    /** Plans awaiting a decision: the metrics' approvals pending. */
    long pendingPlans() {
        return PlanStatuses.withStatus(store, directory.policy(), counted(), PlanStatus.PENDING, clock.instant()).size();
    }

    static Map<String, Object> decision(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("admin", a.admin());
        m.put("decision", a.decision().name());
        m.put("hosts", a.hosts().isEmpty() ? "all" : a.hosts());
        m.put("reason", a.reason());
        m.put("at", a.at().toString());
        return m;
    }

    private static Map<String, Object> run(RunRecord r) {
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
        return m;
    }

    private static void requireRead(Admin caller) {
        if (!caller.mayRead()) {
            throw ApiError.forbidden("forbidden", caller.name() + " has no role");
        }
    }

    private static void require(Admin caller, Role role) {
        if (!caller.may(role)) {
            throw ApiError.forbidden("forbidden", caller.name() + " is not " + (role == Role.OPERATOR ? "an " : "a ")
                    + role.name().toLowerCase(Locale.ROOT));
        }
    }

}

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
import org.wsusremediator.plan.PlanKind;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.plan.Role;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.AuditVerification;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.workflow.Decisions;
import org.wsusremediator.workflow.SignatureRefused;

/**
 * The operations of {@code /api/v1} (docs/server.md) on plans, approvals, hosts, the audit trail and reports; runs are
 * {@link RunsApi}'s and windows {@link WindowsApi}'s. Each is a method taking the authenticated admin and the request's
 * parts and returning what is written as JSON. Role checks are here, next to what they guard ({@link Access}); the
 * route only authenticates. Approvals go through {@link Decisions}, the path the CLI's approve and reject take.
 */
public final class Api {

    /** Plan states a list can be filtered by: {@link PlanStatus}'s, in lower case. */
    static final List<String> PLAN_STATUSES = java.util.Arrays.stream(PlanStatus.values()).map(Api::word).toList();
    private static final int MAX_AUDIT_RECORDS = 1000;

    private final AdminDirectory directory;
    private final Store store;
    private final List<Path> inventories;
    private final ServerActions actions;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final Decisions decisions;

    Api(AdminDirectory directory, Store store, List<Path> inventories, ServerActions actions,
            ServerMetrics metrics, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.inventories = List.copyOf(inventories);
        this.actions = actions;
        this.metrics = metrics;
        this.clock = clock;
        this.decisions = new Decisions(directory, store, clock);
    }

    // ---- plans ----

    public Object listPlans(Admin caller, String status) {
        Access.requireRead(caller);
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

    public Object plan(Admin caller, String id) {
        Access.requireRead(caller);
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

    public Object createPlan(Admin caller, Map<String, Object> request) throws Exception {
        Access.require(caller, Role.REQUESTER);
        Path inventory = inventory(request == null ? null : request.get("inventory"));
        ServerActions.MadePlan made = actions.makePlan(inventory, caller, kind(request == null ? null : request.get("kind")));
        metrics.scanned(made.scan());
        return plan(caller, made.plan().id());
    }

    public Object decide(Admin caller, String id, Decision decision, Map<String, Object> request) {
        Access.require(caller, Role.APPROVER);
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
    public Object statement(Admin caller, String id, Map<String, Object> request) {
        Access.require(caller, Role.APPROVER);
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
    public Object pendingApprovals(Admin caller) {
        Access.requireRead(caller);
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

    // ---- hosts ----

    /** One host across plans and runs (HostHistory): its facts and action per plan, decisions, runs and states. */
    public Object host(Admin caller, String name) {
        Access.requireRead(caller);
        Map<String, Object> history = HostHistory.of(store, directory, name);
        if (history == null) {
            throw ApiError.notFound("no plan has a host '" + name + "'");
        }
        return history;
    }

    // ---- audit and reports ----

    public Object audit(Admin caller, Long after) {
        Access.requireRead(caller);
        long from = after == null ? 0 : after;
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditRecord r : store.auditRecords()) {
            if (r.seq() > from && records.size() < MAX_AUDIT_RECORDS) {
                records.add(auditRecord(r));
            }
        }
        return Map.of("records", records, "limit", MAX_AUDIT_RECORDS);
    }

    /**
     * The trail's last records, at most as many as {@link #audit} gives, oldest first: what a person looking at the
     * trail wants to see first (the console's audit page), where {@link #audit} pages from the start.
     */
    public Object auditNewest(Admin caller) {
        Access.requireRead(caller);
        List<AuditRecord> all = store.auditRecords();
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditRecord r : all.subList(Math.max(0, all.size() - MAX_AUDIT_RECORDS), all.size())) {
            records.add(auditRecord(r));
        }
        return Map.of("records", records, "limit", MAX_AUDIT_RECORDS);
    }

    private static Map<String, Object> auditRecord(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", r.seq());
        m.put("at", r.at().toString());
        m.put("actor", r.actor());
        m.put("action", r.action());
        m.put("subject", r.subject());
        m.put("details", r.details());
        return m;
    }

    public Object verifyAudit(Admin caller) {
        Access.requireRead(caller);
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
    public Object report(Admin caller, String planId) {
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
        body.put("runs", store.runs().ofPlan(planId).stream().map(RunsApi::run).toList());
        return body;
    }

    public Object me(Admin caller) {
        return Map.of("name", caller.name(), "roles", caller.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                .sorted().toList());
    }

    // ---- helpers ----

    /** The stored plan, or 404. */
    Plan plan(String id) {
        return store.plan(id).orElseThrow(() -> ApiError.notFound("no plan '" + id + "'"));
    }

    /** The plan kind a request asks for: absent is a remediation plan; anything but a known name is refused. */
    private static PlanKind kind(Object given) {
        if (given != null && !(given instanceof String)) {
            throw ApiError.badRequest("kind: remediation or restarts");
        }
        try {
            return PlanKind.named((String) given);
        } catch (IllegalArgumentException unknown) {
            throw ApiError.badRequest(unknown.getMessage());
        }
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

    /** What a run would check of the plan's consent, for this server's admin directory. */
    Consent consent(Plan plan) {
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

    org.wsusremediator.plan.ApprovalPolicy policy() {
        return directory.policy();
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


}

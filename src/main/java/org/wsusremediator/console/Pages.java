package org.wsusremediator.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Role;
import org.wsusremediator.server.ApiError;
import org.wsusremediator.server.ApiServices;
import org.wsusremediator.server.HtmlPage;
import org.wsusremediator.server.Reports;

/**
 * What each console page shows and each form does, in the API's own operations ({@link ApiServices}): a page is the
 * operation's answer put in a template, with a few words added for a person (an age, why a button is missing).
 */
final class Pages {

    /** How long a started run has to appear before the form answers with the plan instead of the run. */
    private static final Duration RUN_APPEARS = Duration.ofSeconds(10);
    /** The states a retry starts again: the run's failures (the API answers 409 when none is left). */
    private static final java.util.Set<String> RETRIED_STATES = org.wsusremediator.apply.RetryHosts.failedStates().stream()
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final ApiServices api;
    private final Clock clock;

    Pages(ApiServices api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

    /** What every page shows: who is logged in, the pending approvals' badge, the forms' token, a message once. */
    Map<String, Object> common(ConsoleSession session, Admin admin) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("csrf", session.csrfToken());
        m.put("flash", session.takeFlash());
        if (admin != null) {
            m.put("me", admin.name());
            m.put("roles", roles(admin));
            m.put("pendingCount", list(map(api.api().pendingApprovals(admin)).get("plans")).size());
        }
        return m;
    }

    // ---- overview and approvals ----

    Response overview(ConsoleRoutes.Call call) {
        Admin admin = call.admin();
        Map<String, Map<String, Object>> latestPerInventory = new TreeMap<>();
        for (Object o : list(map(api.api().listPlans(admin, null)).get("plans"))) {
            Map<String, Object> plan = map(o);
            latestPerInventory.merge(String.valueOf(plan.get("inventory")), plan,
                    (a, b) -> String.valueOf(a.get("created_at")).compareTo(String.valueOf(b.get("created_at"))) >= 0 ? a : b);
        }
        Map<String, Integer> actions = new TreeMap<>();
        Map<String, Integer> outcomes = new TreeMap<>();
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Map<String, Object> summary : latestPerInventory.values()) {
            Map<String, Object> plan = map(api.api().plan(admin, String.valueOf(summary.get("id"))));
            for (Object h : list(plan.get("hosts"))) {
                Map<String, Object> host = map(h);
                actions.merge(String.valueOf(host.get("action")), 1, Integer::sum);
                outcomes.merge(host.get("state") == null ? "NOT RUN" : String.valueOf(host.get("state")), 1, Integer::sum);
            }
            plans.add(summary);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "overview");
        m.put("plans", plans);
        m.put("actionChart", FleetChart.of("Hosts per action", actions));
        m.put("outcomeChart", FleetChart.of("Hosts per outcome", outcomes));
        m.put("hostCount", actions.values().stream().mapToInt(Integer::intValue).sum());
        return Response.page("overview", m);
    }

    Response approvals(ConsoleRoutes.Call call) {
        Instant now = clock.instant();
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Object o : list(map(api.api().pendingApprovals(call.admin())).get("plans"))) {
            Map<String, Object> plan = new LinkedHashMap<>(map(o));
            plan.put("age", Ages.since(Instant.parse(String.valueOf(plan.get("created_at"))), now));
            plan.put("expires_in", Ages.until(Instant.parse(String.valueOf(plan.get("expires_at"))), now));
            Map<String, Integer> perAction = new TreeMap<>();
            list(plan.get("hosts")).forEach(h -> perAction.merge(String.valueOf(map(h).get("action")), 1, Integer::sum));
            plan.put("per_action", perAction);
            plans.add(plan);
        }
        return Response.page("approvals", Map.of("nav", "approvals", "plans", plans));
    }

    // ---- plans ----

    Response plans(ConsoleRoutes.Call call) {
        String status = call.param("status");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "plans");
        m.put("plans", list(map(api.api().listPlans(call.admin(), blankToNull(status))).get("plans")));
        m.put("statusFilter", blankToNull(status));
        m.put("canCreate", call.admin().may(Role.REQUESTER));
        m.put("inventories", api.config().inventories().stream().map(p -> p.getFileName().toString()).toList());
        return Response.page("plans", m);
    }

    Response createPlan(ConsoleRoutes.Call call) throws Exception {
        Map<String, Object> request = new LinkedHashMap<>();
        String inventory = call.form().value("inventory");
        if (inventory != null && !inventory.isBlank()) {
            request.put("inventory", inventory);
        }
        Map<String, Object> plan = map(api.api().createPlan(call.admin(), request));
        call.session().flash("Plan " + plan.get("id") + " made from " + plan.get("inventory") + ": "
                + plan.get("host_count") + " hosts. It waits for an approver.");
        return Response.redirect(ConsoleRoutes.PREFIX + "/plans/" + plan.get("id"));
    }

    Response plan(ConsoleRoutes.Call call) {
        Admin admin = call.admin();
        Map<String, Object> plan = map(api.api().plan(admin, call.param("id")));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "plans");
        m.put("plan", plan);
        boolean canApprove = Boolean.TRUE.equals(plan.get("can_approve"));
        m.put("canApprove", canApprove);
        m.put("whyNot", canApprove ? null : whyNoDecision(admin, plan));
        m.put("canRun", admin.may(Role.OPERATOR) && "approved".equals(plan.get("status")));
        m.put("irreversibleCount", list(plan.get("hosts")).stream().filter(h -> Boolean.TRUE.equals(map(h).get("irreversible"))).count());
        return Response.page("plan", m);
    }

    /** Why the caller sees no approve or reject form: the two-person rule, a role, or the plan's state. */
    private static String whyNoDecision(Admin admin, Map<String, Object> plan) {
        String status = String.valueOf(plan.get("status"));
        if (!admin.may(Role.APPROVER)) {
            return "You (" + admin.name() + ", " + roles(admin) + ") are not an approver: you can read this plan,"
                    + " not approve or reject it.";
        }
        if (admin.name().equalsIgnoreCase(String.valueOf(plan.get("requester")))) {
            return "Two-person rule: you requested this plan, so another approver must approve or reject it.";
        }
        Map<String, Object> consent = map(plan.get("consent"));
        if (!Boolean.TRUE.equals(consent.get("verified"))) {
            return "This plan's approvals do not verify (" + consent.get("refusal") + "): no decision is taken on it.";
        }
        if (status.equals("expired")) {
            return "This plan expired at " + plan.get("expires_at") + ": make a new plan.";
        }
        return "Nothing in this plan waits for your decision (it is " + status + ").";
    }

    Response decide(ConsoleRoutes.Call call) {
        String id = call.param("id");
        String word = call.form().value("decision");
        Decision decision = "approve".equals(word) ? Decision.APPROVE : "reject".equals(word) ? Decision.REJECT : null;
        if (decision == null) {
            throw new ApiError(400, "bad_request", "decision: approve or reject");
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", call.form().value("reason"));
        List<String> hosts = call.values("host");
        boolean whole = "all".equals(call.form().value("scope"));
        if (!whole) {
            if (hosts.isEmpty()) {
                throw new ApiError(400, "bad_request", "tick the hosts to " + word + ", or choose the whole plan");
            }
            request.put("hosts", hosts);
        }
        Map<String, Object> outcome = map(api.api().decide(call.admin(), id, decision, request));
        call.session().flash((decision == Decision.APPROVE ? "Approved " : "Rejected ")
                + (whole ? "the whole plan" : hosts.size() + (hosts.size() == 1 ? " host" : " hosts")) + " of plan " + id
                + ". Approved hosts now: " + list(outcome.get("approved_hosts")).size() + ".");
        return Response.redirect(ConsoleRoutes.PREFIX + "/plans/" + id);
    }

    // ---- runs ----

    Response runs(ConsoleRoutes.Call call) {
        List<Object> runs = new ArrayList<>(list(map(api.runs().listRuns(call.admin())).get("runs")));
        java.util.Collections.reverse(runs); // the newest first
        return Response.page("runs", Map.of("nav", "runs", "runs", runs));
    }

    /** Starts a run as POST /runs does, then shows it: the run's page as soon as the run is recorded. */
    Response startRun(ConsoleRoutes.Call call) throws Exception {
        String plan = call.form().value("plan");
        List<String> before = runIds(call.admin(), plan);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("plan", plan);
        api.runs().startRun(call.admin(), request);
        return showNewRun(call, plan, before, "Run of plan " + plan);
    }

    /** The run's page once the run the form started is recorded (at most {@link #RUN_APPEARS}), else the plan's. */
    private Response showNewRun(ConsoleRoutes.Call call, String plan, List<String> before, String what) throws InterruptedException {
        Instant until = clock.instant().plus(RUN_APPEARS);
        while (clock.instant().isBefore(until)) {
            List<String> now = runIds(call.admin(), plan);
            now.removeAll(before);
            if (!now.isEmpty()) {
                call.session().flash(what + ": run " + now.get(0) + " started.");
                return Response.redirect(ConsoleRoutes.PREFIX + "/runs/" + now.get(0));
            }
            Thread.sleep(100);
        }
        call.session().flash(what + " is starting; it is not recorded yet. Its runs are listed below.");
        return Response.redirect(ConsoleRoutes.PREFIX + "/plans/" + plan);
    }

    private List<String> runIds(Admin admin, String plan) {
        List<String> ids = new ArrayList<>();
        for (Object o : list(map(api.runs().listRuns(admin)).get("runs"))) {
            Map<String, Object> run = map(o);
            if (Objects.equals(plan, run.get("plan"))) {
                ids.add(String.valueOf(run.get("id")));
            }
        }
        return ids;
    }

    Response run(ConsoleRoutes.Call call) {
        Map<String, Object> run = runView(call.admin(), call.param("id"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "runs");
        m.put("run", run);
        m.put("canAbort", call.admin().may(Role.OPERATOR) && "RUNNING".equals(run.get("status")));
        @SuppressWarnings("unchecked")
        Map<String, Integer> counts = (Map<String, Integer>) run.get("counts");
        // The states a retry starts again (apply.RetryHosts): offered once the run has ended with some of them.
        m.put("canRetry", call.admin().may(Role.OPERATOR) && !"RUNNING".equals(run.get("status"))
                && counts.keySet().stream().anyMatch(RETRIED_STATES::contains));
        return Response.page("run", m);
    }

    /** The run page's live part as JSON, which its script polls while the run runs. */
    Response runState(ConsoleRoutes.Call call) {
        return new Response.Json(200, runView(call.admin(), call.param("id")));
    }

    private Map<String, Object> runView(Admin admin, String id) {
        Map<String, Object> run = new LinkedHashMap<>(map(api.runs().run(admin, id)));
        Map<String, Integer> counts = new TreeMap<>();
        int hosts = 0;
        List<Map<String, Object>> waves = new ArrayList<>();
        for (Object w : list(run.get("waves"))) {
            List<Map<String, Object>> inWave = new ArrayList<>();
            for (Object h : list(map(w).get("hosts"))) {
                Map<String, Object> host = new LinkedHashMap<>(map(h));
                String state = String.valueOf(host.get("state"));
                host.put("tone", FleetChart.tone(state));
                counts.merge(state, 1, Integer::sum);
                inWave.add(host);
                hosts++;
            }
            waves.add(Map.of("wave", map(w).get("wave"), "hosts", inWave));
        }
        boolean running = "RUNNING".equals(run.get("status"));
        if (running) {
            // The hosts the run will visit and has not reached yet (approved, no state in this run): the page lists
            // every host from the start, not only those already visited. Once the run ends, each has its state.
            List<Map<String, Object>> waiting = new ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            waves.forEach(w -> list(w.get("hosts")).forEach(h -> seen.add(String.valueOf(map(h).get("host")))));
            for (Object h : list(map(api.api().plan(admin, String.valueOf(run.get("plan")))).get("approved_hosts"))) {
                if (seen.add(String.valueOf(h))) {
                    Map<String, Object> host = new LinkedHashMap<>();
                    host.put("host", h);
                    host.put("state", "NOT STARTED");
                    host.put("detail", null);
                    host.put("recorded_at", null);
                    host.put("tone", "neutral");
                    waiting.add(host);
                    counts.merge("NOT STARTED", 1, Integer::sum);
                    hosts++;
                }
            }
            if (!waiting.isEmpty()) {
                waves.add(Map.of("wave", "—", "hosts", waiting));
            }
        }
        run.put("waves", waves);
        run.put("counts", counts);
        run.put("host_total", hosts);
        run.put("running", running);
        Instant started = Instant.parse(String.valueOf(run.get("started_at")));
        Instant finished = run.get("finished_at") == null ? clock.instant() : Instant.parse(String.valueOf(run.get("finished_at")));
        run.put("duration", Ages.between(started, finished));
        return run;
    }

    Response abortRun(ConsoleRoutes.Call call) {
        String id = call.param("id");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", call.form().value("reason"));
        api.runs().abortRun(call.admin(), id, request);
        call.session().flash("Run " + id + " is aborting: hosts not yet started end ABORTED; started ones finish their visit.");
        return Response.redirect(ConsoleRoutes.PREFIX + "/runs/" + id);
    }

    /** Retries the hosts the run left failed, as POST /runs/{id}/retry does, then shows the new run. */
    Response retryRun(ConsoleRoutes.Call call) throws Exception {
        String id = call.param("id");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", call.form().value("reason"));
        String plan = String.valueOf(map(api.runs().run(call.admin(), id)).get("plan"));
        List<String> before = runIds(call.admin(), plan);
        Map<String, Object> retry = map(api.runs().retryRun(call.admin(), id, request));
        return showNewRun(call, plan, before, "Retrying " + list(retry.get("hosts")).size() + " failed host(s) of run " + id);
    }

    /** The report the run wrote, as the API serves it, with the report's own policy (no script at all). */
    Response report(ConsoleRoutes.Call call) throws Exception {
        Object page = api.reports().run(call.admin(), call.param("id"), Reports.Format.HTML);
        return new Response.Document(((HtmlPage) page).html(), HtmlPage.CONTENT_SECURITY_POLICY);
    }

    /** The plan's report (its detail, runs and host states) as the API serves it as HTML. */
    Response planReport(ConsoleRoutes.Call call) {
        Object page = api.reports().plan(call.admin(), call.param("id"), Reports.Format.HTML);
        return new Response.Document(((HtmlPage) page).html(), HtmlPage.CONTENT_SECURITY_POLICY);
    }

    // ---- hosts, windows, audit ----

    Response host(ConsoleRoutes.Call call) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "plans");
        m.put("history", map(api.api().host(call.admin(), call.param("id"))));
        return Response.page("host", m);
    }

    Response windows(ConsoleRoutes.Call call) {
        Map<String, Object> m = new LinkedHashMap<>(map(api.windows().windows(call.admin())));
        m.put("nav", "windows");
        m.put("canPause", call.admin().may(Role.OPERATOR));
        return Response.page("windows", m);
    }

    /** Pauses or resumes a window, as POST /windows/{id}/pause|resume does. */
    Response pauseWindow(ConsoleRoutes.Call call, boolean pause) {
        String id = call.param("id");
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("reason", call.form().value("reason"));
        api.windows().pauseWindow(call.admin(), id, pause, request);
        call.session().flash("Window " + id + (pause ? " paused: its firings are skipped until it is resumed." : " resumed."));
        return Response.redirect(ConsoleRoutes.PREFIX + "/windows");
    }

    Response audit(ConsoleRoutes.Call call) {
        String actor = lower(call.param("actor"));
        String action = lower(call.param("action"));
        String text = lower(call.param("text"));
        // The trail's end: the first page of /audit would be its beginning, and a long trail's end never shown.
        Map<String, Object> answer = map(api.api().auditNewest(call.admin()));
        List<Map<String, Object>> records = new ArrayList<>();
        for (Object o : list(answer.get("records"))) {
            Map<String, Object> r = map(o);
            if (matches(r.get("actor"), actor) && matches(r.get("action"), action)
                    && (matches(r.get("subject"), text) || matches(r.get("details"), text))) {
                records.add(r);
            }
        }
        java.util.Collections.reverse(records); // the newest first
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "audit");
        m.put("records", records);
        m.put("limit", answer.get("limit"));
        m.put("actor", call.param("actor"));
        m.put("action", call.param("action"));
        m.put("text", call.param("text"));
        if ("1".equals(call.param("verify"))) {
            m.put("verification", api.api().verifyAudit(call.admin()));
        }
        return Response.page("audit", m);
    }

    // ---- helpers ----

    private static boolean matches(Object value, String filter) {
        return filter == null || (value != null && String.valueOf(value).toLowerCase(Locale.ROOT).contains(filter));
    }

    private static String lower(String value) {
        return value == null || value.isBlank() ? null : value.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String roles(Admin admin) {
        return String.join(", ", admin.roles().stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** A list, or any other collection the operations answer with (the approved hosts are a set), as a list. */
    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        return o instanceof List<?> l ? (List<Object>) l : o instanceof java.util.Collection<?> c ? new ArrayList<>(c) : List.of();
    }
}

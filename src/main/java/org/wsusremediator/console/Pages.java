package org.wsusremediator.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Role;
import org.wsusremediator.server.ApiServices;

/**
 * What each console page shows and each form does, in the API's own operations ({@link ApiServices}): a page is the
 * operation's answer put in a template, with a few words added for a person (an age, why a button is missing). Here:
 * what every page shows, the overview, approvals, hosts, windows and the audit trail; plans are {@link PlanPages}'s
 * and runs {@link RunPages}'s.
 */
final class Pages {

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

    static String blankToNull(String value) {
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

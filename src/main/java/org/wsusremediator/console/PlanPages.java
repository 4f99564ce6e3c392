package org.wsusremediator.console;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Role;
import org.wsusremediator.server.ApiError;
import org.wsusremediator.server.ApiServices;
import org.wsusremediator.server.HtmlPage;
import org.wsusremediator.server.Reports;

import static org.wsusremediator.console.Pages.list;
import static org.wsusremediator.console.Pages.map;

/**
 * The plan pages: the list with a requester's form, one plan with its hosts' facts and changes and the approver's
 * decision form (or why there is none), the decision itself, and the plan's report.
 */
final class PlanPages {

    private final ApiServices api;

    PlanPages(ApiServices api) {
        this.api = api;
    }

    Response plans(ConsoleRoutes.Call call) {
        String status = call.param("status");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("nav", "plans");
        m.put("plans", list(map(api.api().listPlans(call.admin(), Pages.blankToNull(status))).get("plans")));
        m.put("statusFilter", Pages.blankToNull(status));
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
        String kind = call.form().value("kind");
        if (kind != null && !kind.isBlank()) {
            request.put("kind", kind); // checked by the API as any request's
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
            return "You (" + admin.name() + ", " + Pages.roles(admin) + ") are not an approver: you can read this plan,"
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


    Response planReport(ConsoleRoutes.Call call) {
        Object page = api.reports().plan(call.admin(), call.param("id"), Reports.Format.HTML);
        return new Response.Document(((HtmlPage) page).html(), HtmlPage.CONTENT_SECURITY_POLICY);
    }

}

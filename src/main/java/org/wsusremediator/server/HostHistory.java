package org.wsusremediator.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.HostStateRecord;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;

/**
 * One host across plans and runs (docs/server.md, "Host history"), newest plan first. Each plan is the scan the store
 * keeps of the host (a standalone {@code scan} is written as a report file, not stored): when it was read, what the
 * probe read and the identity it answered with, the action proposed and why; then the approvals and rejections that
 * cover the host (those that verify, each with whether a run counts it), every run of the plan that recorded a state
 * for the host with each state in order, and states recorded outside a run.
 */
final class HostHistory {

    private HostHistory() {
    }

    /** Null when no plan has the host (matched ignoring case, as Windows names are). */
    static Map<String, Object> of(Store store, AdminDirectory directory, String name) {
        List<Map<String, Object>> plans = new ArrayList<>();
        for (Plan plan : store.plans()) {
            for (PlannedHost h : plan.hosts()) {
                if (h.host().equalsIgnoreCase(name)) {
                    plans.add(entry(store, directory, plan, h));
                }
            }
        }
        if (plans.isEmpty()) {
            return null;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("host", name);
        body.put("plans", plans);
        return body;
    }

    private static Map<String, Object> entry(Store store, AdminDirectory directory, Plan plan, PlannedHost h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("plan", plan.id());
        m.put("host", h.host());
        m.put("created_at", plan.createdAt().toString());
        m.put("requester", plan.requester());
        m.put("inventory", Path.of(plan.inventory()).getFileName().toString());
        m.put("action", h.action().name());
        m.put("reason", h.reason());
        m.put("needs_approval", h.needsApproval());
        m.put("irreversible", Api.irreversible(h));
        m.put("fingerprint", h.fingerprint());
        PlanDetail.putFacts(m, h);
        Consent consent = store.consent(plan, directory);
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (Approval a : consent.authentic()) {
            if (a.covers(h.host())) {
                Map<String, Object> d = Api.decision(a);
                d.put("counted", consent.counted().contains(a));
                decisions.add(d);
            }
        }
        m.put("decisions", decisions);
        m.put("consent_verified", consent.verified());
        List<HostStateRecord> states = store.hostStates(plan.id()).stream()
                .filter(r -> r.host().equalsIgnoreCase(h.host())).toList();
        m.put("states", states.stream().map(HostHistory::state).toList()); // every state, in the order recorded
        List<Map<String, Object>> runs = new ArrayList<>();
        for (RunRecord run : store.runs().ofPlan(plan.id())) {
            List<Map<String, Object>> inRun = states.stream().filter(r -> run.id().equals(r.runId()))
                    .map(HostHistory::state).toList();
            if (!inRun.isEmpty()) {
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("id", run.id());
                r.put("cause", run.cause());
                r.put("started_by", run.startedBy());
                r.put("started_at", run.startedAt().toString());
                r.put("finished_at", run.finishedAt() == null ? null : run.finishedAt().toString());
                r.put("status", run.status());
                r.put("abort_reason", run.abortReason());
                r.put("states", inRun);
                runs.add(r);
            }
        }
        m.put("runs", runs);
        return m;
    }

    private static Map<String, Object> state(HostStateRecord r) {
        Map<String, Object> st = new LinkedHashMap<>();
        st.put("state", r.state());
        st.put("detail", r.detail());
        st.put("run", r.runId());
        st.put("wave", r.wave());
        st.put("recorded_at", r.recordedAt().toString());
        return st;
    }
}

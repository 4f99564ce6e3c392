package org.wsusremediator.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Role;
import org.wsusremediator.server.ApiServices;
import org.wsusremediator.server.HtmlPage;
import org.wsusremediator.server.Reports;

import static org.wsusremediator.console.Pages.list;
import static org.wsusremediator.console.Pages.map;

/**
 * The run pages: the list, starting a run, one run with its hosts (the JSON its live view polls too), abort, retry of
 * the failed hosts, and the run's report.
 */
final class RunPages {

    /** How long a started run has to appear before the form answers with the plan instead of the run. */
    private static final Duration RUN_APPEARS = Duration.ofSeconds(10);
    /** The states a retry starts again: the run's failures (the API answers 409 when none is left). */
    private static final java.util.Set<String> RETRIED_STATES = org.wsusremediator.apply.RetryHosts.failedStates().stream()
            .map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private final ApiServices api;
    private final Clock clock;

    RunPages(ApiServices api, Clock clock) {
        this.api = api;
        this.clock = clock;
    }

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

}

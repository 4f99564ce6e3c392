package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/runs/{id}/retry} through the real server. The fleet first fails both hosts: sp1-a's connection
 * drops when its installer is started (UNKNOWN: the change may have happened), sp1-b's package does not match its
 * hash (FAILED before any change). A retry of that run under the same approval, once the fleet is healthy again,
 * starts exactly those two hosts: sp1-b afresh, sp1-a as crash recovery does (the host is asked about the installer's
 * task; never installed blindly a second time). A retry is journaled as any run, naming the run it retries; the
 * refusals: 403, 400, 404, 409 for a run with no failed host left and for an approval withdrawn since. Run on H2
 * ({@link ApiRetryIT}) and PostgreSQL ({@link ApiRetryPostgresIT}).
 */
abstract class RunRetryScenario {

    /** Starts the server as {@link ApiServerScenario#start} does, on a fleet whose hosts fail, every wave run. */
    static void startFailingFleet(Path tempDir, String subnet, String url, String user, String password) throws Exception {
        ApiServerScenario.start(tempDir, subnet, url, user, password);
        ServerRestart.stop();
        Path windows = tempDir.resolve("server/windows.yaml");
        // Every wave runs whatever failed before it; a weekly window (Sundays 03:00) for windows pause|resume.
        Files.writeString(windows, Files.readString(windows).replace("minWaveSuccess: 100%", "minWaveSuccess: 0%")
                .replace("maxFailures: 50%", "maxFailures: 100%")
                + "windows:\n  - { name: weekly, start: \"0 0 3 ? * SUN\", duration: 2h, timeZone: UTC }\n");
        Path fleet = tempDir.resolve("server/fleet.yaml");
        Files.writeString(fleet, Files.readString(fleet)
                .replace("address: " + subnet + ".10\n", "address: " + subnet + ".10\n    fault: dropDuringInstall\n")
                .replace("address: " + subnet + ".11\n", "address: " + subnet + ".11\n    fault: packageTampered\n"));
        ServerRestart.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void theFailedHostsAreRetriedUnderTheSameApprovalAndOnlyThey() throws Exception {
        String plan = ApiConsentIT.newPlan();
        String withdrawn = ApiConsentIT.newPlan();
        for (String p : List.of(plan, withdrawn)) {
            assertThat(call("POST", "/plans/" + p + "/approve", bearer(ServerFiles.BOB_TOKEN),
                    "{\"reason\":\"change 4711\"}").statusCode()).isEqualTo(200);
        }
        String failed = runToTheEnd(plan);
        String failedToo = runToTheEnd(withdrawn);
        Map<String, JsonNode> first = hosts(failed);
        assertThat(first.get("sp1-a").get("state").asText()).as(first.toString()).isEqualTo("UNKNOWN");
        assertThat(first.get("sp1-b").get("state").asText()).as(first.toString()).isEqualTo("FAILED");

        String retry = "/runs/" + failed + "/retry";
        assertThat(call("POST", retry, bearer(ServerFiles.BOB_TOKEN), "{\"reason\":\"x\"}").statusCode())
                .as("an approver is not an operator").isEqualTo(403);
        assertThat(call("POST", retry, bearer(ServerFiles.CAROL_TOKEN), "{}").statusCode()).as("no reason").isEqualTo(400);
        assertThat(call("POST", "/runs/run-nothere/retry", bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"x\"}")
                .statusCode()).isEqualTo(404);
        // The approval withdrawn for both failed hosts of the other plan since its run: refused before anything starts.
        assertThat(call("POST", "/plans/" + withdrawn + "/reject", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"INC-3: not these\",\"hosts\":[\"sp1-a\",\"sp1-b\"]}").statusCode()).isEqualTo(200);
        HttpResponse<String> refused = call("POST", "/runs/" + failedToo + "/retry", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"again\"}");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(json(refused).get("code").asText()).isEqualTo("not_approved");

        healFleet();

        HttpResponse<String> retrying = call("POST", retry, bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"CHG-5: the WSUS share is fixed\"}");
        assertThat(retrying.statusCode()).as(retrying.body()).isEqualTo(202);
        assertThat(json(retrying).get("retry_of").asText()).isEqualTo(failed);
        assertThat(json(retrying).get("hosts").toString()).isEqualTo("[\"sp1-a\",\"sp1-b\"]");
        String second = awaitEnded(plan, 2);
        JsonNode run = json(call("GET", "/runs/" + second, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("FINISHED");
        assertThat(run.get("retry_of").asText()).isEqualTo(failed);
        assertThat(run.get("started_by").asText()).isEqualTo("carol");
        Map<String, JsonNode> retried = hosts(second);
        assertThat(retried.get("sp1-b").get("state").asText()).as(retried.toString()).isEqualTo("REMEDIATED");
        assertThat(retried.get("sp1-a").get("state").asText()).as(retried.toString()).isIn("REMEDIATED", "VERIFIED");
        // sp1-a may have been changed by the failed run: the host was asked about the installer's task first.
        JsonNode history = json(call("GET", "/hosts/sp1-a", bearer(ServerFiles.DAVE_TOKEN), null));
        List<String> inRetry = new ArrayList<>();
        for (JsonNode p : history.get("plans")) {
            p.get("states").forEach(s -> {
                if (second.equals(s.get("run").asText())) {
                    inRetry.add(s.get("state").asText() + ": " + s.get("detail").asText());
                }
            });
        }
        assertThat(inRetry.get(0)).as(inRetry.toString()).startsWith("ACTED: recovering after an interrupted run");
        assertThat(inRetry.get(inRetry.size() - 1)).as(inRetry.toString()).doesNotContain("installed and verified");

        HttpResponse<String> again = call("POST", retry, bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"again\"}");
        assertThat(again.statusCode()).as("its failed hosts were taken up by the retry").isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("no_failed_hosts");
        assertThat(json(call("POST", "/runs/" + second + "/retry", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"again\"}")).get("code").asText()).isEqualTo("no_failed_hosts");

        // Audited with who and why, the refusal too.
        JsonNode audit = json(call("GET", "/audit", bearer(ServerFiles.DAVE_TOKEN), null)).get("records");
        List<JsonNode> retriedRecords = new ArrayList<>();
        audit.forEach(r -> {
            if (r.get("action").asText().equals("RUN_RETRIED")) {
                retriedRecords.add(r);
            }
        });
        List<String> actions = new ArrayList<>();
        audit.forEach(r -> actions.add(r.get("seq").asText() + " " + r.get("action").asText()));
        assertThat(retriedRecords).as(actions.toString()).hasSize(1);
        assertThat(retriedRecords.get(0).get("actor").asText()).isEqualTo("carol");
        assertThat(retriedRecords.get(0).get("subject").asText()).isEqualTo("run " + failed);
        assertThat(retriedRecords.get(0).get("details").asText()).contains("CHG-5");
        assertThat(audit.toString()).contains("RETRY_REFUSED");
        JsonNode report = json(call("GET", "/reports/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(report.get("runs")).hasSize(2);
        try (Stream<Path> files = Files.walk(ApiServerScenario.dir.resolve("server/reports"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".json")).map(RunRetryScenario::read)
                    .filter(t -> t.contains(second))).singleElement().asString()
                    .containsPattern("\"retryOf\"\\s*:\\s*\"" + failed + "\"");
        }
        // In the store as any run, naming the run it retries.
        ServerRestart.stop(); // H2 is one process's
        try (Connection c = DriverManager.getConnection(ApiServerScenario.storeUrl, ApiServerScenario.storeUser,
                ApiServerScenario.storePassword == null ? "" : ApiServerScenario.storePassword);
             ResultSet rs = c.createStatement().executeQuery("SELECT id, cause, retry_of FROM runs WHERE plan_id = '"
                     + plan + "' ORDER BY started_at")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(2)).isEqualTo("api run now");
            assertThat(rs.getString(3)).isNull();
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo(second);
            assertThat(rs.getString(2)).as("started as any API run").isEqualTo("api run now");
            assertThat(rs.getString(3)).isEqualTo(failed);
        }
    }

    /** Restarts the server on a healthy fleet, sp1-a as the dropped install left it (the DLL updated). */
    static void healFleet() throws Exception {
        ServerRestart.stop();
        Path fleet = ApiServerScenario.dir.resolve("server/fleet.yaml");
        // Healthy again; sp1-a as the dropped install left it (the simulated fleet starts afresh with every run).
        String healthy = Files.readString(fleet).replace("    fault: packageTampered\n", "");
        int a = healthy.indexOf("    fault: dropDuringInstall\n");
        Files.writeString(fleet, healthy.substring(0, a) + healthy.substring(a).replaceFirst(
                "    fault: dropDuringInstall\n((?:.*\n)*?)    dllVersion: 3.1.6001.65", "$1    dllVersion: 3.1.6001.66"));
        ServerRestart.launch();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Starts a run of {@code plan} and waits for it to end; its id. */
    static String runToTheEnd(String plan) throws Exception {
        HttpResponse<String> started = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + plan + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return awaitEnded(plan, 1);
    }

    /** Waits until plan has {@code count} runs, none running; the latest one's id. */
    private static String awaitEnded(String plan, int count) {
        String[] id = new String[1];
        await("run " + count + " of " + plan + " ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> {
                    List<JsonNode> runs = new ArrayList<>();
                    json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs").forEach(r -> {
                        if (plan.equals(r.get("plan").asText())) {
                            runs.add(r);
                        }
                    });
                    if (runs.size() != count || runs.stream().anyMatch(r -> "RUNNING".equals(r.get("status").asText()))) {
                        return false;
                    }
                    runs.sort(java.util.Comparator.comparing(r -> r.get("started_at").asText()));
                    id[0] = runs.get(count - 1).get("id").asText();
                    return true;
                });
        return id[0];
    }

    static Map<String, JsonNode> hosts(String runId) throws Exception {
        JsonNode run = json(call("GET", "/runs/" + runId, bearer(ServerFiles.DAVE_TOKEN), null));
        Map<String, JsonNode> hosts = new LinkedHashMap<>();
        run.get("waves").forEach(w -> w.get("hosts").forEach(h -> hosts.put(h.get("host").asText(), h)));
        return hosts;
    }
}

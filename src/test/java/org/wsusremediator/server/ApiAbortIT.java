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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/runs/{id}/abort} through the real server on H2, against a slow simulated fleet on 127.68.6.x
 * (every WS-Management answer 300 ms late) so that the abort lands while the canary is being installed: the canary
 * finishes its visit, the host of the second wave is never started and ends ABORTED with who aborted and why.
 */
class ApiAbortIT {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.68.6", null, null, null);
        ServerRestart.stop();
        Path fleet = tempDir.resolve("server/fleet.yaml");
        Files.writeString(fleet, Files.readString(fleet).replace("latencyMs: 5", "latencyMs: 300"));
        ServerRestart.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void anOperatorAbortsARunningRunAndTheHostsNotStartedEndAborted() throws Exception {
        String plan = ApiConsentIT.newPlan();
        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\"}").statusCode()).isEqualTo(200);
        HttpResponse<String> started = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + plan + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String[] runId = new String[1];
        await("the run is journaled RUNNING").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode runs = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs");
                    if (runs.size() == 1 && "RUNNING".equals(runs.get(0).get("status").asText())) {
                        runId[0] = runs.get(0).get("id").asText();
                    }
                    return runId[0] != null;
                });
        HttpResponse<String> retry = call("POST", "/runs/" + runId[0] + "/retry", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"too early\"}");
        assertThat(retry.statusCode()).as("a running run is not retried").isEqualTo(409);
        assertThat(json(retry).get("code").asText()).isEqualTo("running");
        String abort = "/runs/" + runId[0] + "/abort";
        assertThat(call("POST", abort, bearer(ServerFiles.BOB_TOKEN), "{\"reason\":\"stop\"}").statusCode())
                .as("an approver is not an operator").isEqualTo(403);
        assertThat(call("POST", abort, bearer(ServerFiles.CAROL_TOKEN), "{}").statusCode()).as("no reason").isEqualTo(400);
        assertThat(call("POST", "/runs/run-nothere/abort", bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"x\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> aborted = call("POST", abort, bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"INC-77: the WSUS database is being restored\"}");
        assertThat(aborted.statusCode()).as(aborted.body()).isEqualTo(202);
        assertThat(json(aborted).get("status").asText()).isEqualTo("ABORTING");
        assertThat(json(aborted).get("abort_reason").asText())
                .isEqualTo("aborted by carol: INC-77: the WSUS database is being restored");

        await("the run ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> !"RUNNING".equals(json(call("GET", "/runs/" + runId[0], bearer(ServerFiles.DAVE_TOKEN), null))
                        .get("status").asText()));
        JsonNode run = json(call("GET", "/runs/" + runId[0], bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("ABORTED");
        assertThat(run.get("abort_reason").asText()).isEqualTo("aborted by carol: INC-77: the WSUS database is being restored");
        Map<String, JsonNode> hosts = new LinkedHashMap<>();
        run.get("waves").forEach(w -> w.get("hosts").forEach(h -> hosts.put(h.get("host").asText(), h)));
        assertThat(hosts.get("sp1-a").get("state").asText()).as("the canary, started before the abort, finished")
                .isEqualTo("REMEDIATED");
        assertThat(hosts.get("sp1-b").get("state").asText()).as(run.toString()).isEqualTo("ABORTED");
        assertThat(hosts.get("sp1-b").get("detail").asText()).contains("not started: aborted by carol: INC-77");

        HttpResponse<String> again = call("POST", abort, bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"again\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("not_running");
        JsonNode audit = json(call("GET", "/audit", bearer(ServerFiles.DAVE_TOKEN), null)).get("records");
        long abortRecords = 0;
        for (JsonNode r : audit) {
            if (r.get("action").asText().equals("RUN_ABORTED")) {
                abortRecords++;
                assertThat(r.get("actor").asText()).isEqualTo("carol");
                assertThat(r.get("subject").asText()).isEqualTo("run " + runId[0]);
                assertThat(r.get("details").asText()).contains("INC-77");
            }
        }
        assertThat(abortRecords).isEqualTo(1);
        assertThat(json(call("GET", "/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null)).get("status").asText())
                .isEqualTo("aborted");
    }
}

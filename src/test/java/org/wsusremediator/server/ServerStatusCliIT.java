package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code remediator status --server} as a real process with only a viewer's token, against {@code serve --config}
 * (H2, fleet on 127.68.7.x) after a plan was made, approved and run through the API: the plan's status, decisions,
 * host states and run, and the server's windows, in the local status's shape.
 */
class ServerStatusCliIT {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.68.7", null, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void statusWithServerPrintsThePlansRunsAndWindowsTheServerHas() throws Exception {
        ServerCliIT.Result noToken = ServerCliIT.cli(null, "status");
        assertThat(noToken.exit()).as(noToken.out()).isEqualTo(2);

        String plan = ApiConsentIT.newPlan();
        String pending = ApiConsentIT.newPlan();
        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\"}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + plan + "\"}").statusCode())
                .isEqualTo(202);
        await("the run ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode runs = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs");
            return runs.size() == 1 && !"RUNNING".equals(runs.get(0).get("status").asText());
        });
        String runId = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs").get(0).get("id").asText();

        ServerCliIT.Result status = ServerCliIT.cli(ServerFiles.DAVE_TOKEN, "status");
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out())
                .containsPattern("Plans \\(2: (1 FINISHED, 1 PENDING|1 PENDING, 1 FINISHED)\\):")
                .contains("  " + plan + " FINISHED by alice, created ")
                .contains("  " + pending + " PENDING by alice, created ")
                .contains("    2 hosts, 2 need approval, 2 approved")
                .contains("    2 hosts, 2 need approval, 0 approved")
                .containsPattern("    APPROVE +by bob +all hosts: change 4711 \\(")
                .contains("    host states: REMEDIATED 2")
                .containsPattern("    " + runId + " FINISHED +api run now by carol, started ")
                .contains("Change windows (the server's):")
                .contains("  apply --now outside a window: allowed")
                .contains("Next scheduled run: no window is scheduled");
    }
}

package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restart plan through the server (issue 14): a host with KB954960 installed and a restart pending (left
 * REBOOT_REQUIRED by a plan that did not allow restarts) gets action RESTART in a plan of kind {@code restarts}, made
 * by {@code POST /api/v1/plans} or {@code plan --restarts --server}; it is approved by another admin and run like any
 * plan, and the host is restarted, waited for and health-checked. Before, the server made only remediation plans and
 * the CLI refused {@code --restarts} with {@code --server}.
 */
class ApiRestartPlanIT {

    private static final Pattern PLAN = Pattern.compile("plan (plan-[0-9a-f-]+) by alice, valid until ");

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.84.1", null, null, null);
        ServerRestart.stop();
        // sp1-a has KB954960 (the fixed DLL) and waits for a restart; it is down 2 s once restarted. sp1-b needs the KB.
        Path fleet = tempDir.resolve("server/fleet.yaml");
        String text = Files.readString(fleet);
        int a = text.indexOf("address: 127.84.1.10\n");
        int dll = text.indexOf("dllVersion: 3.1.6001.65", a);
        Files.writeString(fleet, text.substring(0, dll) + "dllVersion: 3.1.6001.66\n"
                + "    rebootPending: { rebootRequired: true }\n    restart: { downSeconds: 2 }"
                + text.substring(dll + "dllVersion: 3.1.6001.65".length()));
        Path inventory = tempDir.resolve("server/inventory.yaml");
        Files.writeString(inventory, Files.readString(inventory).replace("  installTimeout: 8s\n",
                "  installTimeout: 8s\n  restartDelay: 1s\n  restartTimeout: 60s\n"));
        ServerRestart.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void aRestartPlanMadeThroughTheServerRestartsTheHostWaitingForOne() throws Exception {
        HttpResponse<String> unknown = call("POST", "/plans", bearer(ServerFiles.ALICE_TOKEN),
                "{\"inventory\":\"inventory.yaml\",\"kind\":\"reboot-everything\"}");
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
        assertThat(unknown.body()).contains("remediation, restarts");

        ServerCliIT.Result made = ServerCliIT.cli(ServerFiles.ALICE_TOKEN, "plan", "inventory.yaml", "--restarts");
        assertThat(made.exit()).as(made.out()).isZero();
        Matcher m = PLAN.matcher(made.out());
        assertThat(m.find()).as(made.out()).isTrue();
        String plan = m.group(1);
        assertThat(made.out()).containsPattern("sp1-a\\s+RESTART\\s+needs approval");

        JsonNode detail = json(call("GET", "/plans/" + plan, bearer(ServerFiles.DAVE_TOKEN), null));
        Map<String, JsonNode> hosts = new java.util.LinkedHashMap<>();
        detail.get("hosts").forEach(h -> hosts.put(h.get("host").asText(), h));
        assertThat(hosts.get("sp1-a").get("action").asText()).isEqualTo("RESTART");
        assertThat(hosts.get("sp1-a").get("needs_approval").asBoolean()).isTrue();
        assertThat(hosts.get("sp1-b").get("needs_approval").asBoolean()).as("not in a restart plan").isFalse();

        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.ALICE_TOKEN),
                "{\"reason\":\"mine\"}").statusCode()).as("the two-person rule holds for restart plans").isEqualTo(403);
        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"CHG-4713: restart sp1-a\"}").statusCode()).isEqualTo(200);

        String run = RunRetryScenario.runToTheEnd(plan);
        Map<String, JsonNode> states = RunRetryScenario.hosts(run);
        assertThat(states.get("sp1-a").get("state").asText()).as(states.toString()).isEqualTo("REMEDIATED");
        JsonNode report = json(call("GET", "/reports/runs/" + run, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(report.toString()).as("the run's report shows the restart and the health check").contains("bootAfter",
                "clientWebService");
        HttpResponse<String> page = call("GET", "/reports/runs/" + run + "?format=html", bearer(ServerFiles.DAVE_TOKEN), null);
        assertThat(page.body()).contains("Restarts and health checks");
    }
}

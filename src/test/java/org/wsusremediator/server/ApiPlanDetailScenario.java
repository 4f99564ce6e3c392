package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ApiServerScenario.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Plan detail, reports and host history through the real server ({@link ApiServerScenario#start}) over real HTTPS with
 * a real store: a first plan with the facts the probe read and no previous plan; a run of one host (the other
 * rejected) and its report as JSON and as HTML with a strict Content-Security-Policy; then the fleet changes (sp1-a
 * now has the fix, sp1-b leaves the inventory, sp1-c joins and answers a hostile OS caption) and the second plan of
 * the inventory says what changed, host by host and fact by fact; the HTML plan report escapes the hostile value; a
 * host's history has its plans, facts, decisions and runs; a change window's run is reported as the API's run but for its
 * trigger. On H2 ({@link ApiPlanDetailIT}) and PostgreSQL
 * ({@link ApiPlanDetailPostgresIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ApiPlanDetailScenario {

    static final String HOSTILE_CAPTION = "Windows <script>alert(1)</script> & \\\"co\\\"";
    static String subnet;
    static String firstPlan;
    static String secondPlan;
    static String runId;

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    @Order(1)
    void theFirstPlanOfAnInventoryShowsTheFactsThatDecidedEachActionAndNoPreviousPlan() throws Exception {
        HttpResponse<String> created = call("POST", "/plans", bearer(ServerFiles.ALICE_TOKEN), "{}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        firstPlan = json(created).get("id").asText();
        JsonNode plan = json(call("GET", "/plans/" + firstPlan, bearer(ServerFiles.DAVE_TOKEN), null));
        JsonNode a = plan.get("hosts").get(0);
        assertThat(a.get("host").asText()).isEqualTo("sp1-a");
        assertThat(a.get("action").asText()).isEqualTo("INSTALL_KB");
        assertThat(a.get("reason").asText()).isNotBlank();
        assertThat(a.get("irreversible").asBoolean()).isTrue();
        assertThat(a.get("fingerprint").asText()).hasSize(64);
        JsonNode facts = a.get("facts");
        assertThat(facts.get("wsus_version").asText()).isEqualTo("3.1.6001.65");
        assertThat(facts.get("dll_version").asText()).isEqualTo("3.1.6001.65");
        assertThat(facts.get("os_version").asText()).isEqualTo("6.0.6001");
        assertThat(facts.get("os_caption").asText()).isEqualTo("Microsoft Windows Server 2008 Enterprise");
        assertThat(facts.get("powershell_version").asText()).isEqualTo("2.0");
        assertThat(facts.get("architecture").asText()).isNotBlank();
        assertThat(a.get("identity").get("computer_name").asText()).isEqualTo("SP1-A");
        assertThat(a.get("identity").get("machine_guid").asText()).isNotBlank();
        assertThat(a.get("facts_match_fingerprint").asBoolean()).isTrue();
        assertThat(a.get("change").asText()).isEqualTo("added");
        JsonNode changes = plan.get("changes");
        assertThat(changes.get("first_plan").asBoolean()).isTrue();
        assertThat(changes.get("previous_plan").isNull()).isTrue();
        assertThat(changes.get("counts").get("added").asInt()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void aRunStartedThroughTheApiHasItsReportAsJsonAndAsAStrictHtmlPage() throws Exception {
        assertThat(call("POST", "/plans/" + firstPlan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\",\"hosts\":[\"sp1-a\"]}").statusCode()).isEqualTo(200);
        assertThat(call("POST", "/plans/" + firstPlan + "/reject", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"not in this window\",\"hosts\":[\"sp1-b\"]}").statusCode()).isEqualTo(200);
        HttpResponse<String> started = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + firstPlan + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await("the run ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            JsonNode runs = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs");
            return runs.size() == 1 && !"RUNNING".equals(runs.get(0).get("status").asText());
        });
        runId = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs").get(0).get("id").asText();

        HttpResponse<String> asJson = call("GET", "/reports/runs/" + runId, bearer(ServerFiles.DAVE_TOKEN), null);
        assertThat(asJson.statusCode()).as(asJson.body()).isEqualTo(200);
        assertThat(asJson.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode report = json(asJson);
        assertThat(report.get("runId").asText()).isEqualTo(runId);
        assertThat(report.get("planId").asText()).isEqualTo(firstPlan);
        assertThat(report.get("startedBy").asText()).isEqualTo("carol");
        assertThat(report.get("status").asText()).isEqualTo("FINISHED");
        assertThat(report.get("hosts").get(0).get("state").asText()).isEqualTo("REMEDIATED");
        assertThat(report.get("hosts").get(1).get("state").asText()).isEqualTo("NOT_APPROVED");
        // The file the run wrote, served as it is: the same report a change window's run writes, by the same route.
        Path file = ApiServerScenario.dir.resolve("server/reports/" + firstPlan + "-" + runId + ".json");
        assertThat(json(asJson)).isEqualTo(new com.fasterxml.jackson.databind.ObjectMapper().readTree(Files.readString(file)));

        HttpResponse<String> page = html("/reports/runs/" + runId + "?format=html", null);
        assertStrictPage(page);
        assertThat(page.body()).contains("Plan " + firstPlan + ", run " + runId).contains("IRREVERSIBLE");
        assertThat(page.body()).isEqualTo(Files.readString(file.resolveSibling(firstPlan + "-" + runId + ".html")));
        HttpResponse<String> negotiated = html("/reports/runs/" + runId, "text/html,application/xhtml+xml;q=0.9");
        assertStrictPage(negotiated);
        assertThat(call("GET", "/reports/runs/" + runId + "?format=pdf", bearer(ServerFiles.DAVE_TOKEN), null)
                .statusCode()).isEqualTo(400);
        assertThat(call("GET", "/reports/runs/run-nowhere", bearer(ServerFiles.DAVE_TOKEN), null).statusCode())
                .isEqualTo(404);
        assertThat(call("GET", "/reports/runs/" + runId, null, null).statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void theSecondPlanOfTheInventorySaysWhatChangedInTheFleetHostByHostAndFactByFact() throws Exception {
        ServerRestart.stop();
        Path server = ApiServerScenario.dir.resolve("server");
        String fleet = Files.readString(server.resolve("fleet.yaml"));
        int a = fleet.indexOf("- name: sp1-a");
        int b = fleet.indexOf("- name: sp1-b");
        String sp1b = fleet.substring(b);
        String sp1c = sp1b.replace("sp1-b", "sp1-c").replace(subnet + ".11", subnet + ".12")
                .replace("Microsoft Windows Server 2008 Enterprise", HOSTILE_CAPTION);
        // sp1-a has the fix now (as the run installed it); sp1-c is a new server that answers a hostile OS caption.
        Files.writeString(server.resolve("fleet.yaml"), fleet.substring(0, a)
                + fleet.substring(a, b).replace("dllVersion: 3.1.6001.65", "dllVersion: 3.1.6001.66") + sp1b
                + (sp1b.endsWith("\n") ? "" : "\n") + "  " + sp1c);
        String inventory = Files.readString(server.resolve("inventory.yaml"));
        Files.writeString(server.resolve("inventory.yaml"), inventory.replace("{ name: sp1-b, address: " + subnet + ".11 }",
                "{ name: sp1-c, address: " + subnet + ".12 }"));
        // A change window from now on, for the report of a window's run (the first plan has nothing left to run).
        Path windows = server.resolve("windows.yaml");
        Files.writeString(windows, Files.readString(windows)
                + "windows:\n  - { name: every-3s, start: \"0/3 * * * * ?\", duration: 2s, timeZone: UTC }\n");
        ServerRestart.launch();

        HttpResponse<String> created = call("POST", "/plans", bearer(ServerFiles.ALICE_TOKEN), "{}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        secondPlan = json(created).get("id").asText();
        JsonNode plan = json(call("GET", "/plans/" + secondPlan, bearer(ServerFiles.DAVE_TOKEN), null));
        JsonNode changes = plan.get("changes");
        assertThat(changes.get("first_plan").asBoolean()).isFalse();
        assertThat(changes.get("previous_plan").get("id").asText()).isEqualTo(firstPlan);
        assertThat(changes.get("counts").toString()).isEqualTo("{\"added\":1,\"removed\":1,\"changed\":1,\"unchanged\":0}");
        List<String> kinds = new ArrayList<>();
        changes.get("hosts").forEach(h -> kinds.add(h.get("host").asText() + " " + h.get("change").asText()));
        assertThat(kinds).containsExactly("sp1-a changed", "sp1-c added", "sp1-b removed");
        JsonNode a1 = changes.get("hosts").get(0);
        assertThat(a1.get("action").toString()).isEqualTo("{\"from\":\"INSTALL_KB\",\"to\":\"COMPLIANT\"}");
        assertThat(a1.get("facts").toString())
                .isEqualTo("[{\"fact\":\"dll_version\",\"from\":\"3.1.6001.65\",\"to\":\"3.1.6001.66\",\"deciding\":true}]");
        assertThat(a1.get("facts_compared").asBoolean()).isTrue();
        assertThat(a1.get("identity_changed").asBoolean()).as("the same machine").isFalse();
        assertThat(a1.get("fingerprint").get("from").asText()).isNotEqualTo(a1.get("fingerprint").get("to").asText());
        assertThat(changes.get("hosts").get(2).get("action").toString()).isEqualTo("{\"from\":\"INSTALL_KB\",\"to\":null}");
        assertThat(plan.get("hosts").get(0).get("change").asText()).isEqualTo("changed");
        assertThat(plan.get("hosts").get(0).get("irreversible").asBoolean()).isFalse();
        assertThat(plan.get("hosts").get(1).get("change").asText()).isEqualTo("added");
        assertThat(plan.get("hosts").get(1).get("facts").get("os_caption").asText()).contains("<script>");

        HttpResponse<String> page = html("/reports/plans/" + secondPlan, "text/html");
        assertStrictPage(page);
        assertThat(page.body()).doesNotContain("<script").contains("Windows &lt;script&gt;alert(1)&lt;/script&gt; &amp;")
                .contains("Previous plan of this inventory: " + firstPlan).contains("INSTALL_KB &rarr; COMPLIANT")
                .contains("<strong>dll_version</strong>: 3.1.6001.65 &rarr; 3.1.6001.66");
        HttpResponse<String> asJson = call("GET", "/reports/plans/" + secondPlan, bearer(ServerFiles.DAVE_TOKEN), null);
        assertThat(asJson.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(json(asJson).get("plan").get("changes")).isEqualTo(changes);
    }

    @Test
    @Order(4)
    void aHostsHistoryHasEachPlansFactsAndActionItsDecisionsAndEveryStateOfItsRuns() throws Exception {
        JsonNode a = json(call("GET", "/hosts/SP1-A", bearer(ServerFiles.DAVE_TOKEN), null));
        JsonNode plans = a.get("plans");
        assertThat(plans).hasSize(2);
        assertThat(plans.get(0).get("plan").asText()).as("newest first").isEqualTo(secondPlan);
        assertThat(plans.get(0).get("action").asText()).isEqualTo("COMPLIANT");
        assertThat(plans.get(0).get("facts").get("dll_version").asText()).isEqualTo("3.1.6001.66");
        assertThat(plans.get(0).get("runs")).isEmpty();
        JsonNode first = plans.get(1);
        assertThat(first.get("plan").asText()).isEqualTo(firstPlan);
        assertThat(first.get("action").asText()).isEqualTo("INSTALL_KB");
        assertThat(first.get("irreversible").asBoolean()).isTrue();
        assertThat(first.get("facts").get("dll_version").asText()).isEqualTo("3.1.6001.65");
        assertThat(first.get("identity").get("computer_name").asText()).isEqualTo("SP1-A");
        assertThat(first.get("decisions")).hasSize(1);
        assertThat(first.get("decisions").get(0).get("admin").asText()).isEqualTo("bob");
        assertThat(first.get("decisions").get(0).get("decision").asText()).isEqualTo("APPROVE");
        assertThat(first.get("decisions").get(0).get("counted").asBoolean()).isTrue();
        JsonNode run = first.get("runs").get(0);
        assertThat(run.get("id").asText()).isEqualTo(runId);
        assertThat(run.get("started_by").asText()).isEqualTo("carol");
        List<String> states = new ArrayList<>();
        run.get("states").forEach(s -> states.add(s.get("state").asText()));
        assertThat(states).as("every state recorded, in order").hasSizeGreaterThan(1).first().isEqualTo("IN_FLIGHT");
        assertThat(states).last().isEqualTo("REMEDIATED");

        JsonNode b = json(call("GET", "/hosts/sp1-b", bearer(ServerFiles.DAVE_TOKEN), null));
        JsonNode rejected = b.get("plans").get(0);
        assertThat(rejected.get("decisions").get(0).get("decision").asText()).isEqualTo("REJECT");
        assertThat(rejected.get("decisions").get(0).get("reason").asText()).isEqualTo("not in this window");
        // The run reported sp1-b NOT_APPROVED without journaling a state for it (it was never contacted): no run here.
        assertThat(rejected.get("runs")).isEmpty();
        assertThat(call("GET", "/hosts/sp1-z", bearer(ServerFiles.DAVE_TOKEN), null).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aChangeWindowsRunIsReportedAsARunStartedThroughTheApiButForItsCause() throws Exception {
        assertThat(call("POST", "/plans/" + secondPlan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4712\",\"hosts\":[\"sp1-c\"]}").statusCode()).isEqualTo(200);
        await("the window runs the plan").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            for (JsonNode r : json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs")) {
                if (r.get("plan").asText().equals(secondPlan) && !"RUNNING".equals(r.get("status").asText())) {
                    return true;
                }
            }
            return false;
        });
        String windowRun = null;
        for (JsonNode r : json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs")) {
            if (r.get("plan").asText().equals(secondPlan)) {
                windowRun = r.get("id").asText();
            }
        }
        JsonNode byWindow = json(call("GET", "/reports/runs/" + windowRun, bearer(ServerFiles.DAVE_TOKEN), null));
        JsonNode byApi = json(call("GET", "/reports/runs/" + runId, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(byWindow.get("trigger").asText()).isEqualTo("window every-3s");
        assertThat(byApi.get("trigger").asText()).isEqualTo("api run now");
        assertThat(fields(byWindow)).isEqualTo(fields(byApi));
        JsonNode installed = byWindow.get("hosts").get(1);
        assertThat(installed.get("host").asText()).isEqualTo("sp1-c");
        assertThat(installed.get("state").asText()).isEqualTo("REMEDIATED");
        assertThat(fields(installed)).isEqualTo(fields(byApi.get("hosts").get(0)));
        HttpResponse<String> page = html("/reports/runs/" + windowRun, "text/html");
        assertStrictPage(page);
        assertThat(page.body()).contains("window every-3s").contains("IRREVERSIBLE");
        JsonNode c = json(call("GET", "/hosts/sp1-c", bearer(ServerFiles.DAVE_TOKEN), null)).get("plans").get(0);
        assertThat(c.get("runs").get(0).get("cause").asText()).isEqualTo("window every-3s");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static HttpResponse<String> html(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ApiServerScenario.api + path))
                .timeout(Duration.ofSeconds(60)).header("Authorization", bearer(ServerFiles.DAVE_TOKEN)).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return ApiServerScenario.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertStrictPage(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse(""))
                .startsWith("default-src 'none'; style-src 'sha256-").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(page.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(page.body()).startsWith("<!DOCTYPE html>");
    }
}

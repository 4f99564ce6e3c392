package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code remediator serve --config} as a real process over real HTTPS with a real store and a simulated fleet on
 * 127.68.x: the admin workflow through /api/v1 with four admins' tokens (and a password), from plan to an installed
 * run, and what it refuses. Run on H2 ({@link ApiServerIT}) and PostgreSQL ({@link ApiServerPostgresIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ApiServerScenario {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static String storeUrl;
    static String storeUser;
    static String storePassword;
    static ServerProcess server;
    static final List<String> output = Collections.synchronizedList(new ArrayList<>());
    /** Every response's headers and body, searched for secrets at the end. */
    static final List<String> responses = Collections.synchronizedList(new ArrayList<>());
    static HttpClient client;
    static String api;
    static String management;
    static String planId;

    /** Starts the server on {@code subnet}'s fleet with this store (the H2 default when {@code url} is null). */
    static void start(Path tempDir, String subnet, String url, String user, String password) throws Exception {
        dir = tempDir;
        output.clear();
        responses.clear();
        storeUrl = url != null ? url : "jdbc:h2:file:" + dir.resolve("server/data/remediator");
        storeUser = url != null ? user : "sa";
        storePassword = url != null ? password : null;
        Path config = ServerFiles.write(dir.resolve("server"), subnet, true, storeUrl, storeUser, storePassword);
        SSLContext ssl = ServerFiles.trusting(dir.resolve("server/server.crt.pem"));
        client = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();

        server = ServerProcess.start(config, dir.resolve("server"), output);
        api = server.baseUrl() + "/api/v1";
        management = server.managementUrl();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    static HttpResponse<String> call(String method, String path, String authorization, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        responses.add(response.headers().map() + "\n" + response.body());
        return response;
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    @Test
    @Order(1)
    void tokenAndPasswordLogInWrongTokenIs401() throws Exception {
        HttpResponse<String> me = call("GET", "/me", bearer(ServerFiles.DAVE_TOKEN), null);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json(me).get("name").asText()).isEqualTo("dave");
        assertThat(me.headers().firstValue("Cache-Control")).as("an answer to an admin is kept by no cache").hasValue("no-store");
        String basic = "Basic " + Base64.getEncoder().encodeToString(("alice:" + ServerFiles.ALICE_PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> alice = call("GET", "/me", basic, null);
        assertThat(alice.statusCode()).isEqualTo(200);
        assertThat(json(alice).get("name").asText()).isEqualTo("alice");
        HttpResponse<String> none = call("GET", "/plans", null, null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(json(none).get("code").asText()).isEqualTo("unauthorized");
        HttpResponse<String> wrong = call("GET", "/plans", bearer("not-a-token"), null);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(json(wrong).get("code").asText()).isEqualTo("unauthorized");
    }

    @Test
    @Order(2)
    void theOpenApiDescriptionIsServedAndParses() throws Exception {
        HttpResponse<String> doc = call("GET", "/openapi.json", null, null);
        assertThat(doc.statusCode()).isEqualTo(200);
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(doc.body());
        assertThat(parsed.getMessages()).isEmpty();
        assertThat(parsed.getOpenAPI().getPaths().keySet()).contains("/plans", "/plans/{id}", "/plans/{id}/approve",
                "/plans/{id}/reject", "/runs", "/runs/{id}", "/audit", "/audit/verify", "/windows", "/hosts/{id}");
    }

    @Test
    @Order(3)
    void aRequesterMakesAPlanAndCannotApproveIt() throws Exception {
        HttpResponse<String> created = call("POST", "/plans", bearer(ServerFiles.ALICE_TOKEN), "{\"inventory\":\"inventory.yaml\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode plan = json(created);
        planId = plan.get("id").asText();
        assertThat(plan.get("status").asText()).isEqualTo("pending");
        assertThat(plan.get("can_approve").asBoolean()).as("two-person rule").isFalse();
        assertThat(plan.get("hosts")).hasSize(2);
        assertThat(plan.get("hosts").get(0).get("action").asText()).isEqualTo("INSTALL_KB");
        assertThat(plan.get("hosts").get(0).get("irreversible").asBoolean()).isTrue();

        HttpResponse<String> self = call("POST", "/plans/" + planId + "/approve", bearer(ServerFiles.ALICE_TOKEN),
                "{\"reason\":\"mine\"}");
        assertThat(self.statusCode()).isEqualTo(403);
        assertThat(json(self).get("code").asText()).isEqualTo("self_approval");

        JsonNode asBob = json(call("GET", "/plans/" + planId, bearer(ServerFiles.BOB_TOKEN), null));
        assertThat(asBob.get("can_approve").asBoolean()).isTrue();
        assertThat(json(call("GET", "/plans?status=pending", bearer(ServerFiles.DAVE_TOKEN), null)).get("plans"))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void aViewerCannotApproveAnApproverDoesAndAnOperatorRunsIt() throws Exception {
        HttpResponse<String> viewer = call("POST", "/plans/" + planId + "/approve", bearer(ServerFiles.DAVE_TOKEN),
                "{\"reason\":\"looks fine\"}");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(json(viewer).get("code").asText()).isEqualTo("forbidden");
        HttpResponse<String> notOperator = call("POST", "/runs", bearer(ServerFiles.BOB_TOKEN), "{\"plan\":\"" + planId + "\"}");
        assertThat(notOperator.statusCode()).isEqualTo(403);
        HttpResponse<String> early = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + planId + "\"}");
        assertThat(early.statusCode()).as("nothing approved yet").isEqualTo(409);
        assertThat(json(early).get("code").asText()).isEqualTo("not_approved");

        HttpResponse<String> approved = call("POST", "/plans/" + planId + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).get("approved_hosts")).hasSize(2);
        HttpResponse<String> again = call("POST", "/plans/" + planId + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\"}");
        assertThat(again.statusCode()).isEqualTo(409);

        HttpResponse<String> started = call("POST", "/runs", bearer(ServerFiles.CAROL_TOKEN), "{\"plan\":\"" + planId + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        await("the run installs on both hosts").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    JsonNode runs = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs");
                    return runs.size() == 1 && !"RUNNING".equals(runs.get(0).get("status").asText());
                });
        JsonNode run = json(call("GET", "/runs", bearer(ServerFiles.DAVE_TOKEN), null)).get("runs").get(0);
        assertThat(run.get("status").asText()).isEqualTo("FINISHED");
        assertThat(run.get("started_by").asText()).isEqualTo("carol");
        JsonNode detail = json(call("GET", "/runs/" + run.get("id").asText(), bearer(ServerFiles.DAVE_TOKEN), null));
        List<String> states = new ArrayList<>();
        detail.get("waves").forEach(w -> w.get("hosts").forEach(h -> states.add(h.get("state").asText())));
        assertThat(states).containsExactly("REMEDIATED", "REMEDIATED");
        JsonNode report = json(call("GET", "/reports/plans/" + planId, bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(report.get("runs")).hasSize(1);
        JsonNode host = json(call("GET", "/hosts/sp1-a", bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(host.get("plans").get(0).get("states").toString()).contains("REMEDIATED");
        assertThat(call("GET", "/hosts/nowhere", bearer(ServerFiles.DAVE_TOKEN), null).statusCode()).isEqualTo(404);
        JsonNode windows = json(call("GET", "/windows", bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(windows.get("apply_now_allowed").asBoolean()).isTrue();
    }

    @Test
    @Order(5)
    void prometheusTextHasTheCountersAfterAScan() throws Exception {
        HttpResponse<String> metrics = client.send(HttpRequest.newBuilder(URI.create(management + "/metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("remediator_hosts_scanned_total{action=\"INSTALL_KB\"} 2.0")
                .contains("remediator_approvals_pending").contains("remediator_runs_total{status=\"FINISHED\"} 1.0")
                .contains("remediator_run_duration_seconds_count 1").contains("remediator_api_login_failures_total")
                // each WS-Man request of the plan's scan and the run, timed by the WinRM component
                .containsPattern("remediator_winrm_requests_seconds_count\\{operation=\"Create\",outcome=\"ok\"} [1-9]")
                .contains("remediator_winrm_requests_seconds_sum{operation=\"Receive\",outcome=\"ok\"}")
                // Camel's route policy, in the API's context and the remediator's (the scan route)
                .containsPattern("camel_exchanges_total\\{camelContext=\"wsus-remediator\",[^}]*routeId=\"scan-fleet\"} [1-9]")
                .containsPattern("camel_exchanges_total\\{camelContext=\"remediator-api\",[^}]*routeId=\"api-createPlan\"} [1-9]");
        HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create(management + "/health"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    @Order(6)
    void repeatedWrongTokensAreThrottledAndAudited() throws Exception {
        int throttledAt = -1;
        for (int i = 0; i < 8 && throttledAt < 0; i++) {
            int status = call("GET", "/plans", bearer("guess-" + i), null).statusCode();
            if (status == 429) {
                throttledAt = i;
            } else {
                assertThat(status).isEqualTo(401);
            }
        }
        assertThat(throttledAt).as("throttled after a few failures").isBetween(1, 6);
        HttpResponse<String> locked = call("GET", "/plans", bearer(ServerFiles.DAVE_TOKEN), null);
        assertThat(locked.statusCode()).as("the address is locked, even for a right token").isEqualTo(429);
        assertThat(json(locked).get("code").asText()).isEqualTo("throttled");
    }

    @Test
    @Order(7)
    void noSecretInAnyResponseOrLogLine() throws Exception {
        server.close();
        String everything = String.join("\n", output) + "\n" + String.join("\n", responses);
        assertThat(responses).hasSizeGreaterThan(20);
        for (String secret : List.of(ServerFiles.ALICE_TOKEN, ServerFiles.ALICE_PASSWORD, ServerFiles.BOB_TOKEN,
                ServerFiles.CAROL_TOKEN, ServerFiles.DAVE_TOKEN, ServerFiles.FLEET_PASSWORD, "argon2id")) {
            assertThat(everything).doesNotContain(secret);
        }
        try (var store = org.wsusremediator.store.Store.open(storeUrl, storeUser, storePassword == null ? "" : storePassword)) {
            List<String> actions = store.auditRecords().stream().map(r -> r.action()).toList();
            assertThat(actions).contains("LOGIN_FAILED", "LOGIN_THROTTLED", "SELF_APPROVAL_REFUSED");
            String audit = store.auditRecords().toString();
            assertThat(audit).doesNotContain("guess-").doesNotContain(ServerFiles.DAVE_TOKEN);
        }
    }
}

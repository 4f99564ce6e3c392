package org.wsusremediator.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls the server's REST API as one admin. Each call is bounded: a connect timeout, a timeout per call (long for
 * creating a plan, which scans the fleet), and at most {@link #MAX_RESPONSE_BYTES} of response. The token goes
 * only into the Authorization header; no message of this class contains it.
 */
public final class ServerClient {

    static final int MAX_RESPONSE_BYTES = 16 << 20;
    private static final Duration CONNECT = Duration.ofSeconds(10);
    private static final Duration CALL = Duration.ofMinutes(2);
    /** Creating a plan scans the whole inventory on the server before it answers. */
    private static final Duration SCAN = Duration.ofMinutes(60);
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final ServerAddress server;
    private final String token;
    private final HttpClient http;

    public ServerClient(ServerAddress server, String token, Path caFile) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("--server needs your personal API token in REMEDIATOR_ADMIN_TOKEN"
                    + " (never an argument: arguments are visible to every user of the machine)");
        }
        this.server = server;
        this.token = token.strip();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER).sslContext(ServerTrust.of(caFile)).build();
    }

    /** Who the token belongs to: {@code name} and {@code roles}. */
    public JsonNode me() {
        return call("GET", "/api/v1/me", null, CALL);
    }

    /**
     * Scans {@code inventory} (a path the server's configuration lists) and stores a plan requested by the caller, of
     * {@code kind} ({@code remediation} or {@code restarts}).
     */
    public JsonNode createPlan(String inventory, String kind) {
        return call("POST", "/api/v1/plans", Map.of("inventory", inventory, "kind", kind), SCAN);
    }

    public JsonNode plan(String id) {
        return call("GET", "/api/v1/plans/" + segment(id), null, CALL);
    }

    public JsonNode plans(String status) {
        return call("GET", "/api/v1/plans" + (status == null ? "" : "?status=" + segment(status)), null, CALL);
    }

    /** Approves ({@code approve}) or rejects the plan, or only {@code hosts}, with a reason. */
    public JsonNode decide(String planId, boolean approve, List<String> hosts, String reason) {
        return decide(planId, approve, hosts, reason, null, null);
    }

    /**
     * As {@link #decide(String, boolean, List, String)}, with the admin's own signature of the statement
     * {@link #statement} gave ({@code signedAt} is that statement's time); unsigned when {@code signature} is null.
     */
    public JsonNode decide(String planId, boolean approve, List<String> hosts, String reason, String signedAt,
            String signature) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("reason", reason);
        body.put("hosts", hosts);
        if (signature != null) {
            body.put("signature", Map.of("at", signedAt, "value", signature));
        }
        return call("POST", "/api/v1/plans/" + segment(planId) + (approve ? "/approve" : "/reject"), body, CALL);
    }

    /** The exact statement the caller signs to approve or reject the plan (or {@code hosts}) with this reason now. */
    public JsonNode statement(String planId, boolean approve, List<String> hosts, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", approve ? "approve" : "reject");
        body.put("reason", reason);
        body.put("hosts", hosts);
        return call("POST", "/api/v1/plans/" + segment(planId) + "/statement", body, CALL);
    }

    /** Starts an approved plan now (role operator). */
    public JsonNode startRun(String planId) {
        return call("POST", "/api/v1/runs", Map.of("plan", planId), CALL);
    }

    public JsonNode runs() {
        return call("GET", "/api/v1/runs", null, CALL);
    }

    public JsonNode run(String id) {
        return call("GET", "/api/v1/runs/" + segment(id), null, CALL);
    }

    /** The server's change windows, their next start, and whether runs outside them are allowed. */
    public JsonNode windows() {
        return call("GET", "/api/v1/windows", null, CALL);
    }

    /** The scheduler nodes sharing the server's store and their last check-in (empty on a single node). */
    public JsonNode nodes() {
        return call("GET", "/api/v1/nodes", null, CALL);
    }

    /** Aborts a running run (role operator), with a reason. */
    public JsonNode abortRun(String runId, String reason) {
        return call("POST", "/api/v1/runs/" + segment(runId) + "/abort", Map.of("reason", reason), CALL);
    }

    /** Retries the hosts a run left failed, under its plan's approval if it still holds (role operator). */
    public JsonNode retryRun(String runId, String reason) {
        return call("POST", "/api/v1/runs/" + segment(runId) + "/retry", Map.of("reason", reason), CALL);
    }

    /** Pauses ({@code pause}) or resumes a change window (role operator), with a reason. */
    public JsonNode pauseWindow(String window, boolean pause, String reason) {
        return call("POST", "/api/v1/windows/" + segment(window) + (pause ? "/pause" : "/resume"),
                Map.of("reason", reason), CALL);
    }

    public JsonNode verifyAudit() {
        return call("GET", "/api/v1/audit/verify", null, CALL);
    }

    private JsonNode call(String method, String path, Object body, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.resolve(path)).timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        try {
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            JsonNode answer = read(response);
            if (response.statusCode() / 100 != 2) {
                throw new ServerCallFailed(response.statusCode(), answer.path("code").asText("http_" + response.statusCode()),
                        answer.path("message").asText("the server answered HTTP " + response.statusCode()));
            }
            return answer;
        } catch (HttpTimeoutException e) {
            throw new ServerCallFailed(0, "timeout", "the server " + server.base() + " did not answer " + method + " "
                    + path + " within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw new ServerCallFailed(0, "unreachable", "cannot reach the server " + server.base() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerCallFailed(0, "interrupted", "interrupted while calling the server");
        }
    }

    private static JsonNode read(HttpResponse<InputStream> response) throws IOException {
        try (InputStream in = response.body()) {
            byte[] bytes = in.readNBytes(MAX_RESPONSE_BYTES + 1);
            if (bytes.length > MAX_RESPONSE_BYTES) {
                throw new ServerCallFailed(0, "too_large", "the server's answer exceeds " + (MAX_RESPONSE_BYTES >> 20) + " MB");
            }
            if (bytes.length == 0) {
                return JSON.createObjectNode();
            }
            try {
                return JSON.readTree(bytes);
            } catch (JsonProcessingException e) {
                throw new ServerCallFailed(response.statusCode(), "not_json",
                        "the server answered HTTP " + response.statusCode() + " without JSON");
            }
        }
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

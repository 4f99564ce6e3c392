package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;

/**
 * Two real {@code serve --config} JVMs, clustered on one PostgreSQL schema, share the hosts of a run's waves
 * (docs/cluster.md "Sharing a wave"): a plan of 12 hosts in 3 groups with {@code perGroup: 1} and each node's
 * concurrency 2 is run through one node's API; the hosts are claimed and acted on by both nodes, each host's installer
 * runs exactly once (the simulated fleet, in this test's process, counts them), no group ever has two hosts in flight
 * at once across the nodes (from the journal: each host's IN_FLIGHT to its final state), and the run finishes with
 * every host REMEDIATED. Fleet on 127.83.1.x. Skipped without REMEDIATOR_TEST_POSTGRES_URL.
 */
class SharedWavePostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String SUBNET = "127.83.1";
    private static final List<String> GROUPS = List.of("east", "north", "west");
    private static final int HOSTS = 12;

    private PostgresSchema schema;
    private FleetSimulator fleet;
    private final List<ServerProcess> nodes = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (ServerProcess node : nodes) {
            node.close();
        }
        if (fleet != null) {
            fleet.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    private static String host(int i) {
        return "sp1-" + (char) ('a' + i);
    }

    private static String group(int i) {
        return GROUPS.get(i % GROUPS.size());
    }

    /** The two nodes, the plan they share and its run, started through node A's API. */
    private record Cluster(ServerProcess nodeA, ServerProcess nodeB, String planId) {
    }

    private Cluster startSharedRun(Path dir, long latencyMs) throws Exception {
        schema = PostgresSchema.create("claims");
        Path fleetFile = writeFleet(dir.resolve("fleet"), latencyMs);
        fleet = FleetSimulator.start(FleetFile.load(fleetFile), Map.of("WSUS_LAB_PASSWORD", ServerFiles.FLEET_PASSWORD));

        Path a = dir.resolve("node-a");
        Path b = dir.resolve("node-b");
        ServerProcess nodeA = start(clusterNode(a), a);
        Files.createDirectories(b.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.copy(a.resolve("data/server.key"), b.resolve("data/server.key"), StandardCopyOption.COPY_ATTRIBUTES);
        ServerProcess nodeB = start(clusterNode(b), b);
        assertThat(nodeA.output()).contains("the waves of runs are shared by the nodes");
        await("both nodes checked in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(nodeA, "/nodes").get("nodes").size() == 2);

        // alice plans on node A, bob approves, carol runs it through node A's API.
        HttpResponse<String> created = call(nodeA, "POST", "/plans", ServerFiles.ALICE_TOKEN,
                "{\"inventory\":\"inventory.yaml\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String planId = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> approved = call(nodeA, "POST", "/plans/" + planId + "/approve", ServerFiles.BOB_TOKEN,
                "{\"reason\":\"change 4712\"}");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(JSON.readTree(approved.body()).get("approved_hosts")).hasSize(HOSTS);
        HttpResponse<String> started = call(nodeA, "POST", "/runs", ServerFiles.CAROL_TOKEN,
                "{\"plan\":\"" + planId + "\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return new Cluster(nodeA, nodeB, planId);
    }

    /** The run, once it ended (its status no longer RUNNING), as node A's GET /runs lists it. */
    private static JsonNode ended(ServerProcess nodeA, ServerProcess nodeB) {
        try {
            return await("the shared run ends").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        JsonNode runs = get(nodeA, "/runs").get("runs");
                        return runs.size() == 1 && !"RUNNING".equals(runs.get(0).get("status").asText()) ? runs.get(0)
                                : null;
                    }, r -> r != null);
        } catch (org.awaitility.core.ConditionTimeoutException late) {
            throw new AssertionError(late.getMessage() + "\nnode A:\n" + nodeA.output() + "\nnode B:\n" + nodeB.output(),
                    late);
        }
    }

    @Test
    void twoNodesShareAWaveWithEachHostInstalledOnceAndTheGroupLimitHeldAcrossThem(@TempDir Path dir) throws Exception {
        Cluster cluster = startSharedRun(dir, 40);
        ServerProcess nodeA = cluster.nodeA();
        ServerProcess nodeB = cluster.nodeB();
        JsonNode run = ended(nodeA, nodeB);
        String runId = run.get("id").asText();
        String outputs = "node A:\n" + nodeA.output() + "\nnode B:\n" + nodeB.output();
        assertThat(run.get("status").asText()).as(outputs).isEqualTo("FINISHED");
        JsonNode detail = get(nodeB, "/runs/" + runId);
        Map<String, String> states = new TreeMap<>();
        detail.get("waves").forEach(w -> w.get("hosts").forEach(h -> states.put(h.get("host").asText(),
                h.get("state").asText())));
        assertThat(states).as(outputs).hasSize(HOSTS).allSatisfy((h, s) -> assertThat(s).as(h).isEqualTo("REMEDIATED"));

        // Each host's installer ran exactly once, whichever node claimed it.
        for (int i = 0; i < HOSTS; i++) {
            assertThat(fleet.host(host(i)).installerRuns()).as("installer runs on " + host(i)).hasSize(1);
        }

        // Both nodes settled hosts: the HOST_STATE records name the node that acted.
        Map<String, String> settledBy = settledBy(runId);
        assertThat(settledBy).as("the node that settled each host").hasSize(HOSTS);
        Map<Long, Integer> perNode = new HashMap<>();
        settledBy.values().forEach(node -> {
            long pid = node.contains(":" + nodeA.pid() + ":") ? nodeA.pid() : node.contains(":" + nodeB.pid() + ":")
                    ? nodeB.pid() : -1;
            perNode.merge(pid, 1, Integer::sum);
        });
        assertThat(perNode).as("hosts settled per node (pid): " + settledBy).containsOnlyKeys(nodeA.pid(), nodeB.pid());

        // perGroup 1 across the nodes: no two hosts of a group between IN_FLIGHT and their final state at once; and the
        // run did work in parallel (three groups, two nodes), so the check is not vacuous.
        Map<String, Instant[]> spans = spans(runId);
        assertThat(spans).hasSize(HOSTS);
        Map<String, List<Instant[]>> byGroup = new LinkedHashMap<>();
        for (int i = 0; i < HOSTS; i++) {
            byGroup.computeIfAbsent(group(i), g -> new ArrayList<>()).add(spans.get(host(i)));
        }
        byGroup.forEach((g, list) -> assertThat(mostAtOnce(list)).as("most hosts of group " + g + " in flight at once: "
                + describe(list)).isEqualTo(1));
        int overall = mostAtOnce(new ArrayList<>(spans.values()));
        assertThat(overall).as("hosts in flight at once over all groups").isBetween(2, GROUPS.size());
        System.out.println("shared run " + runId + ": hosts settled per node (pid) " + perNode
                + ", most in flight at once " + overall);

        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM wave_hosts WHERE run_id = ? AND state <> 'DONE'")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getInt(1)).as("wave hosts not DONE").isZero();
            }
        }
        JsonNode verified = get(nodeB, "/audit/verify");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    /**
     * Node B is killed (SIGKILL) while it is changing a host it claimed: once its check-in lapses, node A releases B's
     * claims (CLAIM_RELEASED), claims those hosts again and decides each from what B last journaled (ACTING: the host
     * is asked, never installed twice); the run finishes with every host REMEDIATED and one installer run per host.
     */
    @Test
    void theClaimsOfAKilledNodeAreReleasedAndItsHostsFinishedFromTheirFactsWithNoSecondInstall(@TempDir Path dir)
            throws Exception {
        Cluster cluster = startSharedRun(dir, 80);
        ServerProcess nodeA = cluster.nodeA();
        ServerProcess nodeB = cluster.nodeB();
        String acting;
        try {
            acting = await("node B changing a host it claimed").atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(50)).until(() -> actingOn(nodeB.pid()), h -> h != null);
        } catch (org.awaitility.core.ConditionTimeoutException none) {
            throw new AssertionError(none.getMessage() + "\nnode A:\n" + nodeA.output() + "\nnode B:\n"
                    + nodeB.output(), none);
        }
        nodeB.kill();

        JsonNode run = ended(nodeA, nodeB);
        String runId = run.get("id").asText();
        String outputs = "node A:\n" + nodeA.output() + "\nnode B:\n" + nodeB.output();
        assertThat(run.get("status").asText()).as(outputs).isEqualTo("FINISHED");
        Map<String, String> states = new TreeMap<>();
        get(nodeA, "/runs/" + runId).get("waves").forEach(w -> w.get("hosts").forEach(h -> states.put(
                h.get("host").asText(), h.get("state").asText())));
        assertThat(states).as(outputs).hasSize(HOSTS).allSatisfy((h, s) -> assertThat(s).as(h).isEqualTo("REMEDIATED"));
        for (int i = 0; i < HOSTS; i++) {
            assertThat(fleet.host(host(i)).installerRuns()).as("installer runs on " + host(i)).hasSize(1);
        }
        assertThat(settledBy(runId)).as("the host B was changing, settled by A").hasEntrySatisfying(acting,
                node -> assertThat(node).contains(":" + nodeA.pid() + ":"));
        List<String> released = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT details FROM audit_log WHERE action = 'CLAIM_RELEASED' ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JsonNode d = JSON.readTree(rs.getString(1));
                assertThat(d.get("node").asText()).contains(":" + nodeB.pid() + ":");
                released.add(d.get("host").asText());
            }
        }
        assertThat(released).as(outputs).contains(acting);
        System.out.println("killed node B while it changed " + acting + "; claims released: " + released);
        JsonNode verified = get(nodeA, "/audit/verify");
        assertThat(verified.get("intact").asBoolean()).as(verified.toString()).isTrue();
    }

    /** A host claimed by the node of {@code pid} whose last journaled state is ACTING; null when none. */
    private String actingOn(long pid) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT w.host FROM wave_hosts w"
                + " WHERE w.state = 'CLAIMED' AND w.node LIKE ? AND (SELECT s.state FROM host_states s WHERE s.run_id ="
                + " w.run_id AND s.host = w.host ORDER BY s.id DESC LIMIT 1) = 'ACTING'")) {
            ps.setString(1, "%:" + pid + ":%");
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** host -> the node named by the HOST_STATE record of its final state in the run. */
    private Map<String, String> settledBy(String runId) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT details FROM audit_log WHERE action = 'HOST_STATE' ORDER BY seq"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                JsonNode d = JSON.readTree(rs.getString(1));
                if (runId.equals(d.path("run").asText()) && "REMEDIATED".equals(d.path("state").asText())) {
                    out.put(d.get("host").asText(), d.path("node").asText(""));
                }
            }
        }
        return out;
    }

    /** host -> [IN_FLIGHT recorded, final state recorded], from the journal (one clock: both nodes on this machine). */
    private Map<String, Instant[]> spans(String runId) throws Exception {
        Map<String, Instant[]> out = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT host, state, recorded_at FROM host_states WHERE run_id = ? ORDER BY id")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Instant at = rs.getObject(3, java.time.OffsetDateTime.class).toInstant();
                    Instant[] span = out.computeIfAbsent(rs.getString(1), h -> new Instant[2]);
                    if ("IN_FLIGHT".equals(rs.getString(2))) {
                        span[0] = at;
                    } else if ("REMEDIATED".equals(rs.getString(2))) {
                        span[1] = at;
                    }
                }
            }
        }
        out.forEach((h, s) -> assertThat(s).as(h + " has its IN_FLIGHT and its final state").doesNotContainNull());
        return out;
    }

    /** The most spans open at one instant (a span ending when another starts does not overlap it). */
    private static int mostAtOnce(List<Instant[]> spans) {
        List<Instant[]> events = new ArrayList<>();
        spans.forEach(s -> {
            events.add(new Instant[] {s[0], Instant.ofEpochSecond(0, 1)});
            events.add(new Instant[] {s[1], Instant.EPOCH});
        });
        // At equal times an end (EPOCH) sorts before a start.
        events.sort((x, y) -> x[0].equals(y[0]) ? x[1].compareTo(y[1]) : x[0].compareTo(y[0]));
        int open = 0;
        int most = 0;
        for (Instant[] e : events) {
            open += e[1].equals(Instant.EPOCH) ? -1 : 1;
            most = Math.max(most, open);
        }
        return most;
    }

    private static String describe(List<Instant[]> spans) {
        List<String> out = new ArrayList<>();
        spans.forEach(s -> out.add(s[0] + ".." + s[1]));
        return out.toString();
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(schema.url(), schema.user(), schema.password());
    }

    private static Path writeFleet(Path dir, long latencyMs) throws Exception {
        Files.createDirectories(dir);
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < HOSTS; i++) {
            hosts.append(ServerFiles.host(host(i), SUBNET + "." + (10 + i)));
        }
        Path file = dir.resolve("fleet.yaml");
        ServerFiles.fleet(file, hosts.toString(), latencyMs);
        return file;
    }

    /**
     * A node's files: the shared store, clustering with 2 s check-ins, a window far away (a node checks in, and shares
     * waves, only with a window), the rollout (one canary, then the other 11 in one wave; concurrency 2 per node,
     * perGroup 1) and an inventory of the 12 hosts in 3 groups reaching the fleet of this test (no simulator line).
     */
    private Path clusterNode(Path dir) throws Exception {
        Path config = ServerFiles.write(dir, SUBNET, false, schema.url(), schema.user(), schema.password());
        Files.writeString(config, Files.readString(config) + "cluster: { enabled: true, checkinIntervalSeconds: 2 }\n");
        ServerFiles.owned(dir.resolve("windows.yaml"), """
                applyNow: true
                rollout:
                  canary: 1
                  waveSize: 100%
                  minWaveSuccess: 100%
                  maxFailures: 50%
                  concurrency: 2
                  perGroup: 1
                windows:
                  - { name: new-year, start: "0 0 3 1 1 ?", duration: 1h, timeZone: UTC }
                """, "rw-------");
        StringBuilder groups = new StringBuilder();
        for (String g : GROUPS) {
            groups.append("  ").append(g).append(":\n    hosts:\n");
            for (int i = 0; i < HOSTS; i++) {
                if (group(i).equals(g)) {
                    groups.append("      - { name: ").append(host(i)).append(", address: ").append(SUBNET).append('.')
                            .append(10 + i).append(" }\n");
                }
            }
        }
        ServerFiles.inventory(dir.resolve("inventory.yaml"), false, groups.toString());
        return config;
    }

    private ServerProcess start(Path config, Path dir) throws Exception {
        ServerProcess node = ServerProcess.start(config, dir, Collections.synchronizedList(new ArrayList<>()));
        nodes.add(node);
        return node;
    }

    private static HttpResponse<String> call(ServerProcess node, String method, String path, String token, String body)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode get(ServerProcess node, String path) throws Exception {
        HttpResponse<String> r = call(node, "GET", path, ServerFiles.DAVE_TOKEN, null);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }
}

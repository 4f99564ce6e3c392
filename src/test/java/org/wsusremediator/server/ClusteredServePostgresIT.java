package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two real {@code serve --config} JVMs on one PostgreSQL schema with {@code cluster.enabled} (docs/cluster.md): a
 * window firing every 15 s opens on exactly one node per firing (the audit trail's WINDOW_OPENED records, one per
 * start, each printed by exactly one node), both nodes are in {@code GET /api/v1/nodes} with recent check-ins and their
 * own process ids, and once the node that opened the last firing is killed (SIGKILL) the next firing opens on the
 * other, which then lists itself alone. Fleets' addresses (never contacted: no plan is made) in 127.80.x.
 * Skipped without REMEDIATOR_TEST_POSTGRES_URL, failing under CI without it.
 */
class ClusteredServePostgresIT {

    private static final String WINDOW = "every-15s";
    private static final Duration CADENCE = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private String url;
    private String user;
    private String password;
    private String schema;
    private final List<ServerProcess> nodes = new ArrayList<>();

    @BeforeEach
    void schema() throws Exception {
        url = System.getenv("REMEDIATOR_TEST_POSTGRES_URL");
        if ((url == null || url.isBlank()) && System.getenv("CI") != null) {
            throw new IllegalStateException("REMEDIATOR_TEST_POSTGRES_URL is not set but CI is: the cluster is tested on"
                    + " PostgreSQL only (src/test/postgres/start-postgres.sh)");
        }
        assumeTrue(url != null && !url.isBlank(), "REMEDIATOR_TEST_POSTGRES_URL is not set");
        user = System.getenv("REMEDIATOR_TEST_POSTGRES_USER");
        password = System.getenv("REMEDIATOR_TEST_POSTGRES_PASSWORD");
        schema = "cluster_test_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
    }

    @AfterEach
    void stop() throws Exception {
        for (ServerProcess node : nodes) {
            node.close();
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void eachFiringOpensOnOneNodeAndTheSurvivorFiresOnceTheOtherIsKilled(@TempDir Path dir) throws Exception {
        String storeUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        Path a = dir.resolve("node-a");
        Path b = dir.resolve("node-b");
        Path configA = clusterNode(a, "127.80.1", storeUrl);
        Path configB = clusterNode(b, "127.80.2", storeUrl);
        ServerProcess nodeA = start(configA, a);
        // The nodes share the server key (plans and decisions are sealed with it); each keeps its own audit anchor.
        Files.createDirectories(b.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.copy(a.resolve("data/server.key"), b.resolve("data/server.key"), StandardCopyOption.COPY_ATTRIBUTES);
        ServerProcess nodeB = start(configB, b);
        assertThat(nodeA.output()).contains("cluster node ");

        // Both nodes check in, each under its own host:pid:start id, and each server knows which one it is.
        await("both nodes in GET /nodes, live").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (ServerProcess asked : List.of(nodeA, nodeB)) {
                        JsonNode answer = get(asked, "/nodes");
                        assertThat(answer.get("clustered").asBoolean()).isTrue();
                        assertThat(pids(answer)).containsExactlyInAnyOrder(nodeA.pid(), nodeB.pid());
                        for (JsonNode n : answer.get("nodes")) {
                            assertThat(n.get("live").asBoolean()).as(n.toString()).isTrue();
                            assertThat(Duration.between(Instant.parse(n.get("last_checkin").asText()), Instant.now()))
                                    .as("a recent check-in: " + n).isLessThan(Duration.ofSeconds(15));
                            assertThat(n.get("checkin_interval_seconds").asDouble()).isEqualTo(2.0);
                            assertThat(n.get("this_node").asBoolean()).isEqualTo(n.get("pid").asLong() == asked.pid());
                        }
                        assertThat(answer.get("this_node").asText()).contains(":" + asked.pid() + ":");
                    }
                });

        // status shows the nodes: through a server's API (--server), and read from the shared store (--db).
        String remote = cli(dir, Map.of("REMEDIATOR_ADMIN_TOKEN", ServerFiles.DAVE_TOKEN), "status", "--server",
                nodeB.baseUrl());
        assertThat(remote).contains("Scheduler nodes (2, the server's; it is ")
                .containsPattern(":" + nodeA.pid() + ":\\d+ host \\S+ pid " + nodeA.pid() + ", last check-in \\S+ \\(every 2.0 s\\), live")
                .containsPattern(":" + nodeB.pid() + ":\\d+ host \\S+ pid " + nodeB.pid() + ", last check-in ");
        Path admin = dir.resolve("admin");
        Files.createDirectories(admin.resolve("data"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Files.copy(a.resolve("data/server.key"), admin.resolve("data/server.key"), StandardCopyOption.COPY_ATTRIBUTES);
        String local = cli(admin, Map.of("REMEDIATOR_DB_PASSWORD", password == null ? "" : password), "status",
                "--db", storeUrl, "--db-user", user, "--admins", a.resolve("admins.yaml").toString(),
                "--windows", a.resolve("windows.yaml").toString());
        assertThat(local).contains("Scheduler nodes (2, Quartz's QRTZ_SCHEDULER_STATE):")
                .contains(" pid " + nodeA.pid() + ", last check-in ").contains(" pid " + nodeB.pid() + ", last check-in ");

        // Three firings with both nodes up: one WINDOW_OPENED per start, the starts one cadence apart (none lost,
        // none doubled), each printed by exactly one node.
        Instant bothUp = Instant.now();
        List<Firing> firings = await("three firings with both nodes up").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> attributed(firingsAfter(bothUp), nodeA, nodeB), f -> f != null && f.size() >= 3);
        firings = firings.subList(0, 3);
        assertThat(firings.stream().map(Firing::start).collect(Collectors.toSet())).as("one record per start: " + firings)
                .hasSize(3);
        for (int i = 1; i < firings.size(); i++) {
            assertThat(Duration.between(firings.get(i - 1).start(), firings.get(i).start())).as(firings.toString())
                    .isEqualTo(CADENCE);
        }
        for (Firing f : firings) {
            assertThat(f.openedOn()).as("the nodes that printed the opening of " + f).hasSize(1);
        }
        assertThat(opened(firingsAfter(Instant.EPOCH))).as("no start ever opened twice").doesNotHaveDuplicates();

        // Kill the node that opened the last firing: the next firing opens on the other.
        ServerProcess victim = firings.get(2).openedOn().contains("a") ? nodeA : nodeB;
        ServerProcess survivor = victim == nodeA ? nodeB : nodeA;
        String survivorName = survivor == nodeA ? "a" : "b";
        Instant lastStart = firings.get(2).start();
        victim.kill();
        Firing next = await("the next firing, on the survivor").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    List<Firing> after = attributed(firingsAfter(lastStart.plusMillis(1)), nodeA, nodeB);
                    return after == null || after.isEmpty() ? null : after.get(0);
                }, f -> f != null);
        assertThat(next.openedOn()).as(next.toString()).containsExactly(survivorName);
        assertThat(victim.alive()).isFalse();
        assertThat(opened(firingsAfter(Instant.EPOCH))).as("no start ever opened twice").doesNotHaveDuplicates();

        // Quartz's cluster manager on the survivor recovers the dead node and removes its check-in row.
        await("the killed node leaves GET /nodes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(pids(get(survivor, "/nodes"))).containsExactly(survivor.pid()));
        JsonNode verified = get(survivor, "/audit/verify");
        assertThat(verified.get("intact").asBoolean()).as("the trail two nodes appended to: " + verified).isTrue();
    }

    /** A node's files: plain HTTP on loopback, the shared store, clustering on with 2 s check-ins, the window. */
    private static Path clusterNode(Path dir, String subnet, String storeUrl) throws Exception {
        Path config = ServerFiles.write(dir, subnet, false, storeUrl, System.getenv("REMEDIATOR_TEST_POSTGRES_USER"),
                System.getenv("REMEDIATOR_TEST_POSTGRES_PASSWORD"));
        Files.writeString(config, Files.readString(config) + "cluster: { enabled: true, checkinIntervalSeconds: 2 }\n");
        Path windows = dir.resolve("windows.yaml");
        Files.writeString(windows, Files.readString(windows)
                + "windows:\n  - { name: " + WINDOW + ", start: \"0/15 * * * * ?\", duration: 10s, timeZone: UTC }\n");
        return config;
    }

    private ServerProcess start(Path config, Path dir) throws Exception {
        ServerProcess node = ServerProcess.start(config, dir, Collections.synchronizedList(new ArrayList<>()));
        nodes.add(node);
        return node;
    }

    /** The CLI as a child process in {@code dir} with {@code env} added; its output (exit 0 asserted). */
    private static String cli(Path dir, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand"));
        command.addAll(List.of(args));
        Path output = Files.createTempFile(dir, "cli", ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().remove("REMEDIATOR_ADMIN_TOKEN");
        builder.environment().putAll(env);
        Process p = builder.start();
        boolean ended = p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }
        String out = Files.readString(output);
        assertThat(ended).as("the CLI ended within 120 s: " + out).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static Set<Long> pids(JsonNode answer) {
        Set<Long> pids = new java.util.HashSet<>();
        answer.get("nodes").forEach(n -> pids.add(n.get("pid").asLong()));
        assertThat(pids).as("one row per node: " + answer).hasSize(answer.get("nodes").size());
        return pids;
    }

    private static JsonNode get(ServerProcess node, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + ServerFiles.DAVE_TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** A WINDOW_OPENED record: the firing's start and end, and the nodes ("a", "b") whose output says it opened. */
    private record Firing(Instant start, String end, Set<String> openedOn) {
    }

    /** The window's WINDOW_OPENED records whose start is at or after {@code from}, oldest first. */
    private List<Firing> firingsAfter(Instant from) throws Exception {
        List<Firing> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url, user, password);
             PreparedStatement ps = c.prepareStatement("SELECT details FROM " + schema + ".audit_log WHERE action ="
                     + " 'WINDOW_OPENED' AND subject = ? ORDER BY seq")) {
            ps.setString(1, "window " + WINDOW);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    JsonNode details = JSON.readTree(rs.getString(1));
                    Instant start = Instant.parse(details.get("start").asText());
                    if (!start.isBefore(from)) {
                        out.add(new Firing(start, details.get("end").asText(), Set.of()));
                    }
                }
            }
        }
        return out;
    }

    private static List<Instant> opened(List<Firing> firings) {
        return firings.stream().map(Firing::start).toList();
    }

    /** The firings with the nodes that printed their opening; null until every one was printed by some node. */
    private static List<Firing> attributed(List<Firing> firings, ServerProcess a, ServerProcess b) {
        List<Firing> out = new ArrayList<>();
        for (Firing f : firings) {
            String line = "window " + WINDOW + " open until " + f.end() + ":";
            Set<String> on = new java.util.TreeSet<>();
            if (a.output().contains(line)) {
                on.add("a");
            }
            if (b.output().contains(line)) {
                on.add("b");
            }
            if (on.isEmpty()) {
                return null;
            }
            out.add(new Firing(f.start(), f.end(), on));
        }
        return out;
    }
}

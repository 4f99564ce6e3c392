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
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.SimulatedHost;

/**
 * Issue 14's "Done when" for clustered runs, with real {@code serve --config} JVMs on one real PostgreSQL schema
 * (docs/cluster.md): a window that fires once runs its plan on one node; that node is killed (SIGKILL) while hosts are
 * in flight, and another node takes the run over inside the same window (Quartz recovers the window's job, the run's
 * lease expires, the in-flight hosts are decided from their facts) and finishes it; a node paused (SIGSTOP) past its
 * lease and resumed (SIGCONT) acts on nothing and writes no host state, its run ends SUPERSEDED.
 *
 * <p>The fleet is simulated in this test's process (127.82.x, six slow hosts), so it outlives the nodes and counts for
 * each host which node ran its commands and installer ({@link SocketOwners}: the client end of each connection is found
 * among the nodes' sockets). Check-ins every 2 s, runs' lease 4 s. Skipped without REMEDIATOR_TEST_POSTGRES_URL.
 */
class ClusterTakeoverPostgresIT {

    private static final String WINDOW = "takeover";
    private static final List<String> HOSTS = List.of("t1", "t2", "t3", "t4", "t5", "t6");
    private static final Duration WINDOW_LENGTH = Duration.ofMinutes(4);
    private static final Duration LEASE = Duration.ofSeconds(4);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Long enough for the nodes to start and a plan to be made and approved before the window's one start. */
    private static final Duration LEAD = Duration.ofSeconds(75);

    @TempDir
    Path dir;

    private PostgresSchema schema;
    private FleetSimulator fleet;
    private final SocketOwners owners = new SocketOwners();
    private final Map<String, ServerProcess> nodes = new LinkedHashMap<>();
    private final List<Long> stopped = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() throws Exception {
        for (Long pid : stopped) {
            signal("CONT", pid); // a stopped JVM cannot end on SIGTERM
        }
        for (Map.Entry<String, ServerProcess> node : nodes.entrySet()) {
            node.getValue().close();
            // What each node said, in the test's report (target/failsafe-reports/...-output.txt), to read a failure by.
            System.out.println("=== node " + node.getKey() + " (pid " + node.getValue().pid() + ") ===\n"
                    + node.getValue().output());
        }
        if (fleet != null) {
            fleet.close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    @Test
    void aNodeKilledMidRunIsTakenOverInsideTheWindowWithOneInstallPerHost() throws Exception {
        Instant start = startCluster("127.82.1", List.of("a", "b", "c"));
        String planId = approvedPlan();
        Firing firing = awaitFiring(planId, start);
        ServerProcess victim = firing.node();

        // Kill it while hosts are in flight: some installers ran, not all.
        await("the first installers ran, not all").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> installed() >= 2 || victimDone(firing));
        victim.kill();
        Instant killedAt = Instant.now();
        Map<String, Long> installedBeforeKill = installerRunsByHost();
        Map<String, String> statesAtKill = latestStates(planId, firing.runId());
        assertThat(installedBeforeKill.values().stream().filter(n -> n > 0).count()).as("the kill came mid-run: %s",
                installedBeforeKill).isBetween(1L, (long) HOSTS.size() - 1);
        assertThat(statesAtKill.values()).as("hosts in flight at the kill: %s", statesAtKill)
                .anyMatch(s -> s.equals("IN_FLIGHT") || s.equals("ACTING"));

        // Another node takes the run over and finishes it inside the same window.
        Instant windowEnd = firing.start().plus(WINDOW_LENGTH);
        List<Run> runs;
        try {
            runs = await("another node finishes the run").atMost(Duration.between(Instant.now(), windowEnd))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> runs(planId),
                            r -> r.size() == 2 && !r.get(1).status().equals("RUNNING"));
        } catch (org.awaitility.core.ConditionTimeoutException stalled) {
            // On one line: CI shows only the summary of a failure, not the nodes' output printed after the test.
            throw new AssertionError(stalled.getMessage() + " | " + diagnosis(planId), stalled);
        }
        Run dead = runs.get(0);
        Run takeover = runs.get(1);
        assertThat(dead.id()).isEqualTo(firing.runId());
        assertThat(dead.status()).isEqualTo("INTERRUPTED");
        assertThat(takeover.status()).isEqualTo("FINISHED");
        assertThat(takeover.node()).isNotEqualTo(dead.node()).isIn(nodeIds());
        assertThat(takeover.startedAt()).as("taken over after the kill, inside the window").isAfter(killedAt)
                .isBefore(windowEnd);
        assertThat(takeover.finishedAt()).isBefore(windowEnd);
        assertThat(Duration.between(killedAt, takeover.startedAt())).as("taken over within check-in detection and the"
                + " lease").isLessThan(Duration.ofSeconds(45));
        ServerProcess taker = nodeOf(takeover.node());
        System.out.println("takeover: killed at " + killedAt + ", run " + takeover.id() + " started "
                + Duration.between(killedAt, takeover.startedAt()) + " later, finished " + takeover.finishedAt()
                + ", window until " + windowEnd);

        // Every host settled, one installer run each, every installer run by one node only.
        assertThat(latestStates(planId, null)).as("every host remediated").hasSize(HOSTS.size())
                .allSatisfy((host, state) -> assertThat(state).isEqualTo("REMEDIATED"));
        Map<String, Set<String>> installersBy = new TreeMap<>();
        for (String h : HOSTS) {
            SimulatedHost host = fleet.host(h);
            assertThat(host.installerRuns()).as("installer runs on %s", h).hasSize(1);
            Map<String, Long> byNode = host.clients().installerRuns();
            assertThat(byNode).as("who ran the installer on %s", h).hasSize(1);
            installersBy.put(h, byNode.keySet());
            String by = byNode.keySet().iterator().next();
            // The live nodes share the hosts of a run's waves (docs/cluster.md "Sharing a wave"): any node may have
            // installed a host, but one installed after the kill was not installed by the killed node.
            assertThat(by).isIn(nodes.keySet());
            if (installedBeforeKill.get(h) == 0) {
                assertThat(by).as("%s installed after the kill, by a live node", h).isNotEqualTo(name(victim));
            }
        }
        // No host was acted on by a node outside the cluster (the nodes share the hosts of the waves).
        for (String h : HOSTS) {
            assertThat(fleet.host(h).clients().commands().keySet()).as("nodes that ran commands on %s", h)
                    .isSubsetOf(new TreeSet<>(nodes.keySet()));
        }

        // The window fired once; the recovery and the takeover are audited with the nodes.
        List<JsonNode> opened = audit("WINDOW_OPENED", "window " + WINDOW);
        assertThat(opened).as("one opening of the window").hasSize(1);
        assertThat(audit("WINDOW_RECOVERED", "window " + WINDOW)).singleElement().satisfies(r -> {
            assertThat(r.get("failedNode").asText()).isEqualTo(dead.node());
            assertThat(r.get("node").asText()).isEqualTo(takeover.node());
            assertThat(r.get("end").asText()).isEqualTo(opened.get(0).get("end").asText());
        });
        List<JsonNode> started = audit("RUN_STARTED", "plan " + planId);
        assertThat(started).as("the firing's run, then the takeover").hasSize(2);
        assertThat(started.get(0).get("run").asText()).isEqualTo(dead.id());
        assertThat(started.get(0).has("takesOver")).isFalse();
        assertThat(started.get(1).get("node").asText()).isEqualTo(takeover.node());
        assertThat(started.get(1).get("takesOver").toString()).isEqualTo("[\"" + dead.id() + "\"]");
        assertThat(audit("RUN_INTERRUPTED", "plan " + planId)).singleElement().satisfies(r -> {
            assertThat(r.get("run").asText()).isEqualTo(dead.id());
            assertThat(r.get("node").asText()).isEqualTo(dead.node());
            assertThat(r.get("foundOnNode").asText()).isEqualTo(takeover.node());
        });
        assertThat(taker.output()).contains("recovered from failed node " + dead.node());

        // The API names the node of each run; the dead node leaves GET /nodes; the trail verifies.
        JsonNode listed = get(taker, "/runs");
        Map<String, String> nodeOfRun = new HashMap<>();
        listed.get("runs").forEach(r -> nodeOfRun.put(r.get("id").asText(), r.get("node").asText()));
        assertThat(nodeOfRun).containsEntry(dead.id(), dead.node()).containsEntry(takeover.id(), takeover.node());
        await("the killed node leaves GET /nodes").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode answer = get(taker, "/nodes");
                    List<String> ids = new ArrayList<>();
                    answer.get("nodes").forEach(n -> ids.add(n.get("instance_id").asText()));
                    assertThat(ids).doesNotContain(dead.node()).contains(takeover.node());
                    assertThat(answer.get("running")).isEmpty();
                });
        assertThat(get(taker, "/audit/verify").get("intact").asBoolean()).isTrue();
    }

    @Test
    void aNodePausedPastItsLeaseActsOnNothingAfterItResumes() throws Exception {
        Instant start = startCluster("127.82.2", List.of("a", "b"));
        String planId = approvedPlan();
        Firing firing = awaitFiring(planId, start);
        ServerProcess paused = firing.node();
        ServerProcess other = nodes.values().stream().filter(n -> n != paused).findFirst().orElseThrow();

        await("the first installers ran, not all").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> installed() >= 2 || victimDone(firing));
        signal("STOP", paused.pid());
        stopped.add(paused.pid());
        Instant pausedAt = Instant.now();
        assertThat(installed()).as("paused mid-run").isLessThan(HOSTS.size());

        // The other node takes the run over (Quartz counts the paused node failed, its lease expires) and finishes it.
        List<Run> runs = await("the other node finishes the run").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> runs(planId),
                        r -> r.size() == 2 && !r.get(1).status().equals("RUNNING"));
        Run superseded = runs.get(0);
        Run takeover = runs.get(1);
        assertThat(superseded.status()).as("marked when taken over").isEqualTo("INTERRUPTED");
        assertThat(takeover.status()).isEqualTo("FINISHED");
        assertThat(takeover.node()).isEqualTo(id(other));
        assertThat(takeover.startedAt()).isAfter(pausedAt);
        System.out.println("takeover: paused at " + pausedAt + ", run " + takeover.id() + " started "
                + Duration.between(pausedAt, takeover.startedAt()) + " later");
        assertThat(latestStates(planId, null)).hasSize(HOSTS.size())
                .allSatisfy((host, state) -> assertThat(state).isEqualTo("REMEDIATED"));

        // What the paused node had done, as the fleet and the journal saw it, before it resumes.
        Map<String, Map<String, Long>> commandsBefore = commandsBy(name(paused));
        long statesOfPausedRun = hostStateRows(superseded.id());

        signal("CONT", paused.pid());
        stopped.remove(paused.pid());
        await("the resumed node ends its run SUPERSEDED").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> runs(planId).get(0).status(), "SUPERSEDED"::equals);
        // It gets through its window (WINDOW_CLOSED) after stopping its run: past that it has nothing left to do.
        await("the resumed node closes its window").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> paused.output().contains("window " + WINDOW + " done"));

        assertThat(commandsBy(name(paused))).as("commands the resumed node ran on each host, before and after it"
                + " resumed").isEqualTo(commandsBefore);
        assertThat(hostStateRows(superseded.id())).as("host states its run wrote after it resumed")
                .isEqualTo(statesOfPausedRun);
        for (String h : HOSTS) {
            assertThat(fleet.host(h).installerRuns()).as("installer runs on %s", h).hasSize(1);
            assertThat(fleet.host(h).clients().installerRuns()).as("who installed %s", h).hasSize(1);
        }
        assertThat(latestStates(planId, null)).allSatisfy((host, state) -> assertThat(state).isEqualTo("REMEDIATED"));
        assertThat(audit("RUN_SUPERSEDED", "plan " + planId)).singleElement().satisfies(r ->
                assertThat(r.get("takenOverBy").asText()).isEqualTo(takeover.id()));
        assertThat(audit("WINDOW_OPENED", "window " + WINDOW)).hasSize(1);
        assertThat(paused.alive()).isTrue();
        assertThat(get(other, "/audit/verify").get("intact").asBoolean()).isTrue();
    }

    // --- the cluster ------------------------------------------------------------------------------------------------

    /**
     * Starts the fleet and the nodes (the first one creates the server key the others copy) with a window that fires
     * once, {@link #LEAD} from now; returns its start.
     */
    private Instant startCluster(String subnet, List<String> names) throws Exception {
        schema = PostgresSchema.create("takeover");
        Path fleetFile = writeFleet(subnet);
        fleet = FleetSimulator.builder(FleetFile.load(fleetFile))
                .environment(Map.of("WSUS_LAB_PASSWORD", ServerFiles.FLEET_PASSWORD))
                .clientLabels(owners::owner).start();
        Instant start = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.SECONDS);
        for (String name : names) {
            Path home = dir.resolve("node-" + name);
            Path config = node(home, subnet, start);
            if (!nodes.isEmpty()) {
                Path first = dir.resolve("node-" + names.get(0));
                Files.createDirectories(home.resolve("data"),
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                Files.copy(first.resolve("data/server.key"), home.resolve("data/server.key"),
                        StandardCopyOption.COPY_ATTRIBUTES);
            }
            ServerProcess node = ServerProcess.start(config, home, Collections.synchronizedList(new ArrayList<>()));
            nodes.put(name, node);
            owners.name(node.pid(), name);
        }
        await("every node checked in").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> get(nodes.values().iterator().next(), "/nodes").get("nodes").size() == names.size());
        return start;
    }

    /** Six WSUS 3.0 SP1 hosts needing KB954960, slow to answer (150 ms a request), in this process. */
    private Path writeFleet(String subnet) throws Exception {
        StringBuilder hosts = new StringBuilder();
        for (int i = 0; i < HOSTS.size(); i++) {
            hosts.append(ServerFiles.host(HOSTS.get(i), subnet + "." + (10 + i)));
        }
        Path file = dir.resolve("fleet.yaml");
        ServerFiles.fleet(file, hosts.toString(), 150);
        return file;
    }

    /**
     * A node's files: ServerFiles' server on the shared schema, clustered (2 s check-ins, 4 s leases), with an
     * inventory of the fleet above (a production-like one: no embedded simulator, so every node reaches the same
     * hosts) and the window that fires once at {@code start}.
     */
    private Path node(Path home, String subnet, Instant start) throws Exception {
        Path config = ServerFiles.write(home, subnet, false, schema.url(), schema.user(), schema.password());
        Files.writeString(config, Files.readString(config) + "cluster: { enabled: true, checkinIntervalSeconds: 2,"
                + " runLeaseSeconds: " + LEASE.toSeconds() + " }\n");
        StringBuilder hosts = new StringBuilder("  main:\n    hosts:\n");
        for (int i = 0; i < HOSTS.size(); i++) {
            hosts.append("      - { name: ").append(HOSTS.get(i)).append(", address: ").append(subnet).append('.')
                    .append(10 + i).append(" }\n");
        }
        ServerFiles.inventory(home.resolve("inventory.yaml"), false, hosts.toString());
        var utc = start.atZone(ZoneOffset.UTC);
        ServerFiles.owned(home.resolve("windows.yaml"), """
                applyNow: true
                rollout: { canary: 1, waveSize: 100%%, minWaveSuccess: 100%%, maxFailures: 50%%, concurrency: 3, perGroup: 0 }
                windows:
                  - { name: %s, start: "%d %d %d %d %d ? %d", duration: %ds, timeZone: UTC }
                """.formatted(WINDOW, utc.getSecond(), utc.getMinute(), utc.getHour(), utc.getDayOfMonth(),
                utc.getMonthValue(), utc.getYear(), WINDOW_LENGTH.toSeconds()), "rw-------");
        return config;
    }

    /** alice plans on the first node (its scan is that node's), bob approves on the last. */
    private String approvedPlan() throws Exception {
        List<ServerProcess> all = new ArrayList<>(nodes.values());
        JsonNode plan = call(all.get(0), "POST", "/plans", ServerFiles.ALICE_TOKEN, "{\"inventory\":\"inventory.yaml\"}", 201);
        assertThat(plan.get("hosts")).hasSize(HOSTS.size());
        String planId = plan.get("id").asText();
        call(all.get(all.size() - 1), "POST", "/plans/" + planId + "/approve", ServerFiles.BOB_TOKEN,
                "{\"reason\":\"change 14\"}", 200);
        return planId;
    }

    /** The window's one firing: the run it started, on which node. */
    private record Firing(Instant start, String runId, ServerProcess node) {
    }

    private Firing awaitFiring(String planId, Instant start) throws Exception {
        assertThat(Instant.now()).as("the plan was approved before the window's start").isBefore(start);
        List<Run> runs = await("the window fires and one node runs the plan")
                .atMost(Duration.between(Instant.now(), start).plusSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> runs(planId), r -> !r.isEmpty());
        Run run = runs.get(0);
        assertThat(run.cause()).isEqualTo("window " + WINDOW);
        return new Firing(start, run.id(), nodeOf(run.node()));
    }

    /** True once the firing's run ended by itself (then the test cannot kill it mid-run, and says so). */
    private boolean victimDone(Firing firing) throws Exception {
        return runs(null).stream().anyMatch(r -> r.id().equals(firing.runId()) && !r.status().equals("RUNNING"));
    }

    private ServerProcess nodeOf(String instanceId) {
        return nodes.values().stream().filter(n -> id(n).equals(instanceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no node of ours is " + instanceId + " (" + nodeIds() + ")"));
    }

    private List<String> nodeIds() {
        return nodes.values().stream().map(ClusterTakeoverPostgresIT::id).toList();
    }

    /** A node's instance id as the journal records it (host:pid:start), read from its start line. */
    private static String id(ServerProcess node) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cluster node (\\S+):").matcher(node.output());
        assertThat(m.find()).as(node.output()).isTrue();
        return m.group(1);
    }

    private String name(ServerProcess node) {
        return nodes.entrySet().stream().filter(e -> e.getValue() == node).map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    /** The node that scanned the fleet for the plan (its probes count as its commands). */
    private String nameOfPlanner() {
        return nodes.keySet().iterator().next();
    }

    // --- what the fleet counted -------------------------------------------------------------------------------------

    private int installed() {
        return (int) HOSTS.stream().filter(h -> !fleet.host(h).installerRuns().isEmpty()).count();
    }

    private Map<String, Long> installerRunsByHost() {
        Map<String, Long> out = new TreeMap<>();
        HOSTS.forEach(h -> out.put(h, (long) fleet.host(h).installerRuns().size()));
        return out;
    }

    /** Per host, the commands {@code node} ran there (0 when none). */
    private Map<String, Map<String, Long>> commandsBy(String node) {
        Map<String, Map<String, Long>> out = new TreeMap<>();
        for (String h : HOSTS) {
            SimulatedHost host = fleet.host(h);
            out.put(h, Map.of("commands", host.clients().commands().getOrDefault(node, 0L),
                    "installers", host.clients().installerRuns().getOrDefault(node, 0L)));
        }
        return out;
    }

    // --- what the journal says --------------------------------------------------------------------------------------

    private record Run(String id, String cause, String status, String node, Instant startedAt, Instant finishedAt) {
    }

    /** The plan's runs (all runs when null), oldest first. */
    private List<Run> runs(String planId) throws Exception {
        List<Run> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT id, cause, status, node,"
                + " started_at, finished_at FROM runs" + (planId == null ? "" : " WHERE plan_id = ?")
                + " ORDER BY started_at, id")) {
            if (planId != null) {
                ps.setString(1, planId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Run(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, java.time.OffsetDateTime.class).toInstant(),
                            rs.getObject(6) == null ? null : rs.getObject(6, java.time.OffsetDateTime.class).toInstant()));
                }
            }
        }
        return out;
    }

    /** Each host's latest state, of one run (null: of any run). */
    /** What a stalled takeover looked like, on one line: the waves' hosts, the journal, the nodes' last words. */
    private String diagnosis(String planId) {
        StringBuilder out = new StringBuilder();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT run_id, wave, host, state, node,"
                + " claim_seq, outcome, claimed_at FROM wave_hosts WHERE plan_id = ? ORDER BY run_id, wave, position")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                out.append("wave_hosts:");
                while (rs.next()) {
                    out.append(' ').append(rs.getString(1)).append('/').append(rs.getInt(2)).append('/')
                            .append(rs.getString(3)).append('=').append(rs.getString(4)).append('@')
                            .append(rs.getString(5)).append('#').append(rs.getInt(6)).append(':')
                            .append(rs.getString(7)).append(" since ").append(rs.getString(8)).append(';');
                }
            }
            out.append(" states: ").append(latestStates(planId, null));
            out.append(" runs: ").append(runs(planId));
            // Quartz's side of a takeover: who checks in, what was firing on which node, the recovery triggers.
            for (String sql : List.of("SELECT instance_name, last_checkin_time FROM qrtz_scheduler_state",
                    "SELECT instance_name, trigger_name, trigger_group, state, requests_recovery FROM qrtz_fired_triggers",
                    "SELECT trigger_name, trigger_group, trigger_state, next_fire_time FROM qrtz_triggers")) {
                out.append(" | ").append(sql, sql.lastIndexOf(' ') + 1, sql.length()).append(':');
                try (PreparedStatement q = c.prepareStatement(sql); ResultSet rs = q.executeQuery()) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        out.append(' ');
                        for (int i = 1; i <= columns; i++) {
                            out.append(i > 1 ? "," : "").append(rs.getString(i));
                        }
                        out.append(';');
                    }
                }
            }
        } catch (Exception unreadable) {
            out.append("store unreadable: ").append(unreadable);
        }
        for (Map.Entry<String, ServerProcess> node : nodes.entrySet()) {
            List<String> lines = node.getValue().output().lines().toList();
            out.append(" | node ").append(node.getKey()).append(": ")
                    .append(String.join(" / ", lines.subList(Math.max(0, lines.size() - 10), lines.size())));
        }
        return out.toString();
    }

    private Map<String, String> latestStates(String planId, String runId) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT host, state FROM host_states"
                + " WHERE plan_id = ?" + (runId == null ? "" : " AND run_id = ?") + " ORDER BY id")) {
            ps.setString(1, planId);
            if (runId != null) {
                ps.setString(2, runId);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return out;
    }

    private long hostStateRows(String runId) throws Exception {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM host_states WHERE run_id = ?")) {
            ps.setString(1, runId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The details of the audit records of {@code action} on {@code subject}, in order. */
    private List<JsonNode> audit(String action, String subject) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(
                "SELECT details FROM audit_log WHERE action = ? AND subject = ? ORDER BY seq")) {
            ps.setString(1, action);
            ps.setString(2, subject);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(JSON.readTree(rs.getString(1)));
                }
            }
        }
        return out;
    }

    private Connection connect() throws Exception {
        return DriverManager.getConnection(schema.url(), schema.user(), schema.password());
    }

    // --- processes and HTTP -----------------------------------------------------------------------------------------

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }

    private static JsonNode get(ServerProcess node, String path) throws Exception {
        return call(node, "GET", path, ServerFiles.DAVE_TOKEN, null, 200);
    }

    private static JsonNode call(ServerProcess node, String method, String path, String token, String body, int expected)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1" + path))
                .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60));
        request = body == null ? request.GET() : request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
        return JSON.readTree(r.body());
    }
}

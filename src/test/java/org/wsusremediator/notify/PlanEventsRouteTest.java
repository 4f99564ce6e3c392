package org.wsusremediator.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.TestDatabases;

/**
 * Plan events through a real Camel context (the remediator's, as serve runs it) and a real store: a file endpoint
 * and an HTTP webhook on loopback each receive every event; a webhook that fails at first is retried; one that hangs
 * holds neither the others nor an approval; events recorded while nothing polled go out when something does.
 */
class PlanEventsRouteTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOOK_SECRET = "T0-B0-s3cr3t-hook-token";
    // Connect and response timeouts of 3 s, not 1: on a loaded machine (CI with other JVMs) a webhook on loopback
    // once took over a second to answer, the send counted as failed, and after 4 attempts an event was given up.
    static final PlanEvents.Tuning FAST = new PlanEvents.Tuning(Duration.ofMillis(200), 4, Duration.ofMillis(300),
            Duration.ofSeconds(1), Duration.ofSeconds(10), 50, 4, Duration.ofSeconds(3), Duration.ofSeconds(3),
            Duration.ofHours(24));

    @TempDir
    Path dir;

    private final List<Runnable> cleanups = new ArrayList<>();
    private final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void cleanUp() {
        cleanups.forEach(Runnable::run);
    }

    /** A webhook on loopback, port 0: records each body; answers {@code status(n)} to its n-th request. */
    private Receiver receiver(java.util.function.IntUnaryOperator status, CountDownLatch hang) throws IOException {
        Receiver r = new Receiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0), new CopyOnWriteArrayList<>(),
                new AtomicInteger());
        r.server.createContext("/hooks/", exchange -> {
            int n = r.requests.incrementAndGet();
            String body = new String(exchange.getRequestBody().readNBytes(1 << 20), StandardCharsets.UTF_8);
            if (hang != null) {
                try {
                    hang.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int code = status.applyAsInt(n);
            if (code < 300) {
                r.bodies.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Content-Type")
                        + " " + body);
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        r.server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        r.server.start();
        cleanups.add(() -> r.server.stop(0));
        return r;
    }

    record Receiver(HttpServer server, List<String> bodies, AtomicInteger requests) {
        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + path;
        }

        List<JsonNode> events() {
            return bodies.stream().map(b -> read(b.substring(b.indexOf('{')))).toList();
        }
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<JsonNode> files(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(f -> {
                try {
                    return read(Files.readString(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The outbox, a row per line: endpoint (key prefix), audit seq, event, plan, state, attempts, last error. */
    static String outboxRows(Store store) {
        try (Connection c = store.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT endpoint, audit_seq, event_type, plan_id, state, attempts, last_error"
                     + " FROM notifications ORDER BY endpoint, audit_seq")) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1).substring(0, 6) + " #" + rs.getLong(2) + " " + rs.getString(3) + " "
                        + rs.getString(4) + " " + rs.getString(5) + " x" + rs.getInt(6) + " " + rs.getString(7));
            }
            return rows.toString();
        } catch (SQLException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static List<String> kinds(List<JsonNode> events, String plan) {
        return events.stream().filter(e -> e.path("plan").asText().equals(plan)).map(e -> e.path("event").asText())
                .sorted().toList();
    }

    /** The remediator's Camel context as serve starts it, with the plan-events route added. */
    private Remediator serve(Store store, PlanEvents events) throws Exception {
        Remediator remediator = Remediator.start(new RunSettings(dir.resolve("reports"), 1, Map.of(), store), events.beans());
        remediator.addPlanEvents(events.templateParameters(false));
        return remediator;
    }

    @PlanExpiryTest.OnEachDatabase
    void everyEventReachesAFileAndAWebhookAndAFailingWebhookIsRetried(TestDatabases.Target target) throws Exception {
        Receiver webhook = receiver(n -> 204, null);
        // 500, not 503: Apache HttpClient itself retries a 503 once, within one attempt.
        Receiver flaky = receiver(n -> n <= 2 ? 500 : 200, null);
        Path folder = dir.resolve("notifications");
        NotifySettings settings = NotifySettings.of(List.of("file:" + folder, webhook.url("ok/" + HOOK_SECRET),
                flaky.url("flaky/" + HOOK_SECRET)));
        try (Store store = target.create(dir, cleanups).open();
             PlanEvents events = new PlanEvents(store, PlanExpiryTest.POLICY, settings, FAST, Clock.systemUTC(), log::add);
             Remediator remediator = serve(store, events)) {
            Instant now = Instant.now();
            store.savePlan(PlanExpiryTest.plan("p-approved", now, Duration.ofHours(1)));
            store.recordApproval(PlanExpiryTest.decide("p-approved", "bob", Decision.APPROVE, now, "wsus01"));
            store.savePlan(PlanExpiryTest.plan("p-rejected", now, Duration.ofHours(1)));
            store.recordApproval(PlanExpiryTest.decide("p-rejected", "carol", Decision.REJECT, now));
            // Expires by itself two seconds from now: nobody runs status, serve's route expires it.
            store.savePlan(PlanExpiryTest.plan("p-expiring", now, Duration.ofSeconds(2)));

            List<String> approved = List.of("PLAN_APPROVED", "PLAN_PENDING");
            List<String> rejected = List.of("PLAN_PENDING", "PLAN_REJECTED");
            List<String> expired = List.of("PLAN_EXPIRED", "PLAN_PENDING");
            Map<String, java.util.function.Supplier<List<JsonNode>>> receivers = new java.util.LinkedHashMap<>();
            receivers.put("file", () -> files(folder));
            receivers.put("webhook", webhook::events);
            receivers.put("flaky webhook", flaky::events);
            for (Map.Entry<String, java.util.function.Supplier<List<JsonNode>>> received : receivers.entrySet()) {
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    List<JsonNode> got = received.getValue().get();
                    // On a failure: which receiver, what the outbox holds, and what the route said.
                    String why = received.getKey() + "; outbox " + outboxRows(store) + "; log " + String.join(" | ", log);
                    assertThat(kinds(got, "p-approved")).as(why).isEqualTo(approved);
                    assertThat(kinds(got, "p-rejected")).as(why).isEqualTo(rejected);
                    assertThat(kinds(got, "p-expiring")).as(why).isEqualTo(expired);
                });
            }
            JsonNode approval = webhook.events().stream().filter(e -> e.path("event").asText().equals("PLAN_APPROVED"))
                    .findFirst().orElseThrow();
            assertThat(approval.path("plan").asText()).isEqualTo("p-approved");
            assertThat(approval.path("requester").asText()).isEqualTo("alice");
            assertThat(approval.path("admin").asText()).isEqualTo("bob");
            assertThat(approval.path("reason").asText()).isEqualTo("CHG-1");
            assertThat(approval.path("hosts").toString()).isEqualTo("[\"wsus01\"]");
            assertThat(approval.path("actions").toString()).isEqualTo("{\"COMPLIANT\":1,\"INSTALL_KB\":1,\"RTM_WORKAROUND\":1}");
            assertThat(approval.path("expiresAt").asText()).isNotBlank();
            assertThat(approval.path("audit").path("seq").asLong()).isPositive();
            JsonNode rejection = files(folder).stream().filter(e -> e.path("event").asText().equals("PLAN_REJECTED"))
                    .findFirst().orElseThrow();
            assertThat(rejection.path("hosts").toString()).as("a decision for all hosts names the hosts it covers")
                    .isEqualTo("[\"wsus01\",\"wsus02\"]");
            assertThat(webhook.bodies()).allSatisfy(b -> assertThat(b).startsWith("POST application/json {"));
            // Each endpoint got each event once (the flaky one after its two refusals), and the outbox says so.
            assertThat(webhook.events()).hasSize(6);
            assertThat(flaky.events()).hasSize(6);
            assertThat(flaky.requests().get()).isEqualTo(8);
            await().atMost(Duration.ofSeconds(10)).until(() -> events.outboxCounts().equals(Map.of("SENT", 18L)));
            assertThat(events.counters().failedAttempts()).as(String.join("\n", log)).isEqualTo(2);
            assertThat(events.counters().expired()).isEqualTo(1);
            // which two events meet the flaky webhook's two failures depends on the order the sends run in (4 at once)
            assertThat(log).anySatisfy(l -> assertThat(l).contains("could not send PLAN_", "HTTP 500",
                    "approvals.notify[2] (http://127.0.0.1:" + flaky.server().getAddress().getPort() + "/…)"));
            assertThat(String.join("\n", log)).doesNotContain(HOOK_SECRET);
            assertThat(store.auditRecords()).filteredOn(r -> r.action().equals("PLAN_EXPIRED")).hasSize(1);
            try (Connection c = store.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT endpoint, last_error, event FROM notifications")) {
                while (rs.next()) {
                    for (int i = 1; i <= 3; i++) {
                        assertThat(String.valueOf(rs.getString(i))).doesNotContain(HOOK_SECRET).doesNotContain("/hooks/");
                    }
                }
            }
            assertThat(Files.getPosixFilePermissions(Files.list(folder).findFirst().orElseThrow()))
                    .containsExactlyInAnyOrder(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE);
        }
    }

    @PlanExpiryTest.OnEachDatabase
    void aHangingOrDownWebhookHoldsNeitherApprovalsNorTheOtherEndpoints(TestDatabases.Target target) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        cleanups.add(release::countDown);
        Receiver hanging = receiver(n -> 204, release);
        Path folder = dir.resolve("notifications");
        // Nothing listens on the last one: connection refused, every time.
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            closedPort = s.getLocalPort();
        }
        NotifySettings settings = NotifySettings.of(List.of(hanging.url("hang/" + HOOK_SECRET), "file:" + folder,
                "http://127.0.0.1:" + closedPort + "/hooks/down/" + HOOK_SECRET));
        try (Store store = target.create(dir, cleanups).open();
             PlanEvents events = new PlanEvents(store, PlanExpiryTest.POLICY, settings, FAST, Clock.systemUTC(), log::add);
             Remediator remediator = serve(store, events)) {
            for (int i = 0; i < 3; i++) {
                Instant now = Instant.now();
                store.savePlan(PlanExpiryTest.plan("p-" + i, now, Duration.ofHours(1)));
                long started = System.nanoTime();
                store.recordApproval(PlanExpiryTest.decide("p-" + i, "bob", Decision.APPROVE, now));
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("an approval waits for no endpoint")
                        .isLessThan(Duration.ofSeconds(2));
                Thread.sleep(300);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(files(folder)).hasSize(6));
            // The dead one is given up after its attempts, said without its URL, and counted.
            await().atMost(Duration.ofSeconds(30)).until(() -> events.counters().gaveUp() >= 6);
            assertThat(log).anySatisfy(l -> assertThat(l).contains("gave up sending", "after 4 attempts",
                    "approvals.notify[2] (http://127.0.0.1:" + closedPort + "/…)"));
            assertThat(String.join("\n", log)).doesNotContain(HOOK_SECRET);
            assertThat(events.outboxCounts().get("FAILED")).isGreaterThanOrEqualTo(6);
            assertThat(hanging.requests().get()).as("the hanging hook was tried, timed out and tried again").isGreaterThan(1);
        }
    }

    @PlanExpiryTest.OnEachDatabase
    void eventsRecordedWhileNothingPolledGoOutWhenSomethingDoes(TestDatabases.Target target) throws Exception {
        Receiver webhook = receiver(n -> 204, null);
        NotifySettings settings = NotifySettings.of(List.of(webhook.url("ok")));
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store store = db.open()) {
            // The approval commits, and the process is gone before any poll: the audit record is the outbox.
            Instant now = Instant.now();
            store.savePlan(PlanExpiryTest.plan("p-1", now, Duration.ofHours(1)));
            store.recordApproval(PlanExpiryTest.decide("p-1", "bob", Decision.APPROVE, now));
        }
        try (Store store = db.open();
             PlanEvents events = new PlanEvents(store, PlanExpiryTest.POLICY, settings, FAST, Clock.systemUTC(), log::add)) {
            assertThat(LocalDelivery.once(events, Duration.ofSeconds(20))).isTrue();
            assertThat(kinds(webhook.events(), "p-1")).containsExactly("PLAN_APPROVED", "PLAN_PENDING");
            assertThat(LocalDelivery.once(events, Duration.ofSeconds(20))).isTrue();
            assertThat(webhook.events()).as("sent once").hasSize(2);
        }
    }

    @PlanExpiryTest.OnEachDatabase
    void twoPollersSendEachEventOnce(TestDatabases.Target target) throws Exception {
        Receiver webhook = receiver(n -> 204, null);
        NotifySettings settings = NotifySettings.of(List.of(webhook.url("ok")));
        TestDatabases.Db db = target.create(dir, cleanups);
        try (Store first = db.open();
             // Two serve processes on PostgreSQL; on the embedded file one process, two pollers.
             Store second = db.kind().equals("postgres") ? db.open() : null;
             PlanEvents one = new PlanEvents(first, PlanExpiryTest.POLICY, settings, FAST, Clock.systemUTC(), log::add);
             PlanEvents two = new PlanEvents(second == null ? first : second, PlanExpiryTest.POLICY, settings, FAST,
                     Clock.systemUTC(), log::add);
             LocalDelivery a = LocalDelivery.start(one, false);
             LocalDelivery b = LocalDelivery.start(two, false)) {
            for (int i = 0; i < 5; i++) {
                Instant now = Instant.now();
                first.savePlan(PlanExpiryTest.plan("p-" + i, now, Duration.ofHours(1)));
                first.recordApproval(PlanExpiryTest.decide("p-" + i, "bob", Decision.APPROVE, now));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(webhook.events()).hasSize(10));
            Thread.sleep(1000); // a duplicate would arrive within a few polls
            assertThat(webhook.events()).extracting(e -> e.path("audit").path("seq").asLong()).doesNotHaveDuplicates()
                    .hasSize(10);
            assertThat(one.counters().sent() + two.counters().sent()).isEqualTo(10);
        }
    }
}

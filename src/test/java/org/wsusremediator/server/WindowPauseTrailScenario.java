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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.wsusremediator.store.AuditTrail;

/**
 * A paused window stays paused whatever is written into the database: through the real server (a window firing
 * every 3 s), a WINDOW_RESUMED row appended by SQL with a correct hash chain (the chain is plain SHA-256) does not
 * resume it, and once the pause's own row is deleted the trail does not verify, the window counts as paused, the
 * window list says why and a resume is refused. Run on H2 ({@link ApiWindowPauseTrailIT}) and PostgreSQL
 * ({@link ApiWindowPauseTrailPostgresIT}); the server is stopped while the database is written (H2 is one process's).
 */
abstract class WindowPauseTrailScenario {

    private static final String WINDOW = "every-3s";

    /** Starts the server as {@link ApiServerScenario#start} does, with a window firing every 3 s. */
    static void startWithWindow(Path tempDir, String subnet, String url, String user, String password) throws Exception {
        ApiServerScenario.start(tempDir, subnet, url, user, password);
        ServerRestart.stop();
        Path windows = tempDir.resolve("server/windows.yaml");
        Files.writeString(windows, Files.readString(windows)
                + "windows:\n  - { name: " + WINDOW + ", start: \"0/3 * * * * ?\", duration: 2s, timeZone: UTC }\n");
        ServerRestart.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void rowsWrittenIntoTheDatabaseDoNotResumeAPausedWindow() throws Exception {
        await("the window opens").atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> lastSeq("WINDOW_OPENED") > 0);
        HttpResponse<String> paused = call("POST", "/windows/" + WINDOW + "/pause", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"INC-12: WSUS database restore\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);

        ServerRestart.stop();
        long forged = appendForgedResume();
        ServerRestart.launch();
        JsonNode window = window();
        assertThat(window.get("paused").isNull()).as("a resume row written by SQL does not count: " + window).isFalse();
        assertThat(window.get("paused").get("by").asText()).isEqualTo("carol");
        assertThat(window.get("paused").get("audit_problem").asText()).contains("resume record " + forged)
                .contains("not anchored");
        await("a firing after the forged resume is skipped").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> lastSeq("WINDOW_SUPPRESSED") > forged);
        assertThat(lastSeq("WINDOW_OPENED")).as("nothing opened after the forged resume").isLessThan(forged);

        ServerRestart.stop();
        sql("DELETE FROM audit_log WHERE action = 'WINDOW_PAUSED'");
        ServerRestart.launch();
        window = window();
        assertThat(window.get("paused").isNull()).as("the pause deleted: the trail cannot tell: " + window).isFalse();
        assertThat(window.get("paused").get("audit_verified").asBoolean()).isFalse();
        assertThat(window.get("paused").get("audit_problem").asText()).contains("does not verify");
        long restarted = lastSeqOfAny();
        await("a firing after the deletion is skipped").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> lastSeq("WINDOW_SUPPRESSED") > restarted);
        assertThat(lastSeq("WINDOW_OPENED")).isLessThan(forged);
        HttpResponse<String> resume = call("POST", "/windows/" + WINDOW + "/resume", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"restore done\"}");
        assertThat(resume.statusCode()).as(resume.body()).isEqualTo(409);
        assertThat(json(resume).get("code").asText()).isEqualTo("audit_unverified");
        assertThat(ApiServerScenario.output).anyMatch(l -> l.contains("skipped: treated as paused: the audit trail"
                + " does not verify"));
    }

    /** Appends a WINDOW_RESUMED record chained as the server chains them, and moves the head: the chain verifies. */
    private static long appendForgedResume() throws Exception {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long seq;
            String prev;
            try (ResultSet rs = c.createStatement().executeQuery("SELECT seq, hash FROM audit_head WHERE id = 1")) {
                rs.next();
                seq = rs.getLong(1) + 1;
                prev = rs.getString(2);
            }
            Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
            String subject = "window " + WINDOW;
            String details = "{\"reason\":\"forged\",\"through\":\"api\"}";
            String hash = AuditTrail.hash(seq, at, "carol", "WINDOW_RESUMED", subject, details, prev);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_log (seq, recorded_at, actor, action,"
                    + " subject, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setLong(1, seq);
                ps.setObject(2, at.atOffset(ZoneOffset.UTC));
                ps.setString(3, "carol");
                ps.setString(4, "WINDOW_RESUMED");
                ps.setString(5, subject);
                ps.setString(6, details);
                ps.setString(7, prev);
                ps.setString(8, hash);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
                ps.setLong(1, seq);
                ps.setString(2, hash);
                ps.executeUpdate();
            }
            c.commit();
            return seq;
        }
    }

    private static void sql(String statement) throws Exception {
        try (Connection c = connect()) {
            assertThat(c.createStatement().executeUpdate(statement)).isPositive();
        }
    }

    private static Connection connect() throws Exception {
        return DriverManager.getConnection(ApiServerScenario.storeUrl, ApiServerScenario.storeUser,
                ApiServerScenario.storePassword == null ? "" : ApiServerScenario.storePassword);
    }

    private static JsonNode window() throws Exception {
        JsonNode windows = json(call("GET", "/windows", bearer(ServerFiles.DAVE_TOKEN), null)).get("windows");
        assertThat(windows).hasSize(1);
        return windows.get(0);
    }

    private static long lastSeq(String action) throws Exception {
        long last = 0;
        for (JsonNode r : records()) {
            if (r.get("action").asText().equals(action) && r.get("subject").asText().equals("window " + WINDOW)) {
                last = Math.max(last, r.get("seq").asLong());
            }
        }
        return last;
    }

    private static long lastSeqOfAny() throws Exception {
        long last = 0;
        for (JsonNode r : records()) {
            last = Math.max(last, r.get("seq").asLong());
        }
        return last;
    }

    /** The trail's records, the latest ones included (the API answers 1000 at a time). */
    private static JsonNode records() throws Exception {
        com.fasterxml.jackson.databind.node.ArrayNode all = new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode();
        long after = 0;
        while (true) {
            JsonNode page = json(call("GET", "/audit?after=" + after, bearer(ServerFiles.DAVE_TOKEN), null)).get("records");
            if (page.isEmpty()) {
                return all;
            }
            page.forEach(all::add);
            after = page.get(page.size() - 1).get("seq").asLong();
        }
    }
}

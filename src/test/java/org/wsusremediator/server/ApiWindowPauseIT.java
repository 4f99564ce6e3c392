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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /api/v1/windows/{name}/pause|resume} through the real server on H2 (fleet on 127.68.8.x) with a window
 * firing every 3 s: paused, its firings are skipped (WINDOW_SUPPRESSED, nothing opened), also after a restart; resumed,
 * it opens again.
 */
class ApiWindowPauseIT {

    private static final String WINDOW = "/windows/every-3s";

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.68.8", null, null, null);
        ServerRestart.stop();
        Path windows = tempDir.resolve("server/windows.yaml");
        Files.writeString(windows, Files.readString(windows)
                + "windows:\n  - { name: every-3s, start: \"0/3 * * * * ?\", duration: 2s, timeZone: UTC }\n");
        ServerRestart.launch();
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void aPausedWindowIsSkippedEvenAfterARestartUntilResumed() throws Exception {
        await("the window opens").atMost(Duration.ofSeconds(30)).until(() -> lastSeq("WINDOW_OPENED") > 0);
        assertThat(call("POST", WINDOW + "/pause", bearer(ServerFiles.DAVE_TOKEN), "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(403);
        assertThat(call("POST", WINDOW + "/pause", bearer(ServerFiles.CAROL_TOKEN), "{}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/windows/nowhere/pause", bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"x\"}")
                .statusCode()).isEqualTo(404);
        HttpResponse<String> paused = call("POST", WINDOW + "/pause", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"INC-9: WSUS database restore\"}");
        assertThat(paused.statusCode()).as(paused.body()).isEqualTo(200);
        assertThat(json(paused).get("paused").get("by").asText()).isEqualTo("carol");
        assertThat(json(paused).get("paused").get("reason").asText()).isEqualTo("INC-9: WSUS database restore");
        HttpResponse<String> again = call("POST", WINDOW + "/pause", bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"x\"}");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("code").asText()).isEqualTo("already_paused");
        long pausedAt = lastSeq("WINDOW_PAUSED");

        await("a firing is skipped").atMost(Duration.ofSeconds(30)).until(() -> lastSeq("WINDOW_SUPPRESSED") > pausedAt);
        long skipped = lastSeq("WINDOW_SUPPRESSED");
        assertThat(details("WINDOW_SUPPRESSED")).anyMatch(d -> d.contains("paused by carol"));
        Thread.sleep(4000);
        assertThat(lastSeq("WINDOW_OPENED")).as("nothing opened after the first skipped firing").isLessThan(skipped);

        ServerRestart.stop();
        ServerRestart.launch();
        JsonNode windows = json(call("GET", "/windows", bearer(ServerFiles.DAVE_TOKEN), null));
        assertThat(windows.get("windows").get(0).get("paused").get("by").asText()).as(windows.toString()).isEqualTo("carol");
        long beforeRestart = lastSeq("WINDOW_SUPPRESSED");
        await("skipped after the restart too").atMost(Duration.ofSeconds(30))
                .until(() -> lastSeq("WINDOW_SUPPRESSED") > beforeRestart);
        assertThat(lastSeq("WINDOW_OPENED")).isLessThan(skipped);

        HttpResponse<String> resumed = call("POST", WINDOW + "/resume", bearer(ServerFiles.CAROL_TOKEN),
                "{\"reason\":\"restore done\"}");
        assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
        assertThat(json(resumed).get("paused").isNull()).isTrue();
        assertThat(call("POST", WINDOW + "/resume", bearer(ServerFiles.CAROL_TOKEN), "{\"reason\":\"x\"}").statusCode())
                .isEqualTo(409);
        long resumedAt = lastSeq("WINDOW_RESUMED");
        await("the window opens again").atMost(Duration.ofSeconds(30)).until(() -> lastSeq("WINDOW_OPENED") > resumedAt);
    }

    private static long lastSeq(String action) throws Exception {
        long last = 0;
        for (JsonNode r : records()) {
            if (r.get("action").asText().equals(action) && r.get("subject").asText().startsWith("window ")) {
                last = Math.max(last, r.get("seq").asLong());
            }
        }
        return last;
    }

    private static List<String> details(String action) throws Exception {
        List<String> out = new ArrayList<>();
        for (JsonNode r : records()) {
            if (r.get("action").asText().equals(action)) {
                out.add(r.get("details").asText());
            }
        }
        return out;
    }

    private static JsonNode records() throws Exception {
        return json(call("GET", "/audit", bearer(ServerFiles.DAVE_TOKEN), null)).get("records");
    }
}

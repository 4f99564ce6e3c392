package org.wsusremediator.server;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stops and starts again the server {@link ApiServerScenario#start} started, on the same files (changed or not by the
 * test meanwhile) and the same store, so that a test can write to the database, which the running server holds.
 */
final class ServerRestart {

    private static final Pattern SERVING = Pattern.compile("serving https://127\\.0\\.0\\.1:(\\d+)/api/v1 ");

    private ServerRestart() {
    }

    static void stop() throws Exception {
        ApiServerScenario.serve.destroy();
        if (!ApiServerScenario.serve.waitFor(40, TimeUnit.SECONDS)) {
            ApiServerScenario.serve.destroyForcibly();
            ApiServerScenario.serve.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static void launch() throws Exception {
        Path server = ApiServerScenario.dir.resolve("server");
        ApiServerScenario.output.clear();
        Process serve = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand", "serve", "--config", server.resolve("server.yaml").toString()))
                .directory(server.toFile()).redirectErrorStream(true).start();
        ApiServerScenario.serve = serve;
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    ApiServerScenario.output.add(line);
                }
            } catch (java.io.IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("the server says where it listens again").atMost(Duration.ofSeconds(90))
                .until(() -> ApiServerScenario.output.stream().anyMatch(l -> SERVING.matcher(l).find()) || !serve.isAlive());
        Matcher m = ApiServerScenario.output.stream().map(SERVING::matcher).filter(Matcher::find).findFirst()
                .orElseThrow(() -> new AssertionError("server did not start again:\n"
                        + String.join("\n", ApiServerScenario.output)));
        ApiServerScenario.api = "https://127.0.0.1:" + m.group(1) + "/api/v1";
    }
}

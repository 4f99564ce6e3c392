package org.wsusremediator.server;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code remediator serve --config} as a real child process, as an admin starts it: its output collected, its address
 * read from the line it prints when it listens, stopped (and if need be killed) at {@link #close()}.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern SERVING = Pattern.compile(
            "serving (https?)://127\\.0\\.0\\.1:(\\d+)/api/v1 .* management http://127\\.0\\.0\\.1:(\\d+)/");

    /**
     * Every server a test started and has not stopped: stopped when the test JVM ends, so that a test that fails
     * before its own stop (or forgets it) leaves no server running after the build.
     */
    private static final java.util.Map<Process, String> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        // Says which test started a server it left running (a leak seen in CI that no test owns up to), then ends it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach((process, startedBy) -> {
            System.err.println("test server " + process.pid() + " left running, started by " + startedBy + ": killed");
            process.destroyForcibly();
        }), "stop-test-servers"));
    }

    private final Process process;
    private final List<String> output;
    private final String baseUrl;
    private final String managementUrl;

    private ServerProcess(Process process, List<String> output, String baseUrl, String managementUrl) {
        this.process = process;
        this.output = output;
        this.baseUrl = baseUrl;
        this.managementUrl = managementUrl;
    }

    /** Starts the server on {@code config} in {@code dir} and waits (at most 90 s) until it listens. */
    public static ServerProcess start(Path config, Path dir) throws Exception {
        return start(config, dir, Collections.synchronizedList(new ArrayList<>()));
    }

    /** As above, its output lines added to {@code output} (a synchronized list) as they come. */
    public static ServerProcess start(Path config, Path dir, List<String> output) throws Exception {
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand", "serve", "--config", config.toString()))
                .directory(dir.toFile()).redirectErrorStream(true).start();
        RUNNING.put(process, startedBy(config));
        process.onExit().thenRun(() -> RUNNING.remove(process));
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                }
            } catch (java.io.IOException closed) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        await("the server says where it listens").atMost(Duration.ofSeconds(90))
                .until(() -> serving(output) != null || !process.isAlive());
        Matcher m = serving(output);
        if (m == null) {
            process.destroyForcibly();
            throw new AssertionError("server did not start:\n" + String.join("\n", output));
        }
        return new ServerProcess(process, output, m.group(1) + "://127.0.0.1:" + m.group(2),
                "http://127.0.0.1:" + m.group(3) + "/observe");
    }

    /** The test methods on the stack that start a server, and its configuration. */
    private static String startedBy(Path config) {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().startsWith("org.wsusremediator.") && !f.getClassName().equals(
                        ServerProcess.class.getName()))
                .map(f -> f.getClassName().substring(f.getClassName().lastIndexOf('.') + 1) + "." + f.getMethodName())
                .limit(4).collect(java.util.stream.Collectors.joining(" < "))) + " (" + config + ")";
    }

    private static Matcher serving(List<String> output) {
        synchronized (output) {
            return output.stream().map(SERVING::matcher).filter(Matcher::find).findFirst().orElse(null);
        }
    }

    /** {@code https://127.0.0.1:<port>} (or http for a plain-HTTP configuration). */
    public String baseUrl() {
        return baseUrl;
    }

    /** {@code http://127.0.0.1:<management port>/observe}: health and metrics. */
    public String managementUrl() {
        return managementUrl;
    }

    /** Everything the server printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** The server's process id (a clustered node's Quartz instance id carries it). */
    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Kills the server as a crash or an OOM killer does (SIGKILL): nothing of it runs any more once this returns. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            throw new AssertionError("process " + process.pid() + " still alive 20 s after SIGKILL");
        }
    }

    /** Stops the server as an admin's Ctrl-C or service stop does (SIGTERM), killing it after 40 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(40, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }
}

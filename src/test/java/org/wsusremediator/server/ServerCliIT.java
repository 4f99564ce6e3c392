package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's admin workflow with {@code --server}: each step is the real CLI in a process of its own, with only the
 * admin's token in its environment (no store, no admin file, no fleet password), against {@code serve --config} over
 * HTTPS. Same output and exit codes as the local commands: alice plans and may not approve her own plan (5), the viewer
 * may not approve (5), bob approves, carol runs it now and both hosts end REMEDIATED (0), the audit trail verifies.
 */
class ServerCliIT {

    private static final Pattern PLAN = Pattern.compile("plan (plan-[0-9a-f-]+) by alice, valid until ");

    record Result(int exit, String out) {
    }

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        ApiServerScenario.start(tempDir, "127.68.4", null, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    /** The CLI as an admin runs it on their own machine: a fresh directory, their token, the server's CA file. */
    static Result cli(String token, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand"));
        command.addAll(List.of(args));
        command.addAll(List.of("--server", ApiServerScenario.api.replace("/api/v1", ""),
                "--server-ca", ApiServerScenario.dir.resolve("server/server.crt.pem").toString()));
        Path home = ApiServerScenario.dir.resolve("admin-" + (token == null ? "none" : token.substring(0, 3)));
        java.nio.file.Files.createDirectories(home);
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().remove("WSUS_LAB_PASSWORD");
        builder.environment().remove("REMEDIATOR_ADMIN_TOKEN");
        if (token != null) {
            builder.environment().put("REMEDIATOR_ADMIN_TOKEN", token);
        }
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(out).doesNotContain(ServerFiles.ALICE_TOKEN, ServerFiles.BOB_TOKEN, ServerFiles.CAROL_TOKEN,
                ServerFiles.DAVE_TOKEN, ServerFiles.FLEET_PASSWORD);
        return new Result(p.exitValue(), out);
    }

    @Test
    void theAdminWorkflowRunsThroughTheServerWithTwoAdminsTokens() throws Exception {
        Result noToken = cli(null, "audit", "verify");
        assertThat(noToken.exit()).as(noToken.out()).isEqualTo(2);
        assertThat(noToken.out()).contains("REMEDIATOR_ADMIN_TOKEN");

        Result plan = cli(ServerFiles.ALICE_TOKEN, "plan", "inventory.yaml");
        assertThat(plan.exit()).as(plan.out()).isZero();
        Matcher m = PLAN.matcher(plan.out());
        assertThat(m.find()).as(plan.out()).isTrue();
        String planId = m.group(1);
        assertThat(plan.out()).contains("sp1-a").contains("INSTALL_KB").contains("needs approval");

        Result self = cli(ServerFiles.ALICE_TOKEN, "approve", planId, "--reason", "mine");
        assertThat(self.exit()).as(self.out()).isEqualTo(5);
        assertThat(self.out()).contains("two-person rule");

        Result viewer = cli(ServerFiles.DAVE_TOKEN, "approve", planId, "--reason", "looks fine");
        assertThat(viewer.exit()).as(viewer.out()).isEqualTo(5);

        Result approved = cli(ServerFiles.BOB_TOKEN, "approve", planId, "--reason", "change 4711");
        assertThat(approved.exit()).as(approved.out()).isZero();
        assertThat(approved.out()).contains(planId + ": bob approved all hosts").contains("hosts approved to act on now: sp1-a");

        Result notOperator = cli(ServerFiles.BOB_TOKEN, "apply", planId, "--now");
        assertThat(notOperator.exit()).as(notOperator.out()).isEqualTo(5);

        Result run = cli(ServerFiles.CAROL_TOKEN, "apply", planId, "--now");
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).containsPattern("sp1-a\\s+REMEDIATED").contains("FINISHED");

        Result audit = cli(ServerFiles.DAVE_TOKEN, "audit", "verify");
        assertThat(audit.exit()).as(audit.out()).isZero();
        assertThat(audit.out()).contains("audit trail intact");
    }

    @Test
    void plainHttpToAnotherMachineIsRefusedBeforeAnyTokenIsSent() throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                "org.wsusremediator.cli.RemediatorCommand", "audit", "verify", "--server", "http://192.0.2.10:8080");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REMEDIATOR_ADMIN_TOKEN", ServerFiles.BOB_TOKEN);
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(2);
        assertThat(out).contains("plain http is allowed to a loopback address only").doesNotContain(ServerFiles.BOB_TOKEN);
    }
}

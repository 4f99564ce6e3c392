package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.wsusremediator.store.Store;

/**
 * One exit code per outcome whatever the command (README "Commands and exit codes"): hosts that failed give 3
 * from scan, plan, apply and serve alike, and bad input gives 2 from every command, never 1.
 */
class ExitCodesIT {

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = System::getenv;
    }

    @Test
    void failedHostsGiveThreeFromScanPlanAndApply() throws Exception {
        Path inventory = TestFleets.labCopy(dir, TestFleets.freePort("127.54.0.11"), text -> text);
        String[] store = store();
        String reports = dir.resolve("reports").toString();

        CliTest.Run scan = CliTest.run("scan", inventory.toString(), "--report-dir", reports, "--quiet");
        assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);

        String planId = plan(inventory, store);
        approveFailingHost(planId, store);
        CliTest.Run apply = CliTest.run(TestFleets.concat(new String[] {"apply", planId, "--now",
                "--windows", windows(3600).toString(), "--report-dir", reports}, store));
        assertThat(apply.exitCode()).as(apply.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        assertThat(apply.out()).contains("INSTALLER_EXIT_1603");

        CliTest.Run status = CliTest.run(TestFleets.concat(new String[] {"status", "--windows", windows(3600).toString()}, store));
        assertThat(status.out()).as("host states in words, not a Java map").contains("FAILED")
                .doesNotContainPattern("\\{[A-Z_]+=\\d");
    }

    @Test
    void failedHostsGiveThreeFromServeOnce() throws Exception {
        Path inventory = TestFleets.labCopy(dir, TestFleets.freePort("127.54.0.11"), text -> text);
        String[] store = store();
        String planId = plan(inventory, store);
        approveFailingHost(planId, store);

        CliTest.Run serve = CliTest.run(TestFleets.concat(new String[] {"serve", "--once",
                "--windows", windows(1).toString(), "--report-dir", dir.resolve("reports").toString()}, store));
        assertThat(serve.exitCode()).as(serve.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        assertThat(serve.out()).contains("INSTALLER_EXIT_1603");
    }

    @Test
    void aDuePlanThatCannotRunGivesThreeFromServeOnce() throws Exception {
        Path inventory = TestFleets.labCopy(dir, TestFleets.freePort("127.54.0.11"), text -> text);
        String[] store = store();
        String planId = plan(inventory, store);
        approveFailingHost(planId, store);
        Files.delete(inventory); // the plan is due, but its inventory can no longer be read

        CliTest.Run serve = CliTest.run(TestFleets.concat(new String[] {"serve", "--once",
                "--windows", windows(1).toString(), "--report-dir", dir.resolve("reports").toString()}, store));
        assertThat(serve.err()).contains("plan " + planId + " did not run");
        assertThat(serve.exitCode()).as(serve.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "scan MISSING",
            "plan MISSING STORE",
            "remediate MISSING",
            "simulate MISSING",
            "apply plan-00000000 STORE",
            "apply plan-00000000 --now --windows MISSING STORE",
            "serve --windows MISSING STORE",
            "status --windows MISSING STORE",
            "approve plan-00000000 --reason BLANK STORE",
            "reject plan-00000000 --reason BLANK STORE",
            "status --admins MISSING",
            "audit verify --db jdbc:no-such-database:x",
            "benchmark --hosts 0",
            "scan --no-such-option x"})
    void badInputGivesTwoFromEveryCommand(String commandLine) throws Exception {
        String missing = dir.resolve("missing.yaml").toString();
        String[] store = store();
        String[] args = java.util.Arrays.stream(commandLine.split(" "))
                .flatMap(word -> switch (word) {
                    case "MISSING" -> java.util.stream.Stream.of(missing);
                    case "BLANK" -> java.util.stream.Stream.of(" ");
                    case "STORE" -> java.util.Arrays.stream(store);
                    default -> java.util.stream.Stream.of(word);
                })
                .toArray(String[]::new);
        CliTest.Run run = CliTest.run(args);
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).startsWith("remediator: ").doesNotContain("internal error").doesNotContain("\tat ");
    }

    /** A window whose cron never fires again is said and left out, not an internal error (Quartz refuses it). */
    @Test
    void aWindowThatNeverStartsAgainIsNotScheduledAndServeOnceHasNothingToWaitFor() throws Exception {
        Path file = dir.resolve("windows-past.yaml");
        Files.writeString(file, """
                windows:
                  - { name: last-year, start: "0 0 3 1 1 ? 2020", duration: 5m, timeZone: UTC }
                applyNow: true
                """);
        CliTest.Run serve = CliTest.run(TestFleets.concat(new String[] {"serve", "--once", "--windows",
                file.toString()}, store()));
        assertThat(serve.out()).as(serve.all()).contains("window last-year: never starts again");
        assertThat(serve.exitCode()).as(serve.all()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(serve.err()).contains("no window of the windows file starts again").doesNotContain("internal error");
    }

    @Test
    void anUnknownPlanIsRefused() throws Exception {
        CliTest.Run run = CliTest.run(TestFleets.concat(new String[] {"approve", "plan-00000000", "--reason", "x"}, store()));
        assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(run.err()).contains("remediator: refused: no plan 'plan-00000000'");
    }

    private String[] store() throws Exception {
        return new String[] {"--db", Store.defaultH2Url(dir.resolve("data")), "--admins", TestFleets.admins(dir).toString()};
    }

    private static String plan(Path inventory, String[] store) {
        CliTest.Run plan = CliTest.run(TestFleets.concat(new String[] {"plan", inventory.toString()}, store));
        // The lab has unreachable hosts and hosts that need review: the plan is stored, and the exit says so.
        assertThat(plan.exitCode()).as(plan.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.out()).isTrue();
        return id.group(1);
    }

    private static void approveFailingHost(String planId, String[] store) {
        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
        CliTest.Run approve = CliTest.run(TestFleets.concat(new String[] {"approve", planId, "--host", "sp1-2008-1603",
                "--reason", "CHG-1"}, store));
        assertThat(approve.exitCode()).as(approve.all()).isZero();
        StoreOptions.environment = System::getenv;
    }

    /** A window opening every {@code everySeconds} seconds (1: every second, so serve --once does not wait). */
    private Path windows(int everySeconds) throws Exception {
        Path file = dir.resolve("windows-" + everySeconds + ".yaml");
        String start = everySeconds == 1 ? "* * * * * ?" : "0 0 3 ? * SUN";
        Files.writeString(file, """
                windows:
                  - { name: test-window, start: "%s", duration: 5m, timeZone: UTC }
                applyNow: true
                rollout: { canary: 1, waveSize: 100%%, minWaveSuccess: 0%%, maxFailures: 100%%, concurrency: 2 }
                """.formatted(start));
        return file;
    }
}

package org.wsusremediator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.wsusremediator.server.ApiServerScenario.bearer;
import static org.wsusremediator.server.ApiServerScenario.call;
import static org.wsusremediator.server.ServerCliIT.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retry}, {@code abort} and {@code windows pause|resume} with {@code --server}: the real CLI in a process of
 * its own with only the operator's token, against {@code serve --config} over HTTPS on a fleet whose hosts fail first
 * ({@link RunRetryScenario}, 127.72.5.x). Exit codes as the other commands': 0 done, 2 bad input (no such run or
 * window), 3 hosts unresolved, 5 refused (not an operator, nothing to retry, not running, already paused).
 */
class ServerRunCommandsCliIT {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        RunRetryScenario.startFailingFleet(tempDir, "127.72.5", null, null, null);
    }

    @AfterAll
    static void stop() throws Exception {
        ApiServerScenario.stopServer();
    }

    @Test
    void anOperatorRetriesAFailedRunPausesAndResumesAWindowFromTheCli() throws Exception {
        String plan = ApiConsentIT.newPlan();
        assertThat(call("POST", "/plans/" + plan + "/approve", bearer(ServerFiles.BOB_TOKEN),
                "{\"reason\":\"change 4711\"}").statusCode()).isEqualTo(200);
        String failed = RunRetryScenario.runToTheEnd(plan);

        ServerCliIT.Result notOperator = cli(ServerFiles.BOB_TOKEN, "retry", failed, "--reason", "x");
        assertThat(notOperator.exit()).as(notOperator.out()).isEqualTo(5);
        ServerCliIT.Result noRun = cli(ServerFiles.CAROL_TOKEN, "retry", "run-nothere", "--reason", "x");
        assertThat(noRun.exit()).as(noRun.out()).isEqualTo(2);
        ServerCliIT.Result notRunning = cli(ServerFiles.CAROL_TOKEN, "abort", failed, "--reason", "x");
        assertThat(notRunning.exit()).as(notRunning.out()).isEqualTo(5);
        assertThat(notRunning.out()).contains("is not running");

        RunRetryScenario.healFleet();
        ServerCliIT.Result retried = cli(ServerFiles.CAROL_TOKEN, "retry", failed, "--reason", "CHG-5: share fixed");
        assertThat(retried.exit()).as(retried.out()).isZero();
        assertThat(retried.out()).contains("retrying on the server the failed hosts of run " + failed)
                .contains("sp1-a, sp1-b").containsPattern("sp1-b +REMEDIATED").containsPattern("run run-\\S+ FINISHED");
        ServerCliIT.Result nothingLeft = cli(ServerFiles.CAROL_TOKEN, "retry", failed, "--reason", "again");
        assertThat(nothingLeft.exit()).as(nothingLeft.out()).isEqualTo(5);
        assertThat(nothingLeft.out()).contains("left no failed host").doesNotContain("internal error");

        ServerCliIT.Result paused = cli(ServerFiles.CAROL_TOKEN, "windows", "pause", "weekly", "--reason", "INC-9: restore");
        assertThat(paused.exit()).as(paused.out()).isZero();
        assertThat(paused.out()).contains("window weekly paused by carol: INC-9: restore");
        ServerCliIT.Result twice = cli(ServerFiles.CAROL_TOKEN, "windows", "pause", "weekly", "--reason", "again");
        assertThat(twice.exit()).as(twice.out()).isEqualTo(5);
        assertThat(cli(ServerFiles.CAROL_TOKEN, "windows", "pause", "nowhere", "--reason", "x").exit()).isEqualTo(2);
        ServerCliIT.Result resumed = cli(ServerFiles.CAROL_TOKEN, "windows", "resume", "weekly", "--reason", "done");
        assertThat(resumed.exit()).as(resumed.out()).isZero();
        assertThat(resumed.out()).contains("window weekly resumed; next start ");
    }
}

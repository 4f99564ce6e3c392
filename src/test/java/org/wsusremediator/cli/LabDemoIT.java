package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.store.Store;

/**
 * The README's admin demo with the shipped admin file: alice's approval of her own plan is refused by the
 * two-person rule (not by a missing role), bob's second identical approval is refused and listed once, plan
 * names the scan report it wrote, and the README names every state a run prints.
 */
class LabDemoIT {

    @TempDir
    Path dir;

    private final String osUser = System.getProperty("user.name");

    @AfterEach
    void restore() {
        StoreOptions.environment = System::getenv;
        System.setProperty("user.name", osUser);
    }

    @Test
    void theShippedAdminsShowTheTwoPersonRuleAndADuplicateApprovalIsRefused() throws Exception {
        Path inventory = TestFleets.labCopy(dir, TestFleets.freePort("127.54.0.11"), text -> text);
        String[] store = {"--db", Store.defaultH2Url(dir.resolve("data")), "--admins", "inventory/admins.yaml"};
        System.setProperty("user.name", "root"); // the shipped file maps the OS user root to alice

        CliTest.Run plan = CliTest.run(TestFleets.concat(new String[] {"plan", inventory.toString()}, store));
        Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
        assertThat(id.find()).as(plan.all()).isTrue();
        Matcher report = Pattern.compile("scan report: (\\S+\\.json)").matcher(plan.out());
        assertThat(report.find()).as("plan names the scan report it wrote: " + plan.out()).isTrue();
        assertThat(Path.of(report.group(1))).isRegularFile();

        CliTest.Run self = CliTest.run(TestFleets.concat(new String[] {"approve", id.group(1), "--reason", "mine"}, store));
        assertThat(self.exitCode()).isEqualTo(ExitCodes.REFUSED);
        assertThat(self.err()).contains("two-person rule").doesNotContain("not an approver");

        StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
        String[] approve = TestFleets.concat(new String[] {"approve", id.group(1), "--reason", "CHG-4711"}, store);
        assertThat(CliTest.run(approve).exitCode()).isZero();
        CliTest.Run again = CliTest.run(approve);
        assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.REFUSED);
        assertThat(again.err()).contains("bob", "already approved");

        CliTest.Run status = CliTest.run(TestFleets.concat(new String[] {"status"}, store));
        assertThat(status.out().split("CHG-4711", -1)).as(status.out()).hasSize(2);
    }

    @Test
    void theReadmeNamesEveryStateARunPrintsAndTheDefaultsItUses() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        assertThat(Arrays.stream(HostState.values()).map(s -> "`" + s.name() + "`").toList())
                .allSatisfy(state -> assertThat(readme).contains(state));
        assertThat(readme).contains("relative to the working directory", "`data/`", "`reports/`", "`inventory/admins.yaml`",
                "`inventory/windows.yaml`");
    }
}

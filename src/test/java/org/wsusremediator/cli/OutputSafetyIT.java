package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.simulator.FleetFile;
import org.wsusremediator.simulator.FleetSimulator;
import org.wsusremediator.simulator.RegistryValue;
import org.wsusremediator.simulator.WindowsLayout;
import org.wsusremediator.store.Store;

/**
 * Text from the fleet (a registry value a host reports) and from admins (an approval's reason) reaches the
 * console, {@code status} and the HTML run report without a terminal escape or a direction override in it.
 */
class OutputSafetyIT {

    /** Clears the screen, turns text red, and reverses what follows: on a terminal, or in a browser. */
    static final String HOSTILE = "\u001b[2J\u001b[31m\u202eexe.\u2066\u0007";

    @TempDir
    Path dir;

    @AfterEach
    void restoreEnvironment() {
        StoreOptions.environment = System::getenv;
    }

    @Test
    void fleetAndAdminTextIsPrintedWithoutControlOrBidiCharacters() throws Exception {
        int port = TestFleets.freePort("127.54.0.11");
        // A "real" fleet for the CLI: the simulator below is started by the test, not by the inventory.
        Path inventory = TestFleets.labCopy(dir, port, text -> text.replaceAll("(?m)^simulator:.*$", ""));
        Files.copy(Path.of("inventory/windows.yaml"), dir.resolve("windows.yaml"));
        String reports = dir.resolve("reports").toString();
        String[] store = {"--db", Store.defaultH2Url(dir.resolve("data")), "--admins", TestFleets.admins(dir).toString()};
        try (FleetSimulator fleet = FleetSimulator.start(FleetFile.load(dir.resolve("lab-fleet.yaml")), System.getenv())) {
            fleet.host("sp1-dll-missing").registry().setValue(WindowsLayout.WSUS_SETUP_KEY,
                    RegistryValue.string("TargetDir", "C:\\Evil" + HOSTILE + "\\"));

            CliTest.Run scan = CliTest.run("scan", inventory.toString(), "--report-dir", reports);
            assertThat(scan.out()).as("the host's text is shown, made harmless").contains("C:\\Evil");
            assertPrintable(scan.all());

            CliTest.Run plan = CliTest.run(TestFleets.concat(new String[] {"plan", inventory.toString()}, store));
            Matcher id = Pattern.compile("plan (plan-[0-9a-f]{8}) by alice").matcher(plan.out());
            assertThat(id.find()).as(plan.all()).isTrue();
            assertPrintable(plan.all());

            StoreOptions.environment = Map.of("REMEDIATOR_ADMIN_TOKEN", TestFleets.BOB_TOKEN)::get;
            CliTest.Run approve = CliTest.run(TestFleets.concat(new String[] {"approve", id.group(1),
                    "--reason", "CHG-4711" + HOSTILE}, store));
            assertThat(approve.exitCode()).as(approve.all()).isZero();

            CliTest.Run status = CliTest.run(TestFleets.concat(new String[] {"status", "--windows",
                    dir.resolve("windows.yaml").toString()}, store));
            assertThat(status.out()).contains("CHG-4711");
            assertPrintable(status.all());

            CliTest.Run apply = CliTest.run(TestFleets.concat(new String[] {"apply", id.group(1), "--now",
                    "--windows", dir.resolve("windows.yaml").toString(), "--report-dir", reports}, store));
            assertThat(apply.out()).as(apply.all()).contains("sp1-dll-missing");
            assertPrintable(apply.all());
            String html = html(dir.resolve("reports"));
            assertThat(html).contains("CHG-4711", "C:\\Evil");
            assertPrintable(html);
        }
    }

    @Test
    void anEmptyOrBlankReasonIsRefusedAsBadInput() throws Exception {
        String[] store = {"--db", Store.defaultH2Url(dir.resolve("data")), "--admins", TestFleets.admins(dir).toString()};
        for (String command : new String[] {"approve", "reject"}) {
            for (String reason : new String[] {"", "   ", "\t"}) {
                CliTest.Run run = CliTest.run(TestFleets.concat(new String[] {command, "plan-00000000", "--reason", reason}, store));
                assertThat(run.exitCode()).as(command + " --reason '" + reason + "': " + run.all()).isEqualTo(ExitCodes.BAD_INPUT);
                assertThat(run.err()).contains("--reason");
            }
        }
    }

    static void assertPrintable(String text) {
        assertThat(text.codePoints().filter(OutputSafetyIT::unsafe).mapToObj(Integer::toHexString).toList())
                .as("control or bidi characters in:%n%s", text).isEmpty();
    }

    private static boolean unsafe(int c) {
        boolean control = Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t';
        boolean bidi = c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
        return control || bidi;
    }

    private static String html(Path reports) throws Exception {
        try (Stream<Path> files = Files.list(reports)) {
            Path page = files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
            return Files.readString(page);
        }
    }
}

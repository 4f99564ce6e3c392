package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as an admin or a script uses it: exit codes, clear errors for bad input, and no secret in
 * anything it prints or writes. The scan runs the real lab fleet in-process, like {@code ./remediator scan}.
 */
class CliTest {

    /** Set for the test JVM by the pom (surefire and failsafe environmentVariables), as an admin would export it. */
    static final String LAB_PASSWORD = System.getenv("WSUS_LAB_PASSWORD");

    @TempDir
    Path dir;

    record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    /** The real command line, its output caught through picocli's writers (no command may print to System.out). */
    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = RemediatorCommand.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void theLabScanPrintsTheTableAndReportAndNeverASecret() throws Exception {
        assertThat(LAB_PASSWORD).as("the pom sets WSUS_LAB_PASSWORD for tests").isNotBlank();
        Path reports = dir.resolve("reports");
        Run run = run("scan", "inventory/lab.yaml", "--report-dir", reports.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        assertThat(run.out()).contains("HOST", "ACTION", "sp1-2008-x64", "INSTALL_KB", "33 hosts scanned", "report: ");
        assertThat(run.err()).as("progress on stderr").contains("[33/33]");

        String basic = Base64.getEncoder().encodeToString(("LAB\\wsus-admin:" + LAB_PASSWORD).getBytes(StandardCharsets.UTF_8));
        String everything = run.all() + String.join("", readAll(reports).toList());
        assertThat(everything).doesNotContain(LAB_PASSWORD).doesNotContain(basic);
    }

    @Test
    void remediateWithoutConfirmPrintsThePlanAndChangesNothing() throws Exception {
        Path reports = dir.resolve("reports");
        Run run = run("remediate", "inventory/lab.yaml", "--report-dir", reports.toString());
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.NOT_CONFIRMED);
        assertThat(run.out()).contains("Plan (16 hosts)", "sp1-2008-x64", "IRREVERSIBLE", "Nothing was changed", "--confirm");
        try (Stream<Path> files = Files.list(reports)) {
            assertThat(files.map(p -> p.getFileName().toString()).toList())
                    .as("only the scan's report; no remediation ran").allMatch(name -> name.startsWith("scan-"));
        }
    }

    @Test
    void anInvalidInventoryIsRefusedWithFileLineAndFieldAndNothingIsScanned() throws Exception {
        Path inventory = dir.resolve("bad.yaml");
        Files.writeString(inventory, """
                credentials:
                  c: { username: u, password: env:SOME_VAR }
                defaults: { credential: c }
                hosts:
                  - { name: a, address: 127.0.0.1, port: 70000 }
                  - { name: b, address: 127.0.0.1, transprot: http }
                """);
        Run run = run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("bad.yaml:5:").contains("port").contains("bad.yaml:6:").contains("transprot");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void aMissingCredentialVariableIsNamedAndNothingIsScanned() throws Exception {
        Path inventory = dir.resolve("creds.yaml");
        Files.writeString(inventory, """
                credentials:
                  c: { username: u, password: env:REMEDIATOR_TEST_UNSET_VARIABLE }
                defaults: { credential: c, auth: basic }
                hosts:
                  - { name: a, address: 127.0.0.1, allowUnencrypted: true }
                """);
        Run run = run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());
        assertThat(run.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run.err()).contains("REMEDIATOR_TEST_UNSET_VARIABLE");
        assertThat(dir.resolve("reports")).doesNotExist();
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertThat(run().exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(run("scan").exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        Run unknown = run("scan", "inventory/lab.yaml", "--no-such-option");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(unknown.err()).contains("--no-such-option");
        Run parallelism = run("scan", "inventory/lab.yaml", "--parallelism", "0");
        assertThat(parallelism.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(parallelism.err()).contains("--parallelism");
    }

    @Test
    void helpListsTheCommandsAndExitCodes() {
        Run help = run("--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("scan", "simulate", "benchmark", "Exit codes", "NEEDS_REVIEW");
    }

    private static Stream<String> readAll(Path folder) throws Exception {
        if (!Files.exists(folder)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(CliTest::read).toList().stream();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.store.Store;
import picocli.CommandLine;

/** What a new user sees first: the launcher's build, the help, the first scan's stderr, the audit head. */
class FirstRunIT {

    @TempDir
    Path dir;

    @Test
    void theLauncherBuildsWithoutColourCodes() throws Exception {
        // A copy of the launcher without a built jar, and an mvn on PATH that records how it was called.
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.copy(Path.of("remediator"), home.resolve("remediator"));
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = bin.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\necho \"$MAVEN_OPTS $@\" > \"" + dir.resolve("mvn-args") + "\"\nexit 1\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwx------"));
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("remediator").toString(), "--help")
                .redirectErrorStream(true).redirectOutput(dir.resolve("launcher-output").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process build = builder.start();
        assertThat(build.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String args = Files.readString(dir.resolve("mvn-args"), StandardCharsets.UTF_8);
        assertThat(args).contains("-B", "-q", "-Dstyle.color=never", "-Djansi.noreset=true");
    }

    @Test
    void theCommandListShowsWholeSentences() {
        CommandLine cli = new CommandLine(new RemediatorCommand());
        cli.getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertThat(description).as(name).isNotEmpty();
            // The command list shows a command's first description line only: it must be a whole sentence.
            assertThat(description[0]).as(name).endsWith(".");
        });
    }

    @Test
    void theFirstScanWritesNoLogLine() throws Exception {
        // A JVM of its own, as ./remediator runs it: the logging configuration is the one the jar carries.
        Path inventory = TestFleets.labCopy(dir, TestFleets.freePort("127.54.0.11"), text -> text);
        Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
        // Surefire's class path ends with ':', an empty entry that would put the working directory (this checkout,
        // with its routes/ folder) on the class path a second time: the jar has no such entry.
        String classPath = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(
                System.getProperty("java.class.path").split(java.io.File.pathSeparator)).filter(e -> !e.isEmpty()).toList());
        ProcessBuilder builder = new ProcessBuilder(javaBin.toString(), "-cp", classPath,
                RemediatorCommand.class.getName(), "scan", inventory.toString(), "--quiet",
                "--report-dir", dir.resolve("reports").toString())
                .redirectOutput(dir.resolve("out").toFile()).redirectError(dir.resolve("err").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process scan = builder.start();
        assertThat(scan.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(scan.exitValue()).as(Files.readString(dir.resolve("err"))).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
        assertThat(Files.readString(dir.resolve("out"))).contains("33 hosts scanned");
        assertThat(Files.readString(dir.resolve("err"))).doesNotContain("INFO").doesNotContain("Fleet simulator:")
                .contains("simulated fleet: 33 hosts");
    }

    @Test
    void theAuditHeadIsPrintedAsText() {
        CliTest.Run audit = CliTest.run("audit", "verify", "--db", Store.defaultH2Url(dir.resolve("data")));
        assertThat(audit.exitCode()).as(audit.all()).isZero();
        assertThat(audit.out()).doesNotContain("AuditHead[").contains("audit trail intact: 0 records");
    }
}

package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's class data sharing (README "Start-up"), with the jar `mvn package` built: a copy of the launcher
 * in a home of its own (the jar, its lib/, and an inventory/lab.yaml of one simulated host on 127.88.0.22 for the
 * training run, so that the real lab's addresses are never used) makes its archive once, uses it, makes it again
 * for a newer jar, and runs without one when training fails or REMEDIATOR_CDS=off; the command's output is the
 * same in every case.
 */
class LauncherCdsIT {

    static final String VERSION = "remediator 0.1.0 (WSUS KB954960, Microsoft advisory 954960)\n";
    static final String ADDRESS = "127.88.0.22";
    static final String PREPARING = "remediator: preparing the start-up archive";

    @TempDir
    Path dir;

    Path home;
    Path jar;
    Path archive;

    @BeforeEach
    void home() throws IOException {
        home = Files.createDirectories(dir.resolve("home"));
        Files.copy(Path.of("remediator"), home.resolve("remediator"));
        Path target = Files.createDirectories(home.resolve("target"));
        jar = target.resolve("remediator.jar");
        Files.copy(Path.of("target/remediator.jar"), jar);
        Files.createSymbolicLink(target.resolve("lib"), Path.of("target/lib").toAbsolutePath());
        archive = target.resolve("remediator.jsa");
        Path inventory = Files.createDirectories(home.resolve("inventory"));
        int port = freePort();
        Files.writeString(inventory.resolve("lab-fleet.yaml"), """
                defaults:
                  port: %d
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                hosts:
                  - name: sp1-2008-x64
                    address: %s
                    os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                    architecture: x64
                    powershell: "2.0"
                    wsus: { versionString: 3.1.6001.65, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                    dllVersion: 3.1.6001.65
                    log: { folder: LogFiles, signatures: 0 }
                """.formatted(port, ADDRESS));
        Files.writeString(inventory.resolve("lab.yaml"), """
                simulator: lab-fleet.yaml
                credentials:
                  lab-admin:
                    username: LAB\\wsus-admin
                    password: env:WSUS_LAB_PASSWORD
                defaults:
                  credential: lab-admin
                groups:
                  lab:
                    port: %d
                    auth: ntlm
                    hosts:
                      - { name: sp1-2008-x64, address: %s }
                """.formatted(port, ADDRESS));
    }

    /** The link to the build's lib/ goes first, so that the temporary folder's clean-up never follows it. */
    @AfterEach
    void unlinkLib() throws IOException {
        Files.deleteIfExists(home.resolve("target/lib"));
    }

    @Test
    void theArchiveIsMadeOnceUsedAndMadeAgainForANewerJar() throws Exception {
        Run first = run(Map.of(), "--version");
        assertThat(first.exit).as(first.err).isZero();
        assertThat(first.out).isEqualTo(VERSION);
        assertThat(first.err).startsWith(PREPARING).doesNotContain("no start-up archive");
        assertThat(archive).exists();
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThanOrEqualTo(Files.getLastModifiedTime(jar));
        // The training's temporary archive and report folder are gone, and nothing was written outside target/.
        try (Stream<Path> left = Files.list(home.resolve("target"))) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("remediator.jar", "lib",
                    "remediator.jsa");
        }
        assertThat(home.resolve("reports")).doesNotExist();

        Path classes = dir.resolve("classes.log");
        Run second = run(Map.of("REMEDIATOR_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), "--version");
        assertThat(second.exit).isZero();
        assertThat(second.out).isEqualTo(VERSION);
        assertThat(second.err).isEmpty();
        assertThat(Files.readString(classes)).as("the remediator's classes come from the archive")
                .contains("org.wsusremediator.cli.RemediatorCommand source: shared objects file (top)");

        FileTime made = Files.getLastModifiedTime(archive);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(made.toMillis() + 2_000));
        Run newerJar = run(Map.of("REMEDIATOR_JAVA_OPTS", "-Xlog:class+load=info:file=" + classes), "--version");
        assertThat(newerJar.out).isEqualTo(VERSION);
        assertThat(newerJar.err).startsWith(PREPARING);
        assertThat(Files.getLastModifiedTime(archive)).isGreaterThan(Files.getLastModifiedTime(jar));
        assertThat(Files.readString(classes)).contains("org.wsusremediator.cli.RemediatorCommand source: shared objects file (top)");
    }

    @Test
    void aScanPrintsTheSameWithAndWithoutTheArchive() throws Exception {
        List<String> scan = List.of("scan", "inventory/lab.yaml", "--quiet", "--report-dir", dir.resolve("reports").toString());
        Run without = run(Map.of("REMEDIATOR_CDS", "off"), scan.toArray(String[]::new));
        assertThat(archive).doesNotExist();
        Run with = run(Map.of(), scan.toArray(String[]::new));
        assertThat(archive).exists();
        assertThat(with.exit).as(with.err).isEqualTo(without.exit).isEqualTo(ExitCodes.OK);
        assertThat(timeless(with.out)).isEqualTo(timeless(without.out)).contains("scanned in T");
        assertThat(with.err).isEqualTo(PREPARING + " (class data sharing, once per build)...\n" + without.err);
    }

    @Test
    void aFailedTrainingLeavesTheCommandAloneAndIsNotRetriedForTheSameJar() throws Exception {
        Files.delete(home.resolve("inventory/lab.yaml"));
        Run first = run(Map.of(), "--version");
        assertThat(first.exit).isZero();
        assertThat(first.out).isEqualTo(VERSION);
        assertThat(first.err).startsWith(PREPARING).contains("no start-up archive");
        assertThat(archive).doesNotExist();
        assertThat(home.resolve("target/remediator.jsa.failed")).exists();

        Run again = run(Map.of(), "--version");
        assertThat(again.out).isEqualTo(VERSION);
        assertThat(again.err).isEmpty();
    }

    @Test
    void anArchiveTheJvmCannotUseOnlyCostsSpeed() throws Exception {
        // Made for other JVM options (no compressed class pointers): the JVM refuses it, silently.
        assertThat(run(Map.of(), "--version").exit).isZero();
        Path classes = dir.resolve("classes.log");
        Run refused = run(Map.of("REMEDIATOR_JAVA_OPTS", "-XX:-UseCompressedClassPointers -Xlog:class+load=info:file=" + classes),
                "--version");
        assertThat(refused.exit).isZero();
        assertThat(refused.out).isEqualTo(VERSION);
        assertThat(refused.err).isEmpty();
        assertThat(Files.readString(classes)).doesNotContain("shared objects file (top)");
    }

    /** Commands that end run with the client compiler alone; serve and simulate keep the tiered JIT. */
    @Test
    void commandsThatEndRunWithTheClientCompilerAloneAndTheServerWithTheTieredJit() throws Exception {
        Map<String, String> flags = Map.of("REMEDIATOR_CDS", "off", "REMEDIATOR_JAVA_OPTS", "-XX:+PrintFlagsFinal");
        assertThat(tieredStopAtLevel(run(flags, "--version"))).isEqualTo("1");
        assertThat(tieredStopAtLevel(run(flags, "scan", "--help"))).isEqualTo("1");
        assertThat(tieredStopAtLevel(run(flags, "serve", "--help"))).isEqualTo("4");
        assertThat(tieredStopAtLevel(run(flags, "simulate", "--help"))).isEqualTo("4");
        // REMEDIATOR_JAVA_OPTS comes after the launcher's choice: the admin's own setting wins.
        assertThat(tieredStopAtLevel(run(Map.of("REMEDIATOR_CDS", "off", "REMEDIATOR_JAVA_OPTS",
                "-XX:+PrintFlagsFinal -XX:TieredStopAtLevel=4"), "scan", "--help"))).isEqualTo("4");
    }

    private static String tieredStopAtLevel(Run run) {
        java.util.regex.Matcher flag = java.util.regex.Pattern.compile("intx TieredStopAtLevel\\s+=\\s+(\\d+)")
                .matcher(run.out);
        assertThat(flag.find()).as(run.out + run.err).isTrue();
        return flag.group(1);
    }

    record Run(int exit, String out, String err) {
    }

    Run run(Map<String, String> env, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("remediator").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Map<String, String> environment = builder.environment();
        environment.remove("REMEDIATOR_JAVA_OPTS");
        environment.remove("REMEDIATOR_CDS");
        environment.put("WSUS_LAB_PASSWORD", "launcher-cds-test-secret");
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":/usr/bin:/bin");
        environment.putAll(new HashMap<>(env));
        Process process = builder.start();
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as("the launcher ends").isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A scan's output without its durations and report file name (a timestamp). */
    static String timeless(String out) {
        return out.replaceAll("\\d+(\\.\\d+)? ?m?s\\b", "T").replaceAll("scan-[0-9-]+\\.json", "scan.json");
    }

    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(ADDRESS))) {
            return probe.getLocalPort();
        }
    }
}

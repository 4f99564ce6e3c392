package org.wsusremediator.simulator;

import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import org.apache.cxf.Bus;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** docs/remediation-protocol.md sections 1 and 2 through the real WinRM4J client against the lab fleet. */
class RemediationWinRm4jIT {

    static final String PASSWORD = "lab-secret-not-real";
    static final String X64_SHARE = "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x64.exe";
    static final String X86_SHARE = "\\\\labfs\\wsus\\WSUS3.0SP1-KB954960-x86.exe";
    static final String X64_MIRROR = "http://labfs.lab.example/wsus/WSUS3.0SP1-KB954960-x64.exe";
    static final String STAGED_X64 = "C:\\Windows\\Temp\\wsus-remediator\\WSUS3.0SP1-KB954960-x64.exe";
    static final String STAGED_X86 = "C:\\Windows\\Temp\\wsus-remediator\\WSUS3.0SP1-KB954960-x86.exe";
    static final String TASK = "WsusRemediator-KB954960-run42";
    static final WindowsVersion FIXED = WindowsVersion.parse("3.1.6001.66");
    static final WindowsVersion VULNERABLE = WindowsVersion.parse("3.1.6001.65");

    private static FleetSimulator simulator;
    private static WinRmClientContext context;
    private static Bus bus;

    @BeforeAll
    static void start() {
        simulator = FleetSimulator.builder(LabHosts.fleetOnFreePort())
                .environment(Map.of("WSUS_LAB_PASSWORD", PASSWORD))
                .start();
        bus = WinRm4jClientTest.timeoutBus();
        context = WinRmClientContext.newInstance(bus);
    }

    @AfterAll
    static void stop() {
        context.shutdown();
        bus.shutdown(true);
        simulator.close();
    }

    /** As the product reaches the lab: NTLM with message encryption, Basic for the one legacy host. */
    static WinRmClient client(String host) {
        WinRmClientBuilder builder = WinRmClient.builder(simulator.endpoint(host));
        if ("sp1-nops-2003".equals(host)) {
            builder.authenticationScheme("Basic").credentials(WinRm4jClientTest.USER, PASSWORD);
        } else {
            builder.authenticationScheme("NTLM").payloadEncryptionMode(PayloadEncryptionMode.REQUIRED)
                    .credentials("LAB", "wsus-admin", PASSWORD);
        }
        return builder
                .context(context)
                .connectionTimeout(2_000)
                .operationTimeout(3_000)
                .receiveTimeout(4_000L)
                .retriesForConnectionFailures(0)
                .build();
    }

    static WinRm4jClientTest.Output run(ShellCommand shell, String commandLine) {
        return WinRm4jClientTest.run(shell, commandLine);
    }

    static String stageLine(String source, String staged) {
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + PowerShellTest.encoded(
                "# wsus-remediator stage v1\n$src = '" + source + "'\n$dst = '" + staged + "'\n$x = 1\n") + " <NUL";
    }

    static String cmdStageLine(String source, String staged) {
        return "mkdir \"C:\\Windows\\Temp\\wsus-remediator\" 2>nul & copy /y \"" + source + "\" \"" + staged
                + "\" >nul & certutil -hashfile \"" + staged + "\" SHA256";
    }

    static final String COPY_TASK = "WsusRemediator-Stage-it";
    static final String COPY_LOG = "C:\\Windows\\Temp\\wsus-remediator\\stage.log";

    /** The copy by a SYSTEM task, as docs/remediation-protocol.md section 1 gives it; returns the task's log. */
    static String stageAsSystem(ShellCommand shell, String source, String staged) {
        run(shell, "mkdir \"C:\\Windows\\Temp\\wsus-remediator\" 2>nul & del /f /q \"" + staged + "\" \"" + COPY_LOG + "\" 2>nul");
        WinRm4jClientTest.Output created = run(shell, "schtasks /create /tn \"" + COPY_TASK + "\" /tr \"cmd /c copy /y \\\"" + source
                + "\\\" \\\"" + staged + "\\\" >\\\"" + COPY_LOG + "\\\" 2>&1 & echo ##end>>\\\"" + COPY_LOG + "\\\"\" /sc once /st 00:00 /ru SYSTEM /f");
        assertThat(created.exitCode()).as(created.stderr()).isZero();
        assertThat(run(shell, "schtasks /run /tn \"" + COPY_TASK + "\"").exitCode()).isZero();
        String log = run(shell, "type \"" + COPY_LOG + "\"").stdout();
        assertThat(run(shell, "schtasks /delete /tn \"" + COPY_TASK + "\" /f").exitCode()).isZero();
        return log;
    }

    /** The staging script in its hash-only form (the package was copied by the SYSTEM task). */
    static String hashLine(String staged) {
        return stageLine("", staged);
    }

    static String create(String staged) {
        return "schtasks /create /tn \"" + TASK + "\" /tr \"\\\"" + staged + "\\\" /quiet /norestart\" /sc once /st 00:00 /ru SYSTEM /rl HIGHEST /f";
    }

    static final String RUN = "schtasks /run /tn \"" + TASK + "\"";
    static final String QUERY = "schtasks /query /tn \"" + TASK + "\" /fo csv /v";
    static final String DELETE = "schtasks /delete /tn \"" + TASK + "\" /f";

    static String column(String csv, String name) {
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.get(0).substring(1, lines.get(0).length() - 1).split("\",\""));
        List<String> row = List.of(lines.get(1).substring(1, lines.get(1).length() - 1).split("\",\""));
        return row.get(header.indexOf(name));
    }

    @Test
    void stagesFromTheShareAndTheMirrorAndHashesWhatWasStaged() {
        SimulatedHost host = simulator.host("sp1-2008-x64");
        try (WinRmClient client = client("sp1-2008-x64"); ShellCommand shell = client.createShell()) {
            // the double hop: the shell reaches the share as ANONYMOUS LOGON
            WinRm4jClientTest.Output denied = run(shell, stageLine(X64_SHARE, STAGED_X64));
            assertThat(denied.exitCode()).isZero();
            assertThat(denied.stdout()).isEqualTo("WSUSSTAGE 1\r\nstage.path=" + STAGED_X64 + "\r\nstage.sha256=\r\n"
                    + "stage.error=Access to the path '" + X64_SHARE + "' is denied.\r\nEND\r\n");
            assertThat(host.files().exists(STAGED_X64)).isFalse();
            // the SYSTEM task reaches it as the computer account, which the share (Domain Computers) lets read
            assertThat(stageAsSystem(shell, X64_SHARE, STAGED_X64)).isEqualTo("        1 file(s) copied.\r\n##end\r\n");
            assertThat(host.isStagedInstaller(STAGED_X64)).isTrue();
            WinRm4jClientTest.Output share = run(shell, hashLine(STAGED_X64));
            assertThat(share.stdout()).isEqualTo("WSUSSTAGE 1\r\nstage.path=" + STAGED_X64 + "\r\nstage.sha256="
                    + FleetPackagesTest.X64_SHA256 + "\r\nEND\r\n");

            String fromMirror = "C:\\Windows\\Temp\\wsus-remediator\\mirror\\WSUS3.0SP1-KB954960-x64.exe";
            assertThat(run(shell, stageLine(X64_MIRROR, fromMirror)).stdout())
                    .contains("stage.sha256=" + FleetPackagesTest.X64_SHA256 + "\r\n");

            assertThat(stageAsSystem(shell, "\\\\labfs\\wsus\\nope.exe", "C:\\Windows\\Temp\\wsus-remediator\\nope.exe"))
                    // merged by 2>&1: the simulator writes stdout before stderr (real cmd interleaves as written)
                    .isEqualTo("        0 file(s) copied.\r\nThe system cannot find the file specified.\r\n##end\r\n");
            assertThat(run(shell, hashLine("C:\\Windows\\Temp\\wsus-remediator\\nope.exe")).stdout())
                    .contains("stage.sha256=\r\nstage.error=Cannot find path 'C:\\Windows\\Temp\\wsus-remediator\\nope.exe' because it does not exist.\r\nEND\r\n");
            assertThat(run(shell, stageLine("http://labfs.lab.example/nope.exe", "C:\\Windows\\Temp\\wsus-remediator\\nope.exe")).stdout())
                    .contains("stage.sha256=\r\nstage.error=Exception calling \"DownloadFile\" with \"2\" argument(s): \"The remote server returned an error: (404) Not Found.\"\r\n");
        }
    }

    @Test
    void aTamperedPackageHashesDifferently() {
        try (WinRmClient client = client("sp1-2008-tampered"); ShellCommand shell = client.createShell()) {
            stageAsSystem(shell, X64_SHARE, STAGED_X64);
            WinRm4jClientTest.Output staged = run(shell, hashLine(STAGED_X64));
            assertThat(staged.stdout()).containsPattern("stage\\.sha256=[0-9a-f]{64}\r\n")
                    .doesNotContain(FleetPackagesTest.X64_SHA256);
            WinRm4jClientTest.Output cmd = run(shell, "certutil -hashfile \"" + STAGED_X64 + "\" SHA256");
            assertThat(cmd.stdout()).doesNotContain(FleetPackagesTest.X64_SHA256).contains(CertutilCommand.DONE);
        }
    }

    @Test
    void cmdFallbackStagesWithCopyAndCertutilInEachWindowsFormat() {
        try (WinRmClient client = client("sp1-nops-2003"); ShellCommand shell = client.createShell()) {
            WinRm4jClientTest.Output fromShell = run(shell, cmdStageLine(X64_SHARE, STAGED_X64));
            assertThat(fromShell.stderr()).isEqualTo("Access is denied.\r\n");
            assertThat(fromShell.stdout()).contains(CertutilCommand.NOT_FOUND);
            stageAsSystem(shell, X64_SHARE, STAGED_X64);
            WinRm4jClientTest.Output staged = run(shell, "certutil -hashfile \"" + STAGED_X64 + "\" SHA256");
            assertThat(staged.exitCode()).isZero();
            String spaced = FleetPackagesTest.X64_SHA256.replaceAll("(..)(?!$)", "$1 ");
            assertThat(staged.stdout()).isEqualTo("SHA256 hash of file " + STAGED_X64 + ":\r\n" + spaced + "\r\n"
                    + CertutilCommand.DONE + "\r\n");
            WinRm4jClientTest.Output copy = run(shell, "copy /y \"" + X64_SHARE + "\" \"C:\\WINDOWS\\Temp\\again.exe\"");
            assertThat(copy.exitCode()).isEqualTo(1);
            assertThat(copy.stderr()).isEqualTo("Access is denied.\r\n");
            assertThat(copy.stdout()).isEqualTo("        0 file(s) copied.\r\n");
            WinRm4jClientTest.Output local = run(shell, "copy /y \"" + STAGED_X64 + "\" \"C:\\WINDOWS\\Temp\\again.exe\"");
            assertThat(local.stdout()).isEqualTo("        1 file(s) copied.\r\n");
            WinRm4jClientTest.Output noFile = run(shell, "certutil -hashfile \"C:\\WINDOWS\\Temp\\nope.exe\" SHA256");
            assertThat(noFile.exitCode()).isEqualTo(2);
            assertThat(noFile.stdout()).isEqualTo(CertutilCommand.NOT_FOUND + "\r\n");
        }
        try (WinRmClient client = client("sp2-2008r2"); ShellCommand shell = client.createShell()) {
            stageAsSystem(shell, X86_SHARE, STAGED_X86);
            WinRm4jClientTest.Output staged = run(shell, "certutil -hashfile \"" + STAGED_X86 + "\" SHA256");
            assertThat(staged.stdout()).isEqualTo("SHA256 hash of " + STAGED_X86 + ":\r\n" + FleetPackagesTest.X86_SHA256 + "\r\n"
                    + CertutilCommand.DONE + "\r\n");
            WinRm4jClientTest.Output again = run(shell, "mkdir \"C:\\Windows\\Temp\\wsus-remediator\"");
            assertThat(again.exitCode()).isEqualTo(1);
            assertThat(again.stderr()).isEqualTo("A subdirectory or file C:\\Windows\\Temp\\wsus-remediator already exists.\r\n");
        }
    }

    @Test
    void on2008TheInstallerIsRefusedDirectlyAndRunsElevatedAsASystemTask() {
        SimulatedHost host = simulator.host("sp1-2008-x64");
        try (WinRmClient client = client("sp1-2008-x64"); ShellCommand shell = client.createShell()) {
            stageAsSystem(shell, X64_SHARE, STAGED_X64);
            WinRm4jClientTest.Output direct = run(shell, "\"" + STAGED_X64 + "\" /quiet /norestart");
            assertThat(direct.exitCode()).isEqualTo(5);
            assertThat(direct.stderr()).isEqualTo("Access is denied.\r\n");
            assertThat(host.clientWebServiceDllVersion()).contains(VULNERABLE);

            WinRm4jClientTest.Output created = run(shell, create(STAGED_X64));
            assertThat(created.exitCode()).isZero();
            assertThat(created.stdout()).isEqualTo("SUCCESS: The scheduled task \"" + TASK + "\" has successfully been created.\r\n");
            ScheduledTask task = host.scheduledTasks().get(TASK);
            assertThat(task.taskToRun()).isEqualTo("\"" + STAGED_X64 + "\" /quiet /norestart");
            assertThat(task.runAs()).isEqualTo("SYSTEM");
            assertThat(task.highestRunLevel()).isTrue();
            String neverRun = run(shell, QUERY).stdout();
            assertThat(column(neverRun, "Last Result")).isEqualTo("267011");

            assertThat(run(shell, RUN).stdout()).isEqualTo("SUCCESS: Attempted to run the scheduled task \"" + TASK + "\".\r\n");
            WinRm4jClientTest.Output first = run(shell, QUERY);
            assertThat(first.exitCode()).isZero();
            assertThat(first.stdout().lines().toList()).hasSize(2);
            assertThat(column(first.stdout(), "TaskName")).isEqualTo("\\" + TASK);
            assertThat(column(first.stdout(), "Status")).isEqualTo("Running");
            assertThat(column(first.stdout(), "Last Result")).isEqualTo("267009");
            await("the installer's task is Ready again").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .pollInSameThread().until(() -> column(run(shell, QUERY).stdout(), "Status"), "Ready"::equals);
            assertThat(column(run(shell, QUERY).stdout(), "Last Result")).isEqualTo("0");
            assertThat(host.clientWebServiceDllVersion()).contains(FIXED);

            assertThat(run(shell, DELETE).stdout()).isEqualTo("SUCCESS: The scheduled task \"" + TASK + "\" was successfully deleted.\r\n");
            assertThat(host.scheduledTasks()).isEmpty();
            WinRm4jClientTest.Output gone = run(shell, QUERY);
            assertThat(gone.exitCode()).isEqualTo(1);
            assertThat(gone.stderr()).isEqualTo(SchtasksCommand.NOT_FOUND + "\r\n");
            assertThat(run(shell, DELETE).exitCode()).isEqualTo(1);
        } finally {
            assertThat(host.installerRuns()).extracting(InstallerRun::elevated, InstallerRun::exitCode, InstallerRun::user)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(false, 5, WinRm4jClientTest.USER),
                            org.assertj.core.groups.Tuple.tuple(true, 0, SchtasksCommand.SYSTEM_ACCOUNT));
            host.setClientWebServiceDllVersion(VULNERABLE);
        }
    }

    @Test
    void on2003TheInstallerRunsDirectlyAndSchtasksDoesNotKnowRunLevels() {
        SimulatedHost host = simulator.host("sp1-2003-x86");
        String staged = "C:\\WINDOWS\\Temp\\wsus-remediator\\WSUS3.0SP1-KB954960-x86.exe";
        try (WinRmClient client = client("sp1-2003-x86"); ShellCommand shell = client.createShell()) {
            // the copy task without /rl works on 2003
            assertThat(stageAsSystem(shell, X86_SHARE, staged)).contains("1 file(s) copied.");
            assertThat(run(shell, hashLine(staged)).stdout()).contains(FleetPackagesTest.X86_SHA256);
            WinRm4jClientTest.Output rl = run(shell, create(staged));
            assertThat(rl.exitCode()).isEqualTo(1);
            assertThat(rl.stderr()).startsWith("ERROR: Invalid argument/option - '/rl'.\r\n");
            WinRm4jClientTest.Output direct = run(shell, "\"" + staged + "\" /quiet /norestart");
            assertThat(direct.exitCode()).isZero();
            assertThat(host.clientWebServiceDllVersion()).contains(FIXED);
            assertThat(host.installerRuns()).extracting(InstallerRun::elevated).containsExactly(false);
        }
    }

    /** Stages, creates and runs the installer's task, then returns the task's query once it is no longer Running. */
    private static String installElevated(ShellCommand shell) {
        startElevated(shell);
        return taskQueries().alias("the installer's task ends").atMost(Duration.ofSeconds(4))
                .until(() -> run(shell, QUERY).stdout(), query -> !column(query, "Status").equals("Running"));
    }

    private static void startElevated(ShellCommand shell) {
        stageAsSystem(shell, X64_SHARE, STAGED_X64);
        run(shell, create(STAGED_X64));
        run(shell, RUN);
    }

    /** The task's query asked every 200 ms, in the test's thread (one shell, one command at a time). */
    private static ConditionFactory taskQueries() {
        return await().pollInterval(Duration.ofMillis(200)).pollInSameThread();
    }

    @Test
    void installerFaults() {
        try (WinRmClient client = client("sp1-2008-1603"); ShellCommand shell = client.createShell()) {
            String last = installElevated(shell);
            assertThat(column(last, "Status")).isEqualTo("Ready");
            assertThat(column(last, "Last Result")).isEqualTo("1603");
            assertThat(simulator.host("sp1-2008-1603").clientWebServiceDllVersion()).contains(VULNERABLE);
        }
        try (WinRmClient client = client("sp1-2008-3010"); ShellCommand shell = client.createShell()) {
            assertThat(column(installElevated(shell), "Last Result")).isEqualTo("3010");
            assertThat(simulator.host("sp1-2008-3010").clientWebServiceDllVersion()).contains(FIXED);
        }
        SimulatedHost hangs = simulator.host("sp1-2008-task-hangs");
        try (WinRmClient client = client("sp1-2008-task-hangs"); ShellCommand shell = client.createShell()) {
            startElevated(shell);
            String last = taskQueries().alias("the hanging task stays Running for 4 s").during(Duration.ofSeconds(4))
                    .atMost(Duration.ofSeconds(6))
                    .until(() -> run(shell, QUERY).stdout(), query -> column(query, "Status").equals("Running"));
            assertThat(column(last, "Status")).isEqualTo("Running");
            assertThat(column(last, "Last Result")).isEqualTo("267009");
            assertThat(hangs.installerRuns()).extracting(InstallerRun::elevated, InstallerRun::exitCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(true, null));
            assertThat(run(shell, DELETE).exitCode()).isZero();
        }
    }

    @Test
    void theConnectionDropsWhenTheTaskStartsButTheInstallTookEffect() {
        SimulatedHost host = simulator.host("sp1-2008-drop-install");
        try (WinRmClient client = client("sp1-2008-drop-install"); ShellCommand shell = client.createShell()) {
            stageAsSystem(shell, X64_SHARE, STAGED_X64);
            assertThat(run(shell, create(STAGED_X64)).exitCode()).isZero();
            assertThatThrownBy(() -> run(shell, RUN)).isInstanceOf(RuntimeException.class);
        }
        assertThat(host.clientWebServiceDllVersion()).contains(FIXED);
        assertThat(host.installerRuns()).extracting(InstallerRun::exitCode).containsExactly(0);
        // a re-probe over a new connection tells
        try (WinRmClient client = client("sp1-2008-drop-install"); ShellCommand shell = client.createShell()) {
            assertThat(run(shell, PowerShellTest.probeLine()).stdout()).contains("dll.version=3.1.6001.66\r\n");
            assertThat(run(shell, DELETE).exitCode()).isZero();
        }
    }

    static String ps(String script) {
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + PowerShellTest.encoded(script) + " <NUL";
    }

    static final String KEY = "HKLM:\\SOFTWARE\\WsusRemediatorLab\\Workaround";
    static final String VERIFY = "if ((Get-ItemProperty -Path '" + KEY + "' -Name Applied).Applied -eq '1') { exit 0 } else { exit 1 }";

    @Test
    void recipeSubsetRunsAgainstTheRegistry() {
        SimulatedHost host = simulator.host("rtm-2003-workaround");
        try (WinRmClient client = client("rtm-2003-workaround"); ShellCommand shell = client.createShell()) {
            WinRm4jClientTest.Output before = run(shell, ps(VERIFY));
            assertThat(before.exitCode()).isEqualTo(1);
            assertThat(before.stderr()).startsWith("#< CLIXML").contains("Cannot find path");
            WinRm4jClientTest.Output step = run(shell, ps("New-Item -Path '" + KEY + "' -Force\nSet-ItemProperty -Path '" + KEY + "' -Name Applied -Value '1'; exit 0"));
            assertThat(step.exitCode()).isZero();
            assertThat(host.registry().key(KEY).orElseThrow().value("Applied").orElseThrow().text()).isEqualTo("1");
            assertThat(run(shell, ps(VERIFY)).exitCode()).isZero();
            assertThat(run(shell, ps("Set-ItemProperty -Path '" + KEY + "' -Name Count -Value 3")).exitCode()).isZero();
            assertThat(host.registry().key(KEY).orElseThrow().value("Count").orElseThrow().isNumber()).isTrue();
            assertThat(run(shell, ps("exit 7")).exitCode()).isEqualTo(7);
            WinRm4jClientTest.Output unknown = run(shell, ps("Remove-ItemProperty -Path '" + KEY + "' -Name Applied"));
            assertThat(unknown.exitCode()).isEqualTo(1);
            assertThat(unknown.stderr()).contains("The term 'Remove-ItemProperty' is not recognized");
        }
        try (WinRmClient client = client("rtm-2008-recipe-fails"); ShellCommand shell = client.createShell()) {
            WinRm4jClientTest.Output step = run(shell, ps("New-Item -Path '" + KEY + "' -Force; Set-ItemProperty -Path '" + KEY + "' -Name Applied -Value '1'"));
            assertThat(step.exitCode()).isEqualTo(1);
            assertThat(step.stderr()).contains("Set-ItemProperty : Requested registry access is not allowed.");
            assertThat(run(shell, ps(VERIFY)).exitCode()).isEqualTo(1);
        }
    }
}

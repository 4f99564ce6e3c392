package org.wsusremediator.simulator;

import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import org.apache.cxf.Bus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Simulated restarts over real HTTP with WinRM4J, NTLM and message encryption as the lab's stock hosts want it
 * (docs/simulator-restarts.md): {@code shutdown /r /t N /c "..."} returns at once; after the delay the host drops its
 * connections and refuses new ones; after {@code restart.downSeconds} it answers again with a new boot time and the
 * restart-pending flags cleared. Each fault changes the second half: never back, WinRM late, WSUS stopped. Times are
 * seconds; every wait is bounded (Awaitility).
 */
class RestartRoundTripTest {

    private static final String PASSWORD = "restart-secret-not-real";
    private static final String BODY = """
                os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                architecture: x64
                powershell: "2.0"
                wsus: { versionString: 3.1.6001.66, installType: 1, targetDir: 'C:\\Program Files\\Update Services\\' }
                dllVersion: 3.1.6001.66
                lastBoot: 2008-06-14T02:00:00Z
                rebootPending: { rebootRequired: true, pendingFileRename: true, cbsRebootPending: true }
            """;
    private static final String COMMENT = "\"wsus-remediator: restart after KB954960 (plan p1)\"";

    private static FleetSimulator simulator;
    private static WinRmClientContext context;
    private static Bus bus;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.78.0.10"))) {
            port = free.getLocalPort();
        }
        String fleet = """
                defaults:
                  port: %d
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                hosts:
                  - name: rb-healthy
                    address: 127.78.0.10
                    restart: { downSeconds: 2 }
                %s
                  - name: rb-never
                    address: 127.78.0.11
                    faults: [ restartNeverComesBack ]
                    restart: { downSeconds: 1 }
                %s
                  - name: rb-late
                    address: 127.78.0.12
                    faults: [ restartWinRmLate ]
                    restart: { downSeconds: 1, winrmLateSeconds: 3 }
                %s
                  - name: rb-wsus-stopped
                    address: 127.78.0.13
                    faults: [ restartWsusStopped ]
                    restart: { downSeconds: 1 }
                %s
                  - name: rb-abort
                    address: 127.78.0.14
                    restart: { downSeconds: 1 }
                %s
                """.formatted(port, BODY, BODY, BODY, BODY, BODY);
        simulator = FleetSimulator.start(FleetFile.parse(fleet, "restart-fleet.yaml"), Map.of("WSUS_LAB_PASSWORD", PASSWORD));
        bus = WinRm4jClientTest.timeoutBus();
        context = WinRmClientContext.newInstance(bus);
    }

    @AfterAll
    static void stop() {
        context.shutdown();
        bus.shutdown(true);
        simulator.close();
    }

    private static WinRmClient client(String host) {
        return WinRmClient.builder(simulator.endpoint(host))
                .authenticationScheme("NTLM")
                .payloadEncryptionMode(PayloadEncryptionMode.REQUIRED)
                .credentials("LAB", "wsus-admin", PASSWORD)
                .context(context)
                .connectionTimeout(1_000)
                .operationTimeout(3_000)
                .receiveTimeout(4_000L)
                .retriesForConnectionFailures(0)
                .build();
    }

    /** One command in a shell of its own, as a visit would run it. */
    private static WinRm4jClientTest.Output run(String host, String commandLine) {
        try (WinRmClient client = client(host); ShellCommand shell = client.createShell()) {
            return WinRm4jClientTest.run(shell, commandLine);
        }
    }

    /** Whether a WinRM shell can be opened on the host now (the host answers WinRM). */
    private static boolean answers(String host) {
        try {
            run(host, "hostname");
            return true;
        } catch (RuntimeException refusedOrDropped) {
            return false;
        }
    }

    private static String probe(String host) {
        return run(host, PowerShellTest.probeLine()).stdout();
    }

    private static void restart(String host, int delaySeconds) {
        WinRm4jClientTest.Output r = run(host, "shutdown.exe /r /t " + delaySeconds + " /c " + COMMENT);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).isEmpty();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void aRestartGoesDownAndComesBackWithANewBootTimeAndTheFlagsCleared() {
        SimulatedHost host = simulator.host("rb-healthy");
        assertThat(probe("rb-healthy")).contains("reboot.rebootRequired=True\r\nreboot.cbsRebootPending=True\r\n"
                + "reboot.pendingFileRename=True\r\nboot.last=20080614020000.000000+000\r\n");
        assertThat(run("rb-healthy", "wmic os get LastBootUpTime /value <nul").stdout())
                .contains("LastBootUpTime=20080614020000.000000+000\r\r\n");
        Instant before = Instant.now();

        restart("rb-healthy", 2);
        assertThat(host.shutdownRequests()).singleElement().satisfies(s -> {
            assertThat(s.restart()).isTrue();
            assertThat(s.delaySeconds()).isEqualTo(2);
            assertThat(s.comment()).isEqualTo("wsus-remediator: restart after KB954960 (plan p1)");
        });
        // a second restart while one is scheduled: Windows' error 1190 (ansible.windows handles exactly this)
        WinRm4jClientTest.Output again = run("rb-healthy", "shutdown /r /t 1 /c " + COMMENT);
        assertThat(again.exitCode()).isEqualTo(1190);
        assertThat(again.stderr()).isEqualTo("A system shutdown has already been scheduled.(1190)\r\n");

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> !answers("rb-healthy"));
        assertThat(host.answersWinRm()).isFalse();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> answers("rb-healthy"));

        assertThat(host.bootCount()).isEqualTo(1);
        assertThat(host.lastBoot()).isAfter(before);
        String after = probe("rb-healthy");
        assertThat(after).contains("reboot.rebootRequired=False\r\nreboot.cbsRebootPending=False\r\nreboot.pendingFileRename=False\r\n")
                .doesNotContain("boot.last=20080614020000.000000+000");
        assertThat(run("rb-healthy", "sc query WsusService").stdout()).contains("        STATE              : 4  RUNNING \r\n");
        assertThat(run("rb-healthy", "reg query \"HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\WindowsUpdate\\Auto Update\\RebootRequired\"")
                .exitCode()).isEqualTo(1);
    }

    /** A shell opened before the restart dies with it: the next request on it gets no answer. */
    @Test
    void aShellOpenDuringTheShutdownIsLost() {
        try (WinRmClient client = client("rb-never"); ShellCommand shell = client.createShell()) {
            assertThat(WinRm4jClientTest.run(shell, "shutdown /r /t 1 /c " + COMMENT).exitCode()).isZero();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !simulator.host("rb-never").answersWinRm());
            assertThatThrownBy(() -> WinRm4jClientTest.run(shell, "hostname")).isInstanceOf(RuntimeException.class);
        } catch (RuntimeException closingTheDeadShell) {
            // Delete on a host that is down fails too: that is the point
        }
        assertThat(simulator.host("rb-never").shutdownRequests()).hasSize(1);
        assertThat(simulator.host("rb-never").answersWinRm()).isFalse();
        assertThat(simulator.host("rb-never").openShellCount()).isZero();
        // fault restartNeverComesBack: down for good, well past downSeconds
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).pollInterval(Duration.ofMillis(250))
                .until(() -> !answers("rb-never"));
        assertThat(simulator.host("rb-never").bootCount()).isZero();
        assertThat(simulator.host("rb-never").lastBoot()).isEqualTo(Instant.parse("2008-06-14T02:00:00Z"));
    }

    /** Fault restartWinRmLate: Windows is up again (a new boot time) while WinRM still refuses connections. */
    @Test
    void winRmComesBackLaterThanWindows() {
        SimulatedHost host = simulator.host("rb-late");
        restart("rb-late", 1);
        await().atMost(Duration.ofSeconds(8)).pollInterval(Duration.ofMillis(100)).until(() -> host.bootCount() == 1);
        assertThat(host.lastBoot()).isAfter(Instant.parse("2008-06-14T02:00:00Z"));
        assertThat(answers("rb-late")).isFalse();
        Instant booted = Instant.now();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> answers("rb-late"));
        assertThat(Duration.between(booted, Instant.now())).isGreaterThan(Duration.ofMillis(1_500));
        assertThat(probe("rb-late")).contains("reboot.rebootRequired=False\r\n");
    }

    /** Fault restartWsusStopped: WinRM answers, the boot time changed, but the WSUS service did not start. */
    @Test
    void wsusCanComeBackStopped() {
        assertThat(run("rb-wsus-stopped", "sc query WsusService").stdout()).contains("STATE              : 4  RUNNING");
        restart("rb-wsus-stopped", 1);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).until(() -> !answers("rb-wsus-stopped"));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> answers("rb-wsus-stopped"));

        assertThat(simulator.host("rb-wsus-stopped").bootCount()).isEqualTo(1);
        WinRm4jClientTest.Output wsus = run("rb-wsus-stopped", "sc query WsusService");
        assertThat(wsus.exitCode()).isZero();
        assertThat(wsus.stdout()).contains("SERVICE_NAME: WsusService \r\n").contains("        STATE              : 1  STOPPED \r\n");
        assertThat(run("rb-wsus-stopped", "sc query W3SVC").stdout()).contains("STATE              : 4  RUNNING");
        assertThat(run("rb-wsus-stopped", "sc query NoSuchService").exitCode()).isEqualTo(1060);
    }

    /** shutdown /a within the delay: nothing happens; /a without a shutdown in progress is refused. */
    @Test
    void aShutdownCanBeAbortedInItsDelay() throws Exception {
        SimulatedHost host = simulator.host("rb-abort");
        restart("rb-abort", 3);
        assertThat(run("rb-abort", "shutdown /a").exitCode()).isZero();
        assertThat(run("rb-abort", "shutdown /a").exitCode()).isEqualTo(1116);
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500))
                .until(host::answersWinRm);
        assertThat(host.bootCount()).isZero();
        // a delay past what 2008 (NT 6.0) accepts, and a comment past 512 characters: refused, nothing scheduled
        assertThat(run("rb-abort", "shutdown /r /t 601").exitCode()).isEqualTo(87);
        assertThat(run("rb-abort", "shutdown /r /t 1 /c \"" + "x".repeat(513) + "\"").exitCode()).isEqualTo(87);
        assertThat(host.shutdownRequests()).hasSize(1);
    }
}

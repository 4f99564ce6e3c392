package org.wsusremediator.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Clients written by others must be able to talk to the simulator: Debian's pywinrm and Ansible's winrm
 * connection, with NTLM and WS-Man message encryption to a stock host, and with Basic to the lab's one legacy host.
 * CI installs them ({@code apt-get install -y python3-winrm ansible}) and sets CI, so there a missing tool fails
 * the test; elsewhere it is skipped. NTLM hashes with MD4, which OpenSSL 3 keeps in its legacy provider: the
 * Python processes get {@code OPENSSL_CONF=src/test/interop/openssl-legacy.cnf}.
 */
class IndependentClientsIT {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String HOST = "sp1-2008-x64";
    /** The lab's legacy host: Basic over HTTP allowed (inventory/lab-fleet.yaml). */
    private static final String LEGACY_HOST = "sp1-nops-2003";
    private static final String PASSWORD = "interop-secret-not-real";

    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = FleetSimulator.start(LabHosts.fleetOnFreePort(), Map.of("WSUS_LAB_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    @Test
    void pywinrmRunsCommandsAndScripts() throws Exception {
        requireTool("pywinrm", run(List.of(PYTHON, "-c", "import winrm"), 30).exitCode == 0);
        long before = simulator.statistics().requests(HOST);

        long unencryptedBefore = simulator.statistics().action(StatisticsRecorder.UNENCRYPTED);

        Result r = run(List.of(PYTHON, "src/test/interop/pywinrm_check.py", simulator.endpoint(HOST), LabHosts.USER, HOST, "ntlm"), 120);

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("run_ps simple script         ok").contains("ntlm, encryption auto        ok")
                .contains("plain SOAP after NTLM refused ok").contains("basic refused (basic is off) ok")
                .contains("wrong password rejected      ok");
        // two NTLM sessions: each logs on with an empty POST (401, NEGOTIATE 401, AUTHENTICATE 200), then
        // 4 + 1 runs of 5 requests (Create, Command, Receive, Signal, Delete); the plain-SOAP session: Create 401,
        // NEGOTIATE 401, AUTHENTICATE with plain SOAP 401; Basic: one 401; the wrong password: 3 requests
        assertThat(simulator.statistics().requests(HOST) - before).isEqualTo(2 * 3 + 5 * 5 + 3 + 1 + 3);
        assertThat(simulator.statistics().action(StatisticsRecorder.UNENCRYPTED)).isEqualTo(unencryptedBefore + 1);
    }

    @Test
    void pywinrmBasicReachesTheLegacyHost() throws Exception {
        requireTool("pywinrm", run(List.of(PYTHON, "-c", "import winrm"), 30).exitCode == 0);

        Result r = run(List.of(PYTHON, "src/test/interop/pywinrm_check.py", simulator.endpoint(LEGACY_HOST), LabHosts.USER,
                LEGACY_HOST, "basic"), 120);

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("run_cmd hostname             ok").contains("wrong password rejected      ok");
    }

    @Test
    void ansibleRawRunsHostname() throws Exception {
        requireTool("ansible", run(List.of("sh", "-c", "command -v ansible"), 30).exitCode == 0);
        SimulatedHost host = simulator.host(HOST);
        long before = host.requestCount();

        Result r = run(List.of("sh", "src/test/interop/ansible_check.sh", host.address(), Integer.toString(host.port()), HOST,
                LabHosts.USER, "ntlm"), 300);

        assertThat(r.exitCode).as(r.output).isZero();
        assertThat(r.output).contains("ansible raw waits on PowerShell 2.0's stdin: ok")
                .contains("ansible win_ping refused like PowerShell 2.0: ok");
        assertThat(host.requestCount()).isGreaterThan(before);
        // at most the raw command's shell, which Ansible abandons when its task timeout ends it
        assertThat(host.openShellCount()).isLessThanOrEqualTo(1);
    }

    /**
     * Issue 14: pywinrm sees what the product's cmd.exe probe reads of a restart (wmic's LastBootUpTime, the RebootRequired
     * key) and drives the restart the product will send ({@code shutdown /r /t 1 /c "..."}): before, the fleet file's boot
     * time and the flag; after the simulated restart, a new boot time and no flag. On its own host in 127.78.x.
     */
    @Test
    void pywinrmSeesARestart() throws Exception {
        requireTool("pywinrm", run(List.of(PYTHON, "-c", "import winrm"), 30).exitCode == 0);
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.78.2.10"))) {
            port = free.getLocalPort();
        }
        FleetFile fleet = FleetFile.parse("""
                accounts:
                  - username: LAB\\wsus-admin
                    passwordEnv: WSUS_LAB_PASSWORD
                hosts:
                  - name: py-restart
                    address: 127.78.2.10
                    port: %d
                    os: { caption: "Microsoft Windows Server 2008 Enterprise", version: 6.0.6001 }
                    architecture: x64
                    powershell: "2.0"
                    lastBoot: 2008-06-14T02:00:00Z
                    rebootPending: { rebootRequired: true }
                    restart: { downSeconds: 1 }
                """.formatted(port), "py-restart.yaml");
        try (FleetSimulator restartFleet = FleetSimulator.start(fleet, Map.of("WSUS_LAB_PASSWORD", PASSWORD))) {
            String endpoint = restartFleet.endpoint("py-restart");
            SimulatedHost host = restartFleet.host("py-restart");

            Result before = run(List.of(PYTHON, "src/test/interop/pywinrm_restart_check.py", endpoint, LabHosts.USER, "read"), 120);
            assertThat(before.exitCode).as(before.output).isZero();
            assertThat(before.output).contains("boot=20080614020000.000000+000").contains("rebootRequired=present");

            Result restart = run(List.of(PYTHON, "src/test/interop/pywinrm_restart_check.py", endpoint, LabHosts.USER, "restart"), 120);
            assertThat(restart.exitCode).as(restart.output).isZero();
            assertThat(restart.output).contains("restart=0");
            assertThat(host.shutdownRequests()).singleElement()
                    .satisfies(s -> assertThat(s.comment()).isEqualTo("wsus-remediator: restart after KB954960"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15))
                    .until(() -> host.bootCount() == 1 && host.answersWinRm());

            Result after = run(List.of(PYTHON, "src/test/interop/pywinrm_restart_check.py", endpoint, LabHosts.USER, "read"), 120);
            assertThat(after.exitCode).as(after.output).isZero();
            assertThat(after.output).contains("rebootRequired=absent").doesNotContain("boot=20080614020000.000000+000")
                    .containsPattern("boot=\\d{14}\\.\\d{6}\\+000");
        }
    }

    private static void requireTool(String tool, boolean present) {
        if (present) {
            return;
        }
        if (System.getenv("CI") != null) {
            fail(tool + " is not installed, but CI must provide it: apt-get install -y python3-winrm ansible");
        }
        Assumptions.abort(tool + " is not installed (apt-get install -y python3-winrm ansible); skipped outside CI");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("interop", ".log");
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("WSUS_LAB_PASSWORD", PASSWORD);
            pb.environment().put("OPENSSL_CONF", Path.of("src/test/interop/openssl-legacy.cnf").toAbsolutePath().toString());
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new Result(127, e.toString());
            }
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "timed out after " + timeoutSeconds + " s\n" + Files.readString(log, StandardCharsets.UTF_8));
            }
            return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}

package org.wsusremediator.simulator;

import io.cloudsoft.winrm4j.client.encryption.AsyncHttpEncryptionAwareConduitFactory;
import io.cloudsoft.winrm4j.client.PayloadEncryptionMode;
import io.cloudsoft.winrm4j.client.ShellCommand;
import io.cloudsoft.winrm4j.client.WinRmClient;
import io.cloudsoft.winrm4j.client.WinRmClientBuilder;
import io.cloudsoft.winrm4j.client.WinRmClientContext;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.HTTPConduitConfigurer;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import org.apache.cxf.transports.http.configuration.HTTPClientPolicy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The real WinRM4J 0.12.3 client against the lab fleet over real HTTP. */
class WinRm4jClientTest {

    static final String USER = "LAB\\wsus-admin";
    static final String PASSWORD = "lab-secret-not-real";

    private static FleetSimulator simulator;
    private static WinRmClientContext context;

    @BeforeAll
    static void start() {
        simulator = FleetSimulator.builder(LabHosts.fleetOnFreePort())
                .environment(Map.of("WSUS_LAB_PASSWORD", PASSWORD))
                .stallCap(Duration.ofSeconds(20))
                .start();
        bus = timeoutBus();
        context = WinRmClientContext.newInstance(bus);
    }

    @AfterAll
    static void stop() {
        context.shutdown();
        bus.shutdown(true);
        simulator.close();
    }

    private static Bus bus;

    /**
     * WinRM4J 0.12.3 applies its connection/receive timeouts only for NTLM/Kerberos/SPNEGO: with Basic auth the
     * CXF defaults (30 s connect, 60 s receive) stay. A bus-level HTTPConduitConfigurer sets them for every client.
     * It also keeps each NTLM client on one connection, as the product does (winrm.ConduitSettings): WinRM4J's
     * per-client pool would otherwise open a second connection under load, whose logon resets the client's sealing
     * state while the first connection still expects the old one.
     */
    static Bus timeoutBus() {
        Bus bus = BusFactory.newInstance().createBus();
        bus.getProperties().put(AsyncHTTPConduit.USE_ASYNC, Boolean.TRUE);
        bus.getProperties().put(AsyncHTTPConduitFactory.USE_POLICY, AsyncHTTPConduitFactory.UseAsyncPolicy.ALWAYS);
        bus.setExtension((HTTPConduitConfigurer) (name, address, conduit) -> {
            HTTPClientPolicy policy = new HTTPClientPolicy();
            policy.setAllowChunking(false);
            policy.setConnectionTimeout(2_000);
            policy.setReceiveTimeout(4_000);
            conduit.setClient(policy);
            if (conduit instanceof AsyncHTTPConduit async
                    && async.getAsyncHTTPConduitFactory() instanceof AsyncHttpEncryptionAwareConduitFactory perClient) {
                perClient.update(Map.of(AsyncHTTPConduitFactory.MAX_CONNECTIONS, "1",
                        AsyncHTTPConduitFactory.MAX_PER_HOST_CONNECTIONS, "1"));
            }
        }, HTTPConduitConfigurer.class);
        return bus;
    }

    /**
     * How the lab's hosts are reached: stock Windows, so NTLM with WS-Man message encryption required over HTTP;
     * the one legacy host (sp1-nops-2003) with Basic over HTTP, which it still allows.
     */
    static WinRmClient client(String host, String password) {
        return "sp1-nops-2003".equals(host) ? client(host, "Basic", PayloadEncryptionMode.OFF, password)
                : client(host, "NTLM", PayloadEncryptionMode.REQUIRED, password);
    }

    static WinRmClient client(String host, String scheme, PayloadEncryptionMode encryption, String password) {
        WinRmClientBuilder builder = WinRmClient.builder(simulator.endpoint(host))
                .authenticationScheme(scheme)
                .payloadEncryptionMode(encryption);
        if ("NTLM".equals(scheme)) {
            builder.credentials("LAB", "wsus-admin", password);
        } else {
            builder.credentials(USER, password);
        }
        return builder
                .context(context)
                .connectionTimeout(2_000)
                .operationTimeout(3_000)
                .receiveTimeout(4_000L)
                .retriesForConnectionFailures(0)
                .build();
    }

    record Output(int exitCode, String stdout, String stderr) {
    }

    static Output run(ShellCommand shell, String commandLine) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = shell.execute(commandLine, out, err);
        return new Output(code, out.toString(), err.toString());
    }

    @Test
    void probesAHostInOneShell() {
        long before = simulator.statistics().requests("sp1-2008-x64");
        long logonsBefore = simulator.host("sp1-2008-x64").logonCount();
        try (WinRmClient client = client("sp1-2008-x64", PASSWORD); ShellCommand shell = client.createShell()) {
            Output probe = run(shell, PowerShellTest.probeLine());
            assertThat(probe.exitCode()).isZero();
            assertThat(probe.stdout()).startsWith("WSUSPROBE 1\r\n").contains("dll.version=3.1.6001.65\r\n").endsWith("END\r\n");

            Output reg = run(shell, "reg query \"HKLM\\SOFTWARE\\Microsoft\\Update Services\\Server\\Setup\" /v VersionString");
            assertThat(reg.exitCode()).isZero();
            assertThat(reg.stdout()).contains("    VersionString    REG_SZ    3.1.6001.65\r\n");

            Output missing = run(shell, "reg query \"HKLM\\SOFTWARE\\Nothing\"");
            assertThat(missing.exitCode()).isEqualTo(1);
            assertThat(missing.stderr()).isEqualTo(RegCommand.NOT_FOUND + "\r\n");
        }
        FleetStatistics stats = simulator.statistics();
        // each NTLM logon costs two 401s (anonymous request, NEGOTIATE; the AUTHENTICATE carries a real request), plus
        // Create + 3 x (Command, Receive, Signal) + Delete, all on the one connection that logged on.
        assertThat(simulator.host("sp1-2008-x64").logonCount() - logonsBefore).isEqualTo(1);
        assertThat(stats.requests("sp1-2008-x64") - before).isEqualTo(11 + 2);
        assertThat(simulator.host("sp1-2008-x64").openShellCount()).isZero();
    }

    @Test
    void hostWithoutPowerShellReportsItNotRecognized() {
        try (WinRmClient client = client("sp1-nops-2003", PASSWORD); ShellCommand shell = client.createShell()) {
            Output ps = run(shell, PowerShellTest.probeLine());
            assertThat(ps.exitCode()).isEqualTo(1);
            assertThat(ps.stdout()).isEmpty();
            assertThat(ps.stderr()).isEqualTo("'powershell' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n");
            Output hostname = run(shell, "hostname");
            assertThat(hostname.stdout()).isEqualTo("sp1-nops-2003\r\n");
            Output step1 = run(shell, CmdInterpreterTest.STEP1);
            assertThat(step1.exitCode()).isZero();
            assertThat(step1.stdout()).startsWith("##setup \r\n\r\n! REG.EXE VERSION 3.0\r\n")
                    .contains("Version=5.2.3790\r\r\n").contains("##arch AMD64 %PROCESSOR_ARCHITEW6432% \r\n");
            Output step2 = run(shell, CmdInterpreterTest.STEP2);
            assertThat(step2.stdout()).contains("Version=3.1.6001.65\r\r\n").contains("Item has already been added").endsWith("##end\r\n");
        }
    }

    @Test
    void ntlmWithRequiredEncryptionRunsSeveralCommandsInOneShell() {
        try (WinRmClient client = client("sp1-2008-x64", "NTLM", PayloadEncryptionMode.REQUIRED, PASSWORD);
             ShellCommand shell = client.createShell()) {
            assertThat(run(shell, "hostname").stdout()).isEqualTo("sp1-2008-x64\r\n");
            assertThat(run(shell, "ipconfig /all").stdout()).contains("Windows IP Configuration");
            assertThat(run(shell, "hostname").exitCode()).isZero();
        }
    }

    @Test
    void aStockHostRefusesUnencryptedNtlmAndBasic() {
        long refusedBefore = simulator.statistics().action(StatisticsRecorder.UNENCRYPTED);
        // NTLM logs on, then sends plain SOAP: 401 again (hashicorp/packer#6205), which CXF reports as a loop
        try (WinRmClient client = client("sp1-2008-x64", "NTLM", PayloadEncryptionMode.OFF, PASSWORD)) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("Authorization loop detected");
        }
        assertThat(simulator.statistics().action(StatisticsRecorder.UNENCRYPTED)).isGreaterThan(refusedBefore);
        // Basic is off on a stock host: 401 offering Negotiate only
        try (WinRmClient client = client("sp1-2008-x64", "Basic", PayloadEncryptionMode.OFF, PASSWORD)) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("401");
        }
        assertThat(simulator.host("sp1-2008-x64").openShellCount()).isZero();
    }

    @Test
    void wrongPasswordIsRejected() {
        long refusedBefore = simulator.statistics().action(StatisticsRecorder.UNAUTHORIZED);
        // The simulator answers the wrong AUTHENTICATE with 401; bare WinRM4J with required encryption then resends
        // the request without its body and waits (the product ends the call at that 401: winrm.RefusedChallenge).
        try (WinRmClient client = client("sp1-2008-x64", "wrong")) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("timeout");
        }
        assertThat(simulator.statistics().action(StatisticsRecorder.UNAUTHORIZED)).isGreaterThan(refusedBefore);
        assertThat(simulator.host("sp1-2008-x64").openShellCount()).isZero();
        try (WinRmClient client = client("bad-credentials", "Basic", PayloadEncryptionMode.OFF, PASSWORD)) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("401");
        }
    }

    @Test
    void faultsShowUpAsClientErrors() {
        try (WinRmClient client = client("refused", PASSWORD)) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("Connection refused");
        }
        try (WinRmClient client = client("soap-fault", PASSWORD)) {
            assertThatThrownBy(client::createShell).hasStackTraceContaining("Access is denied");
        }
        try (WinRmClient client = client("malformed-xml", PASSWORD); ShellCommand shell = client.createShell()) {
            assertThatThrownBy(() -> run(shell, "hostname")).isInstanceOf(RuntimeException.class);
        }
        try (WinRmClient client = client("drop", PASSWORD); ShellCommand shell = client.createShell()) {
            assertThatThrownBy(() -> run(shell, "hostname")).isInstanceOf(RuntimeException.class);
        }
        long start = System.nanoTime();
        try (WinRmClient client = client("stall", PASSWORD); ShellCommand shell = client.createShell()) {
            assertThatThrownBy(() -> run(shell, "hostname")).hasStackTraceContaining("Timeout");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
        // the held Receive is released once the client hangs up
        await("the simulator releases the held Receive").atMost(Duration.ofSeconds(5))
                .until(() -> simulator.heldRequests() == 0);
    }

    @Test
    void garbledAndFailingProbes() {
        try (WinRmClient client = client("garbled-output", PASSWORD); ShellCommand shell = client.createShell()) {
            Output probe = run(shell, PowerShellTest.probeLine());
            assertThat(probe.exitCode()).isZero();
            assertThat(probe.stdout()).startsWith("WSUSPROBE 1").doesNotContain("END");
        }
        try (WinRmClient client = client("probe-fails", PASSWORD); ShellCommand shell = client.createShell()) {
            Output probe = run(shell, PowerShellTest.probeLine());
            assertThat(probe.exitCode()).isEqualTo(1);
            assertThat(probe.stderr()).startsWith("#< CLIXML");
        }
    }
}

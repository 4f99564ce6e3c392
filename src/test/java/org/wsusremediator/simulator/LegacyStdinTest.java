package org.wsusremediator.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PowerShell 1.0/2.0 and wmic wait for their stdin to close under WinRM (docs/simulator-legacy-windows.md): the
 * command stays Running (each Receive times out) until the client sends End="true", unless the command line closes
 * stdin itself ({@code -InputFormat None}, {@code <NUL}). PowerShell 3.0 ends by itself.
 */
class LegacyStdinTest {

    private static final String PASSWORD = "stdin-secret-not-real";
    private static final WinRmServiceSpec BASIC = new WinRmServiceSpec(true, null, null, true, null, null, null, null, null);
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        FleetFile fleet = FleetFile.builder()
                .port(LabHosts.fleetOnFreePort().defaults().port())
                .account("LAB\\wsus-admin", "WSUS_LAB_PASSWORD")
                .host(SimulatedHostSpec.typicalSp1Server2008("ps20", "127.64.0.1").winrm(BASIC).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("ps10", "127.64.0.2").powershell("1.0").winrm(BASIC).build())
                .host(SimulatedHostSpec.typicalSp1Server2008("ps30", "127.64.0.3").powershell("3.0")
                        .os("Microsoft Windows Server 2008 R2 Enterprise", "6.1.7601").winrm(BASIC).build())
                .build();
        simulator = FleetSimulator.start(fleet, Map.of("WSUS_LAB_PASSWORD", PASSWORD));
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static String encoded(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** Receive with a 1-second OperationTimeout: a command still running answers the TimedOut fault after it. */
    private static RawWsman.Reply receive(RawWsman c, String shell, String commandId) throws Exception {
        return c.post(RawWsman.envelope(Wsman.RECEIVE, RawWsman.messageId(), shell,
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>")
                .replace("PT20S", "PT1S"));
    }

    private record Started(RawWsman client, String shell, String commandId) {
    }

    private static Started start(String host, String command, String arguments) throws Exception {
        RawWsman c = new RawWsman(simulator.endpoint(host), "LAB\\wsus-admin", PASSWORD);
        String shell = c.shellId(c.create());
        String id = c.command(shell, command, arguments).text(Wsman.SHELL, "CommandId");
        return new Started(c, shell, id);
    }

    private static void assertStillRunning(Started s) throws Exception {
        for (int i = 0; i < 2; i++) {
            RawWsman.Reply r = receive(s.client(), s.shell(), s.commandId());
            assertThat(r.status()).as(r.body()).isEqualTo(500);
            assertThat(r.body()).contains("w:TimedOut").contains("2150858793");
        }
    }

    private static String finish(Started s) throws Exception {
        RawWsman.Reply r = receive(s.client(), s.shell(), s.commandId());
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).contains("CommandState/Done");
        s.client().signal(s.shell(), s.commandId());
        s.client().delete(s.shell());
        return RawWsman.decodeStream(r, "stdout");
    }

    @Test
    void powerShell20WithAScriptRunsUntilStdinIsClosed() throws Exception {
        Started s = start("ps20", "powershell", "-NoProfile -NonInteractive -EncodedCommand " + encoded("hostname"));
        assertStillRunning(s);
        assertThat(s.client().send(s.shell(), s.commandId(), new byte[0], true).status()).isEqualTo(200);
        assertThat(finish(s)).isEqualTo("ps20\r\n");
    }

    @Test
    void powerShell10And20WithACommandOrFileWaitToo() throws Exception {
        assertStillRunning(start("ps10", "powershell", "-Command \"hostname\""));
        assertStillRunning(start("ps20", "powershell -NonInteractive hostname", null));
    }

    @Test
    void inputFormatNoneOrAnInputRedirectionEndsAtOnce() throws Exception {
        assertThat(finish(start("ps20", "powershell", "-NoProfile -InputFormat None -EncodedCommand " + encoded("hostname"))))
                .isEqualTo("ps20\r\n");
        assertThat(finish(start("ps10", "powershell", "-NoProfile -NonInteractive -EncodedCommand " + encoded("hostname") + " <NUL")))
                .isEqualTo("ps10\r\n");
        assertThat(finish(start("ps20", "powershell -NoProfile -EncodedCommand " + encoded("hostname") + " < nul", null)))
                .isEqualTo("ps20\r\n");
    }

    @Test
    void powerShell30EndsByItself() throws Exception {
        assertThat(finish(start("ps30", "powershell", "-NoProfile -NonInteractive -EncodedCommand " + encoded("hostname"))))
                .isEqualTo("ps30\r\n");
    }

    @Test
    void wmicWaitsForStdinUnlessRedirected() throws Exception {
        assertStillRunning(start("ps20", "wmic os get Caption /value", null));
        assertThat(finish(start("ps20", "wmic os get Caption /value <nul", null))).contains("Caption=Microsoft Windows Server 2008");
        // a later program in a pipeline reads the pipe, not the shell's stdin
        assertThat(finish(start("ps20", "echo x | wmic os get Caption /value", null))).contains("Caption=");
    }
}

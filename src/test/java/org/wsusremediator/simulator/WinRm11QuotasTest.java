package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WinRM 1.1's quotas over real HTTP (docs/simulator-localized-hosts.md section 2): 2 shells per user and 150 KB
 * envelopes. A bigger request is refused whole with the MaxEnvelopeSize fault, and nothing of it runs; a 2.0 host
 * takes the same request.
 */
class WinRm11QuotasTest {

    private static final String PASSWORD = "winrm11-Quotas-3";
    private static final int LIMIT = 150 * 1024;
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = RawWsman.basicFleet(PASSWORD,
                SimulatedHostSpec.typicalSp1Server2008("stack11", "127.65.4.1").wsmanStack(WsmanStack.V1_1).build(),
                SimulatedHostSpec.typicalSp1Server2008("stack20", "127.65.4.2").build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static RawWsman client(String host) {
        return new RawWsman(simulator.endpoint(host), "LAB\\wsus-admin", PASSWORD);
    }

    /** A Command envelope of exactly {@code size} bytes: {@code echo x} padded with a long argument. */
    private static String commandOfSize(String shellId, int size) {
        String empty = RawWsman.envelope(Wsman.COMMAND, "uuid:00000000-0000-0000-0000-000000000000", shellId,
                "<rsp:CommandLine><rsp:Command>echo x</rsp:Command><rsp:Arguments></rsp:Arguments></rsp:CommandLine>");
        return empty.replace("<rsp:Arguments></rsp:Arguments>", "<rsp:Arguments>" + "a".repeat(size - empty.length()) + "</rsp:Arguments>");
    }

    @Test
    void anEnvelopeOver150KbIsRefusedOnWinRm11AndNothingRuns() throws Exception {
        RawWsman c = client("stack11");
        String shell = c.shellId(c.create());

        RawWsman.Reply atLimit = c.post(commandOfSize(shell, LIMIT));
        assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(200);

        RawWsman.Reply over = c.post(commandOfSize(shell, LIMIT + 1));
        assertThat(over.status()).isEqualTo(500);
        assertThat(over.wsmanFaultCode()).isEqualTo("2150859025");
        assertThat(over.text(Wsman.SOAP, "Subcode")).contains("EncodingLimit");
        assertThat(over.text(Wsman.FAULT, "Message")).contains("MaxEnvelopeSize");
        assertThat(over.text(Wsman.SHELL, "CommandId")).isNull();
        // the shell still works after the refusal
        String commandId = c.command(shell, "hostname", null).text(Wsman.SHELL, "CommandId");
        assertThat(RawWsman.decodeStream(c.receive(shell, commandId), "stdout")).isEqualTo("stack11\r\n");
        c.delete(shell);
    }

    @Test
    void theSameEnvelopeIsTakenByAWinRm20Host() throws Exception {
        RawWsman c = client("stack20");
        String shell = c.shellId(c.create());
        RawWsman.Reply big = c.post(commandOfSize(shell, LIMIT + 1));
        assertThat(big.status()).as(big.body()).isEqualTo(200);
        c.delete(shell);
    }

    @Test
    void aThirdShellOfOneUserIsRefusedOnWinRm11() throws Exception {
        RawWsman c = client("stack11");
        String first = c.shellId(c.create());
        String second = c.shellId(c.create());
        RawWsman.Reply third = c.create();
        assertThat(third.status()).isEqualTo(500);
        assertThat(third.wsmanFaultCode()).isEqualTo("2150859173");
        c.delete(first);
        String again = c.shellId(c.create());
        c.delete(second);
        c.delete(again);
        assertThat(simulator.host("stack11").openShellCount()).isZero();
    }
}

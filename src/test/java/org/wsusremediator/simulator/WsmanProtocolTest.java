package org.wsusremediator.simulator;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The WS-Man wire protocol, checked with a hand-written client. */
class WsmanProtocolTest {

    private static final String PASSWORD = "protocol-secret-not-real";
    private static FleetSimulator simulator;

    @BeforeAll
    static void start() {
        simulator = RawWsman.basicFleet(PASSWORD,
                SimulatedHostSpec.typicalSp1Server2008("winrm20", "127.57.0.1").build(),
                SimulatedHostSpec.typicalSp1Server2008("winrm11", "127.57.0.2").wsmanStack(WsmanStack.V1_1).build(),
                SimulatedHostSpec.typicalSp1Server2008("stdin", "127.57.0.3").build());
    }

    @AfterAll
    static void stop() {
        simulator.close();
    }

    private static RawWsman client(String host) {
        return new RawWsman(simulator.endpoint(host), "lab\\WSUS-ADMIN", PASSWORD);
    }

    @Test
    void identifyNeedsNoCredentialsAndReportsTheStack() throws Exception {
        String identify = "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:wsmid=\"" + Wsman.IDENTITY + "\"><s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
        RawWsman.Reply r20 = new RawWsman(simulator.endpoint("winrm20"), null, null).post(identify);
        assertThat(r20.status()).isEqualTo(200);
        assertThat(r20.text(Wsman.IDENTITY, "ProductVendor")).isEqualTo("Microsoft Corporation");
        assertThat(r20.text(Wsman.IDENTITY, "ProductVersion")).isEqualTo("OS: 6.0.6001 SP: 1.0 Stack: 2.0");
        assertThat(r20.text(Wsman.IDENTITY, "ProtocolVersion")).isEqualTo(Wsman.WSMAN);
        RawWsman.Reply r11 = new RawWsman(simulator.endpoint("winrm11"), null, null).post(identify);
        assertThat(r11.text(Wsman.IDENTITY, "ProductVersion")).endsWith("Stack: 1.1");
    }

    @Test
    void httpLevelRejections() throws Exception {
        RawWsman.Reply anonymous = new RawWsman(simulator.endpoint("winrm20"), null, null).create();
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.response().headers().allValues("WWW-Authenticate")).containsExactly("Negotiate", "Basic realm=\"WSMAN\"");
        assertThat(new RawWsman(simulator.endpoint("winrm20"), "LAB\\wsus-admin", "nope").create().status()).isEqualTo(401);

        String base = simulator.endpoint("winrm20").replace("/wsman", "");
        HttpResponse<String> get = RawWsman.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/wsman")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> other = RawWsman.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/other"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(other.statusCode()).isEqualTo(404);
    }

    @Test
    void responsesCarryAddressingHeaders() throws Exception {
        RawWsman c = client("winrm20");
        String messageId = RawWsman.messageId();
        RawWsman.Reply created = c.post(RawWsman.envelope(Wsman.CREATE, messageId, null, "<rsp:Shell/>"));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.response().headers().firstValue("Content-Type")).hasValue("application/soap+xml;charset=UTF-8");
        assertThat(created.text(Wsman.ADDRESSING, "RelatesTo")).isEqualTo(messageId);
        assertThat(created.text(Wsman.ADDRESSING, "Action")).isEqualTo(Wsman.CREATE + "Response");
        assertThat(created.text(Wsman.ADDRESSING, "MessageID")).startsWith("uuid:");
        String shell = c.shellId(created);

        RawWsman.Reply command = c.command(shell, "ipconfig", "/all");
        assertThat(command.text(Wsman.ADDRESSING, "Action")).isEqualTo(Wsman.COMMAND + "Response");
        String commandId = command.text(Wsman.SHELL, "CommandId");
        RawWsman.Reply received = c.receive(shell, commandId);
        assertThat(received.text(Wsman.ADDRESSING, "Action")).isEqualTo(Wsman.RECEIVE + "Response");
        Element state = received.element(Wsman.SHELL, "CommandState");
        assertThat(state.getAttribute("State")).isEqualTo(Wsman.STATE_DONE);
        assertThat(state.getAttribute("CommandId")).isEqualTo(commandId);
        assertThat(received.text(Wsman.SHELL, "ExitCode")).isEqualTo("0");
        assertThat(RawWsman.decodeStream(received, "stdout")).contains("127.57.0.1");
        var streams = received.xml().getElementsByTagNameNS(Wsman.SHELL, "Stream");
        assertThat(((Element) streams.item(streams.getLength() - 1)).getAttribute("End")).isEqualTo("true");

        assertThat(c.signal(shell, commandId).text(Wsman.ADDRESSING, "Action")).isEqualTo(Wsman.SIGNAL + "Response");
        RawWsman.Reply deleted = c.delete(shell);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.text(Wsman.ADDRESSING, "Action")).isEqualTo(Wsman.DELETE + "Response");
        assertThat(deleted.element(Wsman.SOAP, "Body").getChildNodes().getLength()).isZero();
    }

    @Test
    void unknownShellGetsTheShellNotFoundFault() throws Exception {
        RawWsman.Reply r = client("winrm20").command("00000000-0000-0000-0000-000000000000", "hostname", null);
        assertThat(r.status()).isEqualTo(500);
        assertThat(r.wsmanFaultCode()).isEqualTo("2150858843");
        assertThat(r.text(Wsman.SOAP, "Value")).isEqualTo("s:Sender");
        assertThat(r.text(Wsman.ADDRESSING, "RelatesTo")).startsWith("uuid:");
        assertThat(client("winrm20").delete("nope").wsmanFaultCode()).isEqualTo("2150858843");
    }

    @Test
    void badXmlAndXxeGetAFaultNotACrash() throws Exception {
        RawWsman c = client("winrm20");
        RawWsman.Reply broken = c.post("<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\"><s:Body>");
        assertThat(broken.status()).isEqualTo(500);
        assertThat(broken.wsmanFaultCode()).isEqualTo("2150858817");

        RawWsman.Reply xxe = c.post("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\"><s:Body>&e;</s:Body></s:Envelope>");
        assertThat(xxe.status()).isEqualTo(500);
        assertThat(xxe.body()).doesNotContain("root:");

        RawWsman.Reply unknownAction = c.post(RawWsman.envelope("http://example.org/Frobnicate", RawWsman.messageId(), null, ""));
        assertThat(unknownAction.status()).isEqualTo(500);
        assertThat(unknownAction.text(Wsman.SOAP, "Value")).isEqualTo("s:Sender");
        assertThat(simulator.statistics().action("(invalid)")).isGreaterThanOrEqualTo(2);
        // the host still works
        assertThat(c.runInNewShell("hostname")).isEqualTo("winrm20\r\n");
    }

    @Test
    void winrm11AllowsTwoShellsPerUser() throws Exception {
        RawWsman c = client("winrm11");
        String first = c.shellId(c.create());
        String second = c.shellId(c.create());
        RawWsman.Reply third = c.create();
        assertThat(third.status()).isEqualTo(500);
        assertThat(third.wsmanFaultCode()).isEqualTo("2150859173");
        assertThat(third.text(Wsman.FAULT, "Message")).contains("maximum number of 2 concurrent shells");
        assertThat(simulator.host("winrm11").maxOpenShells()).isEqualTo(2);
        c.delete(first);
        String again = c.shellId(c.create());
        c.delete(second);
        c.delete(again);
        assertThat(simulator.host("winrm11").openShellCount()).isZero();
        assertThat(simulator.statistics().maxConcurrentShells()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void powershellReadsItsScriptFromStdinSentAfterTheCommand() throws Exception {
        RawWsman c = client("stdin");
        String shell = c.shellId(c.create());
        String commandId = c.command(shell, "PowerShell", "-NoProfile -NonInteractive -ExecutionPolicy Unrestricted -Command -")
                .text(Wsman.SHELL, "CommandId");
        assertThat(c.send(shell, commandId, "Write-Output 'from stdin'\r\n".getBytes(StandardCharsets.UTF_8), false).status()).isEqualTo(200);
        assertThat(c.send(shell, commandId, "hostname\r\n".getBytes(StandardCharsets.UTF_8), true).text(Wsman.ADDRESSING, "Action"))
                .isEqualTo(Wsman.SEND + "Response");
        RawWsman.Reply received = c.receive(shell, commandId);
        assertThat(RawWsman.decodeStream(received, "stdout")).isEqualTo("from stdin\r\nstdin\r\n");
        c.signal(shell, commandId);
        c.delete(shell);
    }

    @Test
    void statisticsCountRequestsAndActions() throws Exception {
        FleetStatistics before = simulator.statistics();
        client("winrm20").runInNewShell("ver");
        FleetStatistics after = simulator.statistics();
        assertThat(after.totalRequests() - before.totalRequests()).isEqualTo(5);
        assertThat(after.requests("winrm20") - before.requests("winrm20")).isEqualTo(5);
        for (String action : new String[] {"Create", "Command", "Receive", "Signal", "Delete"}) {
            assertThat(after.action(action) - before.action(action)).as(action).isEqualTo(1);
        }
    }
}

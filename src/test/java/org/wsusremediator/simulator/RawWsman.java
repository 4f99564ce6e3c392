package org.wsusremediator.simulator;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** A hand-written WS-Man client for protocol tests: sends envelopes shaped like pywinrm's (unprefixed CommandId). */
final class RawWsman {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    record Reply(int status, String body, HttpResponse<String> response) {
        Document xml() {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                return f.newDocumentBuilder().parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
            } catch (Exception e) {
                throw new AssertionError("not XML: " + body, e);
            }
        }

        String text(String namespace, String localName) {
            var nodes = xml().getElementsByTagNameNS(namespace, localName);
            return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
        }

        Element element(String namespace, String localName) {
            var nodes = xml().getElementsByTagNameNS(namespace, localName);
            return nodes.getLength() == 0 ? null : (Element) nodes.item(0);
        }

        String wsmanFaultCode() {
            Element f = element(Wsman.FAULT, "WSManFault");
            return f == null ? null : f.getAttribute("Code");
        }
    }

    /** The lab account's password variable of every fleet made by {@link #basicFleet}. */
    static final String PASSWORD_VARIABLE = "WSUS_LAB_PASSWORD";

    /**
     * A fleet of {@code hosts} on a free port that this hand-written client can talk to: legacy Basic over plain HTTP
     * (stock hosts want NTLM with sealing, which only the real clients speak), the lab account with {@code password}.
     */
    static FleetSimulator basicFleet(String password, SimulatedHostSpec... hosts) {
        FleetFile.Builder fleet = FleetFile.builder()
                .port(LabHosts.fleetOnFreePort().defaults().port())
                .account("LAB\\wsus-admin", PASSWORD_VARIABLE)
                .winrm(WinRmServiceSpec.legacyBasicOverHttp());
        for (SimulatedHostSpec host : hosts) {
            fleet.host(host);
        }
        return FleetSimulator.start(fleet.build(), java.util.Map.of(PASSWORD_VARIABLE, password));
    }

    private final String endpoint;
    private final String authorization;

    RawWsman(String endpoint, String user, String password) {
        this.endpoint = endpoint;
        this.authorization = user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Reply post(String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint)).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body(), r);
    }

    static String envelope(String action, String messageId, String shellId, String body) {
        return "<s:Envelope xmlns:s=\"" + Wsman.SOAP + "\" xmlns:a=\"" + Wsman.ADDRESSING + "\" xmlns:w=\"" + Wsman.WSMAN
                + "\" xmlns:rsp=\"" + Wsman.SHELL + "\"><s:Header>"
                + "<a:To>http://windows-host:5985/wsman</a:To>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">" + Wsman.ANONYMOUS + "</a:Address></a:ReplyTo>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">153600</w:MaxEnvelopeSize>"
                + "<a:MessageID>" + messageId + "</a:MessageID>"
                + "<w:OperationTimeout>PT20S</w:OperationTimeout>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + Wsman.CMD_RESOURCE_URI + "</w:ResourceURI>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + (shellId == null ? "" : "<w:SelectorSet><w:Selector Name=\"ShellId\">" + shellId + "</w:Selector></w:SelectorSet>")
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    static String messageId() {
        return "uuid:" + UUID.randomUUID();
    }

    Reply create() throws Exception {
        return post(envelope(Wsman.CREATE, messageId(), null,
                "<rsp:Shell><rsp:InputStreams>stdin</rsp:InputStreams><rsp:OutputStreams>stdout stderr</rsp:OutputStreams></rsp:Shell>"));
    }

    String shellId(Reply created) {
        var selectors = created.xml().getElementsByTagNameNS(Wsman.WSMAN, "Selector");
        return selectors.item(0).getTextContent();
    }

    Reply command(String shellId, String command, String arguments) throws Exception {
        return post(envelope(Wsman.COMMAND, messageId(), shellId, "<rsp:CommandLine><rsp:Command>" + WsmanXml.escape(command)
                + "</rsp:Command>" + (arguments == null ? "" : "<rsp:Arguments>" + WsmanXml.escape(arguments) + "</rsp:Arguments>")
                + "</rsp:CommandLine>"));
    }

    Reply receive(String shellId, String commandId) throws Exception {
        return post(envelope(Wsman.RECEIVE, messageId(), shellId,
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>"));
    }

    Reply signal(String shellId, String commandId) throws Exception {
        return post(envelope(Wsman.SIGNAL, messageId(), shellId,
                "<rsp:Signal CommandId=\"" + commandId + "\"><rsp:Code>" + Wsman.SIGNAL_TERMINATE + "</rsp:Code></rsp:Signal>"));
    }

    Reply send(String shellId, String commandId, byte[] data, boolean end) throws Exception {
        return post(envelope(Wsman.SEND, messageId(), shellId, "<rsp:Send><rsp:Stream Name=\"stdin\" CommandId=\"" + commandId + "\""
                + (end ? " End=\"true\"" : "") + ">" + Base64.getEncoder().encodeToString(data) + "</rsp:Stream></rsp:Send>"));
    }

    Reply delete(String shellId) throws Exception {
        return post(envelope(Wsman.DELETE, messageId(), shellId, ""));
    }

    static String decodeStream(Reply receive, String name) {
        StringBuilder b = new StringBuilder();
        var streams = receive.xml().getElementsByTagNameNS(Wsman.SHELL, "Stream");
        for (int i = 0; i < streams.getLength(); i++) {
            Element s = (Element) streams.item(i);
            if (s.getAttribute("Name").equals(name)) {
                b.append(new String(Base64.getDecoder().decode(s.getTextContent()), StandardCharsets.US_ASCII));
            }
        }
        return b.toString();
    }

    /** Create, Command, Receive, Signal, Delete: what a probe of a host costs. */
    String runInNewShell(String command) throws Exception {
        String shell = shellId(create());
        String commandId = command(shell, command, null).text(Wsman.SHELL, "CommandId");
        Reply received = receive(shell, commandId);
        signal(shell, commandId);
        delete(shell);
        return decodeStream(received, "stdout");
    }
}

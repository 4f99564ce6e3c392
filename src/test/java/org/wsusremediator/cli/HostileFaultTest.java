package org.wsusremediator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WinRM server that answers every request with a SOAP fault whose text holds a C1 control sequence introducer
 * (U+009B: "ESC [" in one character on terminals that read 8-bit controls) and direction overrides: the scan
 * reports the fault, and the console shows its text without them.
 */
class HostileFaultTest {

    static final String ADDRESS = "127.93.0.1";
    static final String HOSTILE = "Access is denied.\u009b2J\u202e\u2066gpj.exe";

    @TempDir
    Path dir;

    @Test
    void aSoapFaultsTextIsShownWithoutControlOrBidiCharacters() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(ADDRESS), 0), 8);
        server.createContext("/wsman", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readNBytes(1 << 20);
            }
            byte[] body = fault(HOSTILE).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/soap+xml;charset=UTF-8");
            exchange.sendResponseHeaders(500, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        try {
            Path inventory = dir.resolve("hostile.yaml");
            Files.writeString(inventory, """
                    credentials:
                      c: { username: LAB\\\\wsus-admin, password: env:WSUS_LAB_PASSWORD }
                    defaults: { credential: c, auth: basic, timeouts: { connect: 2s, operation: 5s, receive: 3s } }
                    hosts:
                      - { name: hostile, address: %s, port: %d, allowUnencrypted: true }
                    """.formatted(ADDRESS, server.getAddress().getPort()));
            CliTest.Run scan = CliTest.run("scan", inventory.toString(), "--report-dir", dir.resolve("reports").toString());

            assertThat(scan.exitCode()).as(scan.all()).isEqualTo(ExitCodes.HOSTS_UNRESOLVED);
            assertThat(scan.out()).as("the fault is reported").contains("Access is denied.");
            OutputSafetyIT.assertPrintable(scan.all());
        } finally {
            server.stop(0);
        }
    }

    private static String fault(String text) {
        return """
                <s:Envelope xmlns:s="http://www.w3.org/2003/05/soap-envelope" \
                xmlns:a="http://schemas.xmlsoap.org/ws/2004/08/addressing" \
                xmlns:w="http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd">\
                <s:Header><a:Action>http://schemas.dmtf.org/wbem/wsman/1/wsman/fault</a:Action></s:Header>\
                <s:Body><s:Fault><s:Code><s:Value>s:Sender</s:Value><s:Subcode><s:Value>w:AccessDenied</s:Value>\
                </s:Subcode></s:Code><s:Reason><s:Text xml:lang="en-US">%s</s:Text></s:Reason></s:Fault></s:Body>\
                </s:Envelope>""".formatted(text);
    }
}

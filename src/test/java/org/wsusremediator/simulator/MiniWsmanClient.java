package org.wsusremediator.simulator;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal blocking HTTP/1.1 WS-Man client over one keep-alive socket per host visit: lets scale tests drive
 * thousands of hosts with bounded threads and without a client connection pool keeping sockets open.
 */
final class MiniWsmanClient implements AutoCloseable {

    private static final Pattern SHELL_ID = Pattern.compile("Name=\"ShellId\">([^<]+)<");
    private static final Pattern COMMAND_ID = Pattern.compile("<rsp:CommandId>([^<]+)<");
    private static final Pattern STDOUT = Pattern.compile("<rsp:Stream Name=\"stdout\" CommandId=\"[^\"]+\">([^<]+)<");

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private final String hostHeader;
    private final String authorization;

    MiniWsmanClient(String address, int port, String user, String password) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(address, port), 5_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
        hostHeader = address + ":" + port;
        authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Create, Command, Receive, Signal, Delete on this connection; returns the command's stdout. */
    String probe(String commandLine) throws IOException {
        String shell = match(SHELL_ID, post(RawWsman.envelope(Wsman.CREATE, RawWsman.messageId(), null, "<rsp:Shell/>")));
        String commandId = match(COMMAND_ID, post(RawWsman.envelope(Wsman.COMMAND, RawWsman.messageId(), shell,
                "<rsp:CommandLine><rsp:Command>" + WsmanXml.escape(commandLine) + "</rsp:Command></rsp:CommandLine>")));
        String received = post(RawWsman.envelope(Wsman.RECEIVE, RawWsman.messageId(), shell,
                "<rsp:Receive><rsp:DesiredStream CommandId=\"" + commandId + "\">stdout stderr</rsp:DesiredStream></rsp:Receive>"));
        post(RawWsman.envelope(Wsman.SIGNAL, RawWsman.messageId(), shell,
                "<rsp:Signal CommandId=\"" + commandId + "\"><rsp:Code>" + Wsman.SIGNAL_TERMINATE + "</rsp:Code></rsp:Signal>"));
        post(RawWsman.envelope(Wsman.DELETE, RawWsman.messageId(), shell, ""));
        Matcher m = STDOUT.matcher(received);
        return m.find() ? new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.US_ASCII) : "";
    }

    String post(String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = "POST /wsman HTTP/1.1\r\nHost: " + hostHeader + "\r\nAuthorization: " + authorization
                + "\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + content.length + "\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(content);
        out.flush();
        String status = line();
        int length = 0;
        for (String header = line(); !header.isEmpty(); header = line()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        String response = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        if (!status.startsWith("HTTP/1.1 200")) {
            throw new IOException(status + " " + response);
        }
        return response;
    }

    private String line() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c != '\r') {
                b.append((char) c);
            }
        }
        return b.toString();
    }

    private static String match(Pattern p, String text) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) {
            throw new IOException("unexpected response: " + text);
        }
        return m.group(1);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}

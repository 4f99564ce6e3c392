package org.wsusremediator.scan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * A WinRM endpoint that misbehaves on purpose, on a loopback address: it reads each HTTP request and answers
 * in one hostile way. Raw sockets, so that it can do what a well-behaved server library would not (trickle the
 * status line, stream without end). Every connection is closed when the server is.
 */
final class HostileServer implements AutoCloseable {

    enum Behaviour {
        /** The response, status line included, one byte a second, never complete. */
        TRICKLE,
        /** The status line and headers at once, then the body one byte a second, never complete. */
        TRICKLE_BODY,
        /** 200 with a chunked XML body that never ends. */
        ENDLESS_BODY,
        /** 200 announcing a 100 MB body, and streaming it. */
        HUGE_BODY,
        /** 401 to every request at once, on its head (before its body), offering Negotiate and NTLM, never a challenge. */
        UNAUTHORIZED,
        /** The same 401, after reading the request's body, keeping the connection open. */
        UNAUTHORIZED_AFTER_BODY,
        /**
         * 401 at once on the request's head, then the connection is closed without reading the body: what a loaded
         * machine turns {@link #UNAUTHORIZED} into when the client is still writing the body as the 401 arrives.
         */
        UNAUTHORIZED_THEN_CLOSE,
        /**
         * The first request of a connection gets the 401 (after its body); the next one, the client's NEGOTIATE, has
         * the connection closed under it: the deterministic form of the race above (the host asked for a login, and
         * the client only sees a closed connection).
         */
        UNAUTHORIZED_THEN_DROP
    }

    private static final byte[] XML_START = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><x>")
            .getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final Behaviour behaviour;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicInteger openConnections = new AtomicInteger();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();

    private HostileServer(ServerSocket server, Behaviour behaviour) {
        this.server = server;
        this.behaviour = behaviour;
        threads.execute(this::accept);
    }

    static HostileServer start(String address, Behaviour behaviour) throws IOException {
        return new HostileServer(new ServerSocket(0, 50, InetAddress.getByName(address)), behaviour);
    }

    /** A TLS server with the given context (its certificate); {@code behaviour} applies after a handshake. */
    static HostileServer startTls(String address, SSLContext tls, Behaviour behaviour) throws IOException {
        return new HostileServer(tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getByName(address)), behaviour);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The values of every Authorization header received (e.g. {@code NTLM TlRMTVNT...}). */
    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    int requests() {
        return requests.get();
    }

    long bytesSent() {
        return bytesSent.get();
    }

    /** Connections the client has not closed yet (ours end when theirs do). */
    int openConnections() {
        return openConnections.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                openConnections.incrementAndGet();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            long bodyLength;
            int onThisConnection = 0;
            while ((bodyLength = readHead(in)) >= 0) {
                if (behaviour == Behaviour.UNAUTHORIZED_THEN_DROP && onThisConnection++ > 0) {
                    requests.incrementAndGet();
                    return;
                }
                requests.incrementAndGet();
                if (behaviour == Behaviour.UNAUTHORIZED_THEN_CLOSE) {
                    send(out, ("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\n"
                            + "WWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    return;
                }
                if (behaviour != Behaviour.UNAUTHORIZED) {
                    in.skipNBytes(bodyLength);
                }
                switch (behaviour) {
                    case TRICKLE -> trickle(out, 0);
                    case TRICKLE_BODY -> trickle(out, Integer.MAX_VALUE);
                    case ENDLESS_BODY -> endless(out);
                    case HUGE_BODY -> huge(out);
                    case UNAUTHORIZED_THEN_CLOSE -> { }
                    case UNAUTHORIZED_THEN_DROP -> send(out, ("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\n"
                            + "WWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    case UNAUTHORIZED_AFTER_BODY -> send(out, ("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\n"
                            + "WWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    case UNAUTHORIZED -> {
                        // At once, on the request's head, then the body is read (and ignored).
                        send(out, ("HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\n"
                                + "WWW-Authenticate: NTLM\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                        in.skipNBytes(bodyLength);
                    }
                }
            }
        } catch (IOException | InterruptedException gone) {
            // the client went away, or the server is closing
        } finally {
            openConnections.decrementAndGet();
            connections.remove(socket);
        }
    }

    /** Sends the first {@code atOnce} bytes of the head at once, everything else a byte a second. */
    private void trickle(OutputStream out, int atOnce) throws IOException, InterruptedException {
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: 100000\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        int first = Math.min(atOnce, response.length);
        send(out, java.util.Arrays.copyOf(response, first));
        for (int i = first; ; i++) {
            out.write(i < response.length ? response[i] : ' ');
            out.flush();
            bytesSent.incrementAndGet();
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private void endless(OutputStream out) throws IOException {
        send(out, "HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        sendChunk(out, XML_START);
        byte[] filler = "A".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
        while (true) {
            sendChunk(out, filler);
        }
    }

    private void huge(OutputStream out) throws IOException {
        long size = 100L * 1024 * 1024;
        send(out, ("HTTP/1.1 200 OK\r\nContent-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + size + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        send(out, XML_START);
        byte[] filler = "A".repeat(16 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (long sent = XML_START.length; sent < size; sent += filler.length) {
            send(out, filler);
        }
    }

    private void sendChunk(OutputStream out, byte[] data) throws IOException {
        send(out, (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        send(out, data);
        send(out, "\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void send(OutputStream out, byte[] data) throws IOException {
        out.write(data);
        out.flush();
        bytesSent.addAndGet(data.length);
    }

    /** Reads one request's head; its Content-Length, or -1 when the client closed the connection. */
    private long readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                return -1;
            }
            head.write(b);
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > 64 * 1024) {
                throw new IOException("request head too large");
            }
        }
        long length = 0;
        for (String line : head.toString(StandardCharsets.US_ASCII).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("authorization:")) {
                authorizations.add(line.substring(14).trim());
            }
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            }
        }
        return length;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.forEach(s -> {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        });
        threads.shutdownNow();
    }
}

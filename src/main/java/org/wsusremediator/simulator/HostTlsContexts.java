package org.wsusremediator.simulator;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.channel.socket.SocketChannel;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The TLS side of the hosts' HTTPS listeners. A host's certificate and TLS context are made on its first
 * connection, not at start: a fleet of thousands of HTTPS hosts that a test visits a handful of starts in the
 * time of one CA (docs/simulator-https.md).
 */
final class HostTlsContexts {

    /** A client that connects and never finishes the handshake is dropped after this. */
    private static final long HANDSHAKE_TIMEOUT_MS = 10_000;

    private final LabCertificateAuthority authority;
    private final Map<SimulatedHost, SslContext> contexts = new ConcurrentHashMap<>();
    private final HandshakeRecorder recorder = new HandshakeRecorder();

    HostTlsContexts(LabCertificateAuthority authority) {
        this.authority = authority;
    }

    /** Puts TLS in front of the HTTP handlers of a connection to {@code host}'s HTTPS listener. */
    void addTo(SocketChannel channel, SimulatedHost host) {
        SslHandler tls = contextFor(host).newHandler(channel.alloc());
        tls.setHandshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MS);
        channel.pipeline().addLast(tls, recorder);
    }

    SslContext contextFor(SimulatedHost host) {
        return contexts.computeIfAbsent(host, this::newContext);
    }

    private SslContext newContext(SimulatedHost host) {
        List<X509Certificate> chain = authority.chainFor(host.name(), host.address(), host.https().certificate());
        try {
            return SslContextBuilder.forServer(authority.hostKey(), chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot set up TLS for simulated host " + host.name() + ": " + e, e);
        }
    }

    /** Counts each host's completed and failed handshakes: proof of whether a client got past TLS. */
    @ChannelHandler.Sharable
    private static final class HandshakeRecorder extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof SslHandshakeCompletionEvent done) {
                SimulatedHost host = ctx.channel().parent().attr(WsmanHttpHandler.HOST).get();
                if (host != null) {
                    host.countTlsHandshake(done.isSuccess());
                }
            }
            super.userEventTriggered(ctx, event);
        }
    }
}

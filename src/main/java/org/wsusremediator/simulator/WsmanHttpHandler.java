package org.wsusremediator.simulator;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.wsusremediator.simulator.ntlm.NtlmSessionSecurity;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of every simulated host (one shared instance): {@code POST /wsman} only; the host's authentication
 * schemes ({@link HttpAuthentication}: Basic, NTLM under Negotiate), WS-Man message encryption
 * ({@link EncryptedMessage}) and AllowUnencrypted; then the {@link WsmanService}. Runs on the event loop, so it never blocks: latency, held Receives and delayed faults are
 * scheduled on the channel's executor.
 */
@ChannelHandler.Sharable
final class WsmanHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Set on each host's server channel; child channels find their host through their parent. */
    static final AttributeKey<SimulatedHost> HOST = AttributeKey.valueOf("wsus.simulatedHost");
    /** Set on each connection at its first request: its client's label ({@link CommandClients}). */
    private static final AttributeKey<String> CLIENT = AttributeKey.valueOf("wsus.client");

    private static final Logger LOG = LoggerFactory.getLogger(WsmanHttpHandler.class);
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    private final WsmanService service;
    private final HttpAuthentication authentication;
    private final StatisticsRecorder statistics;
    private final java.util.function.BiFunction<java.net.InetSocketAddress, java.net.InetSocketAddress, String> clientLabels;

    WsmanHttpHandler(WsmanService service, HttpAuthentication authentication, StatisticsRecorder statistics,
            java.util.function.BiFunction<java.net.InetSocketAddress, java.net.InetSocketAddress, String> clientLabels) {
        this.service = service;
        this.authentication = authentication;
        this.statistics = statistics;
        this.clientLabels = clientLabels;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        SimulatedHost host = ctx.channel().parent().attr(HOST).get();
        if (!host.answersWinRm()) {
            // Shut down (or booted without its WinRM service yet): the connection dies without an answer.
            ctx.close();
            return;
        }
        statistics.request(host);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        WsmanReply reply = CommandClients.serving(clientLabel(ctx), () -> handle(ctx, host, request, endpointOf(ctx, host)));
        deliver(ctx, reply, host.latencyMs(), keepAlive);
    }

    /** Who the connection's client is ({@link CommandClients}): labelled at its first request, kept for its life. */
    private String clientLabel(ChannelHandlerContext ctx) {
        String label = ctx.channel().attr(CLIENT).get();
        if (label == null) {
            java.net.InetSocketAddress peer = ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress p ? p : null;
            java.net.InetSocketAddress local = ctx.channel().localAddress() instanceof java.net.InetSocketAddress l ? l : null;
            label = clientLabels.apply(peer, local);
            if (label == null) {
                label = CommandClients.peer(peer, local);
            }
            ctx.channel().attr(CLIENT).set(label);
        }
        return label;
    }

    /** The URL the client used: the HTTPS listener's when TLS is in front of this handler. */
    private static String endpointOf(ChannelHandlerContext ctx, SimulatedHost host) {
        boolean tls = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
        int port = ctx.channel().localAddress() instanceof java.net.InetSocketAddress local ? local.getPort() : host.port();
        return (tls ? "https://" : "http://") + host.address() + ":" + port + "/wsman";
    }

    private WsmanReply handle(ChannelHandlerContext ctx, SimulatedHost host, FullHttpRequest request, String endpoint) {
        if (!request.decoderResult().isSuccess()) {
            statistics.action(StatisticsRecorder.NOT_WSMAN);
            return new WsmanReply.Respond(400, "");
        }
        if (host.hasFault(HostFault.UNAUTHORIZED)) {
            statistics.action(StatisticsRecorder.UNAUTHORIZED);
            return unauthorized(host);
        }
        String path = request.uri();
        int query = path.indexOf('?');
        if (!(query < 0 ? path : path.substring(0, query)).equalsIgnoreCase("/wsman")) {
            statistics.action(StatisticsRecorder.NOT_WSMAN);
            return new WsmanReply.Respond(404, "");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            statistics.action(StatisticsRecorder.NOT_WSMAN);
            return new WsmanReply.Respond(405, "");
        }
        ConnectionLogon logon = logonOf(ctx);
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        HttpAuthentication.Outcome auth = authentication.authenticate(host, logon, authorization);
        if (auth instanceof HttpAuthentication.Outcome.Challenge c) {
            statistics.action(StatisticsRecorder.CHALLENGE);
            return new WsmanReply.Unauthorized(List.of(c.wwwAuthenticate()));
        }
        HttpAuthentication.Outcome.LoggedOn loggedOn = auth instanceof HttpAuthentication.Outcome.LoggedOn l ? l : null;
        if (loggedOn != null && loggedOn.mechanism() == HttpAuthentication.Mechanism.NTLM
                && request.headers().contains(HttpHeaderNames.AUTHORIZATION)) {
            host.countLogon();
        }
        if (auth instanceof HttpAuthentication.Outcome.Refused r) {
            LOG.debug("{}: credentials refused: {}", host.name(), r.reason());
        }
        WsmanReply reply = handleBody(ctx, host, request, logon, loggedOn, endpoint);
        return loggedOn != null && loggedOn.wwwAuthenticate() != null
                ? new WsmanReply.WithAuthenticate(reply, loggedOn.wwwAuthenticate()) : reply;
    }

    /** The body: unsealed if encrypted, refused if plain where the host wants encryption, else handled. */
    private WsmanReply handleBody(ChannelHandlerContext ctx, SimulatedHost host, FullHttpRequest request,
                                  ConnectionLogon logon, HttpAuthentication.Outcome.LoggedOn loggedOn, String endpoint) {
        WinRmServiceSpec winrm = host.winrm();
        String user = loggedOn == null ? null : loggedOn.account();
        byte[] body = ByteBufUtil.getBytes(request.content());
        NtlmSessionSecurity security = null;
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        if (EncryptedMessage.isEncrypted(contentType)) {
            if (user == null || loggedOn.mechanism() != HttpAuthentication.Mechanism.NTLM || logon.security() == null) {
                // Sealed with no session to unseal it: nothing can be read (*guess*: refused as unauthenticated).
                statistics.action(StatisticsRecorder.UNAUTHORIZED);
                return unauthorized(host);
            }
            try {
                EncryptedMessage.Parts parts = EncryptedMessage.parse(contentType, body);
                body = logon.security().unseal(parts.signature(), parts.sealed());
            } catch (EncryptedMessage.Malformed | NtlmSessionSecurity.SignatureMismatch e) {
                // The session's RC4 state is spent: the logon ends with the connection (*guess*: 400, then close).
                LOG.info("{}: encrypted request refused on {}: {}", host.name(), ctx.channel(), e.getMessage());
                logon.end();
                statistics.action(StatisticsRecorder.INVALID);
                return new WsmanReply.Respond(400, "");
            }
            security = logon.security();
            host.countSealed();
        }
        if (body.length == 0 && user != null) {
            // pywinrm completes the NTLM handshake with an empty POST before it encrypts anything (*guess*: 200, empty).
            statistics.action(StatisticsRecorder.EMPTY);
            return new WsmanReply.Respond(200, "");
        }
        WsmanRequest parsed;
        try {
            parsed = WsmanParser.parse(new java.io.ByteArrayInputStream(body));
        } catch (WsmanParser.InvalidRequest e) {
            statistics.action(StatisticsRecorder.INVALID);
            if (user == null) {
                return unauthorized(host);
            }
            LOG.debug("{}: rejected request: {}", host.name(), e.getMessage());
            return sealed(WsmanService.fault(host, null, WsmanFault.invalidXml(e.getMessage())), security);
        }
        if (parsed.isIdentify() && security == null) {
            // answered without credentials, like Windows does for an unauthenticated Identify
            statistics.action(Wsman.IDENTIFY);
            return WsmanReply.ok(WsmanXml.identifyResponse(host));
        }
        if (user == null) {
            statistics.action(StatisticsRecorder.UNAUTHORIZED);
            return unauthorized(host);
        }
        if (security == null && !Boolean.TRUE.equals(winrm.allowUnencrypted()) && !overTls(ctx)) {
            return refuseUnencrypted(host, logon, loggedOn);
        }
        statistics.action(Wsman.shortName(parsed.action()));
        int maxEnvelope = host.wsmanStack().maxEnvelopeBytes();
        if (maxEnvelope > 0 && body.length > maxEnvelope) {
            // WinRM 1.1's MaxEnvelopeSizekb (of the SOAP envelope, unsealed): refused whole, nothing of it runs
            return sealed(WsmanService.fault(host, parsed, WsmanFault.envelopeTooLarge(maxEnvelope)), security);
        }
        if (loggedOn.mechanism() == HttpAuthentication.Mechanism.BASIC) {
            host.countBasic();
        }
        return sealed(service.handle(host, user, parsed, endpoint), security);
    }

    /**
     * Plain SOAP over HTTP to a host with AllowUnencrypted false. After an NTLM logon Windows answers 401 again and
     * again (hashicorp/packer#6205, from a capture); Basic credentials in clear text get HTTP 500
     * (diyan/pywinrm#208). See docs/simulator-authentication.md.
     */
    private WsmanReply refuseUnencrypted(SimulatedHost host, ConnectionLogon logon, HttpAuthentication.Outcome.LoggedOn loggedOn) {
        statistics.action(StatisticsRecorder.UNENCRYPTED);
        LOG.debug("{}: unencrypted request refused (AllowUnencrypted is false)", host.name());
        if (loggedOn.mechanism() == HttpAuthentication.Mechanism.NTLM) {
            logon.end();
            return unauthorized(host);
        }
        return WsmanService.fault(host, null, WsmanFault.unencryptedRefused());
    }

    /** TLS (the HTTPS listener) encrypts the whole exchange, so AllowUnencrypted does not apply there. */
    private static boolean overTls(ChannelHandlerContext ctx) {
        return ctx.pipeline().get(SslHandler.class) != null;
    }

    private static ConnectionLogon logonOf(ChannelHandlerContext ctx) {
        ConnectionLogon logon = ctx.channel().attr(ConnectionLogon.KEY).get();
        if (logon == null) {
            logon = new ConnectionLogon();
            ctx.channel().attr(ConnectionLogon.KEY).set(logon);
        }
        return logon;
    }

    private WsmanReply unauthorized(SimulatedHost host) {
        return new WsmanReply.Unauthorized(authentication.offers(host));
    }

    /** Seals every response the reply will carry, when the request was sealed. */
    private static WsmanReply sealed(WsmanReply reply, NtlmSessionSecurity security) {
        if (security == null) {
            return reply;
        }
        if (reply instanceof WsmanReply.Respond r) {
            return new WsmanReply.Sealed(r.status(), EncryptedMessage.seal(security, r.body().getBytes(StandardCharsets.UTF_8)));
        }
        if (reply instanceof WsmanReply.Delayed d) {
            return new WsmanReply.Delayed(sealed(d.reply(), security), d.delayMs());
        }
        return reply;
    }

    private void deliver(ChannelHandlerContext ctx, WsmanReply reply, long delayMs, boolean keepAlive) {
        if (reply instanceof WsmanReply.Delayed d) {
            deliver(ctx, d.reply(), delayMs + d.delayMs(), keepAlive);
        } else if (reply instanceof WsmanReply.Hold h) {
            hold(ctx, h.maxMs());
        } else if (reply instanceof WsmanReply.Drop) {
            later(ctx, delayMs, ctx::close);
        } else if (reply instanceof WsmanReply.Unauthorized u) {
            later(ctx, delayMs, () -> write(ctx, unauthorized(u), keepAlive));
        } else if (reply instanceof WsmanReply.Respond r) {
            later(ctx, delayMs, () -> write(ctx, response(r), keepAlive));
        } else if (reply instanceof WsmanReply.Sealed s) {
            later(ctx, delayMs, () -> write(ctx, response(s), keepAlive));
        } else if (reply instanceof WsmanReply.WithAuthenticate w) {
            later(ctx, delayMs, () -> {
                // only a direct answer carries the token; held or dropped answers have none to carry
                FullHttpResponse response = w.reply() instanceof WsmanReply.Sealed s ? response(s)
                        : w.reply() instanceof WsmanReply.Respond r ? response(r) : null;
                if (response == null) {
                    deliver(ctx, w.reply(), 0, keepAlive);
                    return;
                }
                response.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, w.wwwAuthenticate());
                write(ctx, response, keepAlive);
            });
        }
    }

    /** Keeps the request unanswered; releases everything when the client hangs up or the cap is reached. */
    private void hold(ChannelHandlerContext ctx, long maxMs) {
        statistics.holdStarted();
        ScheduledFuture<?> cap = ctx.executor().schedule(() -> ctx.close(), maxMs, TimeUnit.MILLISECONDS);
        ctx.channel().closeFuture().addListener(f -> {
            cap.cancel(false);
            statistics.holdEnded();
        });
    }

    private static void later(ChannelHandlerContext ctx, long delayMs, Runnable action) {
        if (delayMs <= 0) {
            action.run();
        } else {
            ctx.executor().schedule(action, delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            response.release();
            return;
        }
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static FullHttpResponse response(WsmanReply.Respond r) {
        byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(r.status()), Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.SERVER, "Microsoft-HTTPAPI/2.0");
        if (body.length > 0) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, SOAP_CONTENT_TYPE);
        }
        if (r.status() == 405) {
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static FullHttpResponse response(WsmanReply.Sealed s) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(s.status()), Unpooled.wrappedBuffer(s.body()));
        response.headers().set(HttpHeaderNames.SERVER, "Microsoft-HTTPAPI/2.0");
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, EncryptedMessage.CONTENT_TYPE);
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, s.body().length);
        return response;
    }

    /** 401 with the host's offers (Negotiate, and Basic only when it is on) or with an NTLM CHALLENGE. */
    private static FullHttpResponse unauthorized(WsmanReply.Unauthorized u) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
                Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.SERVER, "Microsoft-HTTPAPI/2.0");
        for (String challenge : u.challenges()) {
            response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, challenge);
        }
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}

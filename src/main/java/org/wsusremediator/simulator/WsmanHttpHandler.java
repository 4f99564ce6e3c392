package org.wsusremediator.simulator;

import io.netty.buffer.ByteBufInputStream;
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
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP side of every simulated host (one shared instance): {@code POST /wsman} only, Basic auth, then the
 * {@link WsmanService}. Runs on the event loop, so it never blocks: latency, held Receives and delayed faults are
 * scheduled on the channel's executor.
 */
@ChannelHandler.Sharable
final class WsmanHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    /** Set on each host's server channel; child channels find their host through their parent. */
    static final AttributeKey<SimulatedHost> HOST = AttributeKey.valueOf("wsus.simulatedHost");

    private static final Logger LOG = LoggerFactory.getLogger(WsmanHttpHandler.class);
    private static final String SOAP_CONTENT_TYPE = "application/soap+xml;charset=UTF-8";

    private final WsmanService service;
    private final BasicAuthenticator authenticator;
    private final StatisticsRecorder statistics;

    WsmanHttpHandler(WsmanService service, BasicAuthenticator authenticator, StatisticsRecorder statistics) {
        this.service = service;
        this.authenticator = authenticator;
        this.statistics = statistics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        SimulatedHost host = ctx.channel().parent().attr(HOST).get();
        statistics.request(host);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        WsmanReply reply = handle(host, request, endpointOf(ctx, host));
        deliver(ctx, reply, host.latencyMs(), keepAlive);
    }

    /** The URL the client used: the HTTPS listener's when TLS is in front of this handler. */
    private static String endpointOf(ChannelHandlerContext ctx, SimulatedHost host) {
        boolean tls = ctx.pipeline().get(io.netty.handler.ssl.SslHandler.class) != null;
        int port = ctx.channel().localAddress() instanceof java.net.InetSocketAddress local ? local.getPort() : host.port();
        return (tls ? "https://" : "http://") + host.address() + ":" + port + "/wsman";
    }

    private WsmanReply handle(SimulatedHost host, FullHttpRequest request, String endpoint) {
        if (!request.decoderResult().isSuccess()) {
            statistics.action(StatisticsRecorder.NOT_WSMAN);
            return new WsmanReply.Respond(400, "");
        }
        if (host.hasFault(HostFault.UNAUTHORIZED)) {
            statistics.action(StatisticsRecorder.UNAUTHORIZED);
            return new WsmanReply.Unauthorized();
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
        String user = authenticator.authenticate(request.headers().get(HttpHeaderNames.AUTHORIZATION));
        WsmanRequest parsed;
        try {
            parsed = WsmanParser.parse(new ByteBufInputStream(request.content()));
        } catch (WsmanParser.InvalidRequest e) {
            statistics.action(StatisticsRecorder.INVALID);
            if (user == null) {
                return new WsmanReply.Unauthorized();
            }
            LOG.debug("{}: rejected request: {}", host.name(), e.getMessage());
            return WsmanService.fault(host, null, WsmanFault.invalidXml(e.getMessage()));
        }
        if (parsed.isIdentify()) {
            // answered without credentials, like Windows does for an unauthenticated Identify
            statistics.action(Wsman.IDENTIFY);
            return WsmanReply.ok(WsmanXml.identifyResponse(host));
        }
        if (user == null) {
            statistics.action(StatisticsRecorder.UNAUTHORIZED);
            return new WsmanReply.Unauthorized();
        }
        statistics.action(Wsman.shortName(parsed.action()));
        int maxEnvelope = host.wsmanStack().maxEnvelopeBytes();
        if (maxEnvelope > 0 && request.content().writerIndex() > maxEnvelope) {
            // WinRM 1.1's MaxEnvelopeSizekb: the envelope is refused whole, nothing of it runs
            return WsmanService.fault(host, parsed, WsmanFault.envelopeTooLarge(maxEnvelope));
        }
        return service.handle(host, user, parsed, endpoint);
    }

    private void deliver(ChannelHandlerContext ctx, WsmanReply reply, long delayMs, boolean keepAlive) {
        if (reply instanceof WsmanReply.Delayed d) {
            deliver(ctx, d.reply(), delayMs + d.delayMs(), keepAlive);
        } else if (reply instanceof WsmanReply.Hold h) {
            hold(ctx, h.maxMs());
        } else if (reply instanceof WsmanReply.Drop) {
            later(ctx, delayMs, ctx::close);
        } else if (reply instanceof WsmanReply.Unauthorized) {
            later(ctx, delayMs, () -> write(ctx, unauthorized(), keepAlive));
        } else if (reply instanceof WsmanReply.Respond r) {
            later(ctx, delayMs, () -> write(ctx, response(r), keepAlive));
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

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
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

    /** Windows offers Negotiate and (when enabled) Basic; clients pick Basic from the challenge. */
    private static FullHttpResponse unauthorized() {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.UNAUTHORIZED,
                Unpooled.EMPTY_BUFFER);
        response.headers().set(HttpHeaderNames.SERVER, "Microsoft-HTTPAPI/2.0");
        response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Negotiate");
        response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Basic realm=\"WSMAN\"");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
        return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}

package org.wsusremediator.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Each simulated host's listening sockets and open connections, so that a host can go down and come back
 * ({@link HostPower}): going down closes its listeners (new connections are refused) and drops its connections (a
 * client's request in flight gets no answer, as when Windows shuts down under it); coming back listens again.
 * Never blocks: closing and binding complete on the event loop, and a bind that finds the address still in use (the
 * old socket closing) is tried again shortly.
 */
final class HostListeners implements HostPower.Network {

    private static final Logger LOG = LoggerFactory.getLogger(HostListeners.class);
    private static final int BIND_ATTEMPTS = 40;
    private static final long BIND_RETRY_MS = 50;

    private final Map<SimulatedHost, List<Channel>> listening = new ConcurrentHashMap<>();
    private final Map<SimulatedHost, ChannelGroup> connections = new ConcurrentHashMap<>();
    private volatile ServerBootstrap http;
    private volatile ServerBootstrap https;
    private volatile boolean closed;

    void bootstraps(ServerBootstrap http, ServerBootstrap https) {
        this.http = http;
        this.https = https;
    }

    /** A connection the host accepted (closed ones leave the group by themselves). */
    void accepted(SimulatedHost host, Channel connection) {
        connections.computeIfAbsent(host, h -> new DefaultChannelGroup(GlobalEventExecutor.INSTANCE)).add(connection);
    }

    /** A listening socket of the host. */
    void bound(SimulatedHost host, Channel listener) {
        listening.computeIfAbsent(host, h -> new CopyOnWriteArrayList<>()).add(listener);
    }

    @Override
    public void stop(SimulatedHost host) {
        List<Channel> listeners = listening.remove(host);
        if (listeners != null) {
            listeners.forEach(Channel::close);
        }
        ChannelGroup open = connections.get(host);
        if (open != null) {
            open.close();
        }
    }

    @Override
    public void start(SimulatedHost host) {
        if (closed || host.hasFault(HostFault.REFUSE_CONNECTION)) {
            return;
        }
        if (host.hasHttpListener()) {
            bind(http, host, host.port(), BIND_ATTEMPTS);
        }
        if (host.https() != null) {
            bind(https, host, host.https().port(), BIND_ATTEMPTS);
        }
    }

    private void bind(ServerBootstrap bootstrap, SimulatedHost host, int port, int attemptsLeft) {
        ChannelFuture f = bootstrap.clone().attr(WsmanHttpHandler.HOST, host).bind(new InetSocketAddress(host.address(), port));
        f.addListener(done -> {
            if (done.isSuccess()) {
                if (closed || !host.answersWinRm()) {
                    f.channel().close(); // the simulator closed, or the host went down again meanwhile
                } else {
                    bound(host, f.channel());
                }
            } else if (attemptsLeft > 1 && !closed) {
                f.channel().eventLoop().schedule(() -> bind(bootstrap, host, port, attemptsLeft - 1), BIND_RETRY_MS,
                        TimeUnit.MILLISECONDS);
            } else {
                LOG.warn("{}: cannot listen again on {}:{} after its restart: {}", host.name(), host.address(), port,
                        done.cause() == null ? "simulator closed" : done.cause().toString());
            }
        });
    }

    /** Closes every listener and connection (the simulator closes). */
    void closeAll() {
        closed = true;
        listening.values().forEach(list -> list.forEach(Channel::close));
        listening.clear();
        connections.values().forEach(ChannelGroup::close);
    }
}

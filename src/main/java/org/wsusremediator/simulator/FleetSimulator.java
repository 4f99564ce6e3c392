package org.wsusremediator.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A fleet of simulated Windows hosts speaking WS-Management (WinRM) over HTTP on loopback: one listening socket
 * per host (its own 127.x.y.z address), all served by one small Netty event-loop group so that ten thousand hosts
 * start in seconds and never block each other. Hosts with fault refuseConnection are not bound at all. A host
 * whose {@code winrm} section asks for HTTPS also listens on its HTTPS port, with a certificate of the
 * {@link LabCertificateAuthority} made at start (docs/simulator-https.md).
 *
 * <pre>{@code
 * try (FleetSimulator sim = FleetSimulator.start(FleetFile.load(path), System.getenv())) {
 *     String url = sim.endpoint("sp1-2008-x64");   // http://127.54.0.11:55985/wsman
 *     ...
 *     FleetStatistics stats = sim.statistics();
 * }
 * }</pre>
 */
public final class FleetSimulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FleetSimulator.class);
    private static final Duration DEFAULT_STALL_CAP = Duration.ofMinutes(10);
    private static final int MAX_REQUEST_BYTES = 1024 * 1024;
    /** The fleets running in this process: what local mode may act on (the CLI's lab rule, docs/server.md). */
    private static final java.util.Set<FleetSimulator> RUNNING = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Map<String, SimulatedHost> hosts;
    private final EventLoopGroup group;
    private final List<Channel> serverChannels;
    private final StatisticsRecorder statistics;
    private final LabCertificateAuthority authority;
    private final Path authorityFile;
    private final HostListeners listeners;

    private FleetSimulator(Map<String, SimulatedHost> hosts, EventLoopGroup group, List<Channel> serverChannels,
                           StatisticsRecorder statistics, LabCertificateAuthority authority, Path authorityFile,
                           HostListeners listeners) {
        this.listeners = listeners;
        this.hosts = hosts;
        this.group = group;
        this.serverChannels = serverChannels;
        this.statistics = statistics;
        this.authority = authority;
        this.authorityFile = authorityFile;
    }

    /** Starts the fleet with the standard commands; {@code environment} supplies the accounts' passwords. */
    public static FleetSimulator start(FleetFile fleet, Map<String, String> environment) {
        return builder(fleet).environment(environment).start();
    }

    /**
     * The fleets this process started and has not closed. Their hosts' addresses are bound by this process (loopback),
     * so nothing else can answer there while they run: the one thing that proves a host is simulated.
     */
    public static List<FleetSimulator> runningInThisProcess() {
        return List.copyOf(RUNNING);
    }

    public static Builder builder(FleetFile fleet) {
        return new Builder(fleet);
    }

    /** The live state of a host (to inspect or change it while the simulator runs). */
    public SimulatedHost host(String name) {
        SimulatedHost host = hosts.get(name);
        if (host == null) {
            throw new NoSuchElementException("no simulated host named '" + name + "'");
        }
        return host;
    }

    public List<SimulatedHost> hosts() {
        return List.copyOf(hosts.values());
    }

    /** The URL a WinRM client uses for the host, e.g. {@code http://127.54.0.11:55985/wsman}. */
    public String endpoint(String hostName) {
        SimulatedHost host = host(hostName);
        return "http://" + host.address() + ":" + host.port() + "/wsman";
    }

    /**
     * The URL of the host's HTTPS listener, e.g. {@code https://127.54.0.16:5986/wsman}.
     *
     * @throws NoSuchElementException if the host has no HTTPS listener
     */
    public String httpsEndpoint(String hostName) {
        SimulatedHost host = host(hostName);
        if (host.https() == null) {
            throw new NoSuchElementException("simulated host '" + hostName + "' has no HTTPS listener (winrm.https)");
        }
        return "https://" + host.address() + ":" + host.https().port() + "/wsman";
    }

    /** The lab CA made at start, or null when no host listens on HTTPS and no CA file was asked for. */
    public LabCertificateAuthority certificateAuthority() {
        return authority;
    }

    /** Where the lab CA's certificate was written (PEM) at start, or null when nowhere. */
    public Path certificateAuthorityFile() {
        return authorityFile;
    }

    public FleetStatistics statistics() {
        Map<String, Long> perHost = new LinkedHashMap<>();
        int maxShells = 0;
        for (SimulatedHost h : hosts.values()) {
            perHost.put(h.name(), h.requestCount());
            maxShells = Math.max(maxShells, h.maxOpenShells());
        }
        return new FleetStatistics(statistics.total(), Collections.unmodifiableMap(perHost), maxShells, statistics.actions());
    }

    /** Requests held unanswered right now (fault stall); they end when the client gives up. */
    public int heldRequests() {
        return statistics.held();
    }

    /** Closes every listening socket and connection and stops the event loops. */
    @Override
    public void close() {
        RUNNING.remove(this);
        hosts.values().forEach(h -> h.power().close());
        listeners.closeAll();
        for (Channel c : serverChannels) {
            c.close();
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static final class Builder {
        private final FleetFile fleet;
        private Map<String, String> environment = Map.of();
        private CommandRegistry commands = CommandRegistry.standard();
        private int eventLoopThreads = Math.max(2, Math.min(4, Runtime.getRuntime().availableProcessors()));
        private Duration stallCap = DEFAULT_STALL_CAP;
        private KerberosSettings kerberos;
        private Path authorityFile;
        private java.util.function.BiFunction<java.net.InetSocketAddress, java.net.InetSocketAddress, String> clientLabels =
                CommandClients::peer;

        private Builder(FleetFile fleet) {
            this.fleet = fleet;
        }

        /** Where the accounts' passwordEnv variables are looked up (e.g. System.getenv()). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        /** The programs and scripts the hosts know; {@link CommandRegistry#standard()} by default. */
        public Builder commands(CommandRegistry commands) {
            this.commands = commands;
            return this;
        }

        public Builder eventLoopThreads(int threads) {
            this.eventLoopThreads = threads;
            return this;
        }

        /** How long a stalled Receive is held before the connection is closed (10 minutes by default). */
        public Builder stallCap(Duration cap) {
            this.stallCap = cap;
            return this;
        }

        /**
         * The realm and keytab with which hosts whose {@code winrm.kerberos} is on accept Kerberos. Without it the
         * simulator's environment may name them ({@link KerberosSettings#fromEnvironment}); with neither, those hosts
         * neither offer nor accept Kerberos (a warning at start says so).
         */
        public Builder kerberos(KerberosSettings kerberos) {
            this.kerberos = kerberos;
            return this;
        }

        /**
         * Where to write the lab CA's certificate (PEM) at start, instead of the fleet file's
         * {@code certificateAuthority.certificateFile}.
         */
        public Builder certificateAuthorityFile(Path file) {
            this.authorityFile = file;
            return this;
        }

        /**
         * How the hosts name the client of a command ({@link SimulatedHost#clients()}): from the connection's peer and
         * local addresses; by default the peer's address and port. A label may be null (then the default applies).
         */
        public Builder clientLabels(
                java.util.function.BiFunction<java.net.InetSocketAddress, java.net.InetSocketAddress, String> labels) {
            this.clientLabels = java.util.Objects.requireNonNull(labels, "labels");
            return this;
        }

        /** Binds every host; fails (with nothing left listening) if any address cannot be bound. */
        public FleetSimulator start() {
            long started = System.nanoTime();
            BasicAuthenticator authenticator = BasicAuthenticator.of(fleet.accounts(), environment);
            Map<String, SimulatedHost> hosts = new LinkedHashMap<>();
            for (SimulatedHostSpec spec : fleet.hosts()) {
                hosts.put(spec.name(), new SimulatedHost(spec, fleet.defaults(), fleet.packages()));
            }
            StatisticsRecorder statistics = new StatisticsRecorder();
            KerberosAuthentication kerberosAuthentication = kerberosAuthentication(hosts.values());
            WsmanHttpHandler handler = new WsmanHttpHandler(new WsmanService(commands, stallCap.toMillis(), authenticator.redactor()),
                    new HttpAuthentication(authenticator, kerberosAuthentication), statistics, clientLabels);
            Path caFile = authorityFile != null ? authorityFile
                    : fleet.certificateAuthority() == null ? null : fleet.certificateAuthority().path();
            boolean anyHttps = hosts.values().stream().anyMatch(h -> h.https() != null);
            LabCertificateAuthority authority = anyHttps || caFile != null ? LabCertificateAuthority.create() : null;
            if (caFile != null) {
                authority.writeCertificatePem(caFile);
            }
            HostTlsContexts tls = anyHttps ? new HostTlsContexts(authority) : null;
            EventLoopGroup group = new MultiThreadIoEventLoopGroup(eventLoopThreads, NioIoHandler.newFactory());
            // Every host's listeners and connections, so that a restart can take the host off the network and back.
            HostListeners listeners = new HostListeners();
            ServerBootstrap http = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 128)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            listeners.accepted(ch.parent().attr(WsmanHttpHandler.HOST).get(), ch);
                            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), handler);
                        }
                    });
            // The same WS-Man handler behind TLS: what a request may do does not depend on the listener.
            ServerBootstrap https = http.clone().childHandler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    listeners.accepted(ch.parent().attr(WsmanHttpHandler.HOST).get(), ch);
                    tls.addTo(ch, ch.parent().attr(WsmanHttpHandler.HOST).get());
                    ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES), handler);
                }
            });
            listeners.bootstraps(http, https);
            List<SimulatedHost> bound = new ArrayList<>();
            List<Integer> ports = new ArrayList<>();
            List<ChannelFuture> binds = new ArrayList<>();
            for (SimulatedHost host : hosts.values()) {
                if (host.hasFault(HostFault.REFUSE_CONNECTION)) {
                    continue;
                }
                if (host.hasHttpListener()) {
                    bound.add(host);
                    ports.add(host.port());
                    binds.add(http.clone().attr(WsmanHttpHandler.HOST, host)
                            .bind(new InetSocketAddress(host.address(), host.port())));
                }
                if (host.https() != null) {
                    bound.add(host);
                    ports.add(host.https().port());
                    binds.add(https.clone().attr(WsmanHttpHandler.HOST, host)
                            .bind(new InetSocketAddress(host.address(), host.https().port())));
                }
            }
            List<Channel> channels = new ArrayList<>(binds.size());
            RuntimeException failure = null;
            for (int i = 0; i < binds.size(); i++) {
                ChannelFuture f = binds.get(i).awaitUninterruptibly();
                if (f.isSuccess()) {
                    channels.add(f.channel());
                    listeners.bound(bound.get(i), f.channel());
                } else if (failure == null) {
                    SimulatedHost h = bound.get(i);
                    failure = new IllegalStateException(
                            ListenFailure.describe(h.name(), h.address(), ports.get(i), f.cause()), f.cause());
                }
            }
            hosts.values().forEach(h -> h.power().network(listeners));
            FleetSimulator simulator = new FleetSimulator(Collections.unmodifiableMap(hosts), group, channels, statistics,
                    authority, caFile, listeners);
            if (failure != null) {
                simulator.close();
                throw failure;
            }
            LOG.info("Fleet simulator: {} listeners for {} hosts ({} refusing connections), {} event-loop threads, started in {} ms",
                    channels.size(), hosts.size(), hosts.values().stream().filter(h -> h.hasFault(HostFault.REFUSE_CONNECTION)).count(),
                    eventLoopThreads,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            RUNNING.add(simulator);
            return simulator;
        }

        private KerberosAuthentication kerberosAuthentication(Collection<SimulatedHost> hosts) {
            Optional<KerberosSettings> settings = kerberos != null ? Optional.of(kerberos)
                    : KerberosSettings.fromEnvironment(environment);
            KerberosAuthentication auth = KerberosAuthentication.of(settings, fleet.defaults(), fleet.accounts());
            long kerberosHosts = hosts.stream().filter(auth::configuredOn).count();
            if (kerberosHosts > 0 && settings.isEmpty()) {
                LOG.warn("Fleet simulator: {} hosts have winrm.kerberos on, but no keytab is configured ({} and {}): "
                        + "they neither offer nor accept Kerberos", kerberosHosts, KerberosSettings.KEYTAB_ENV,
                        KerberosSettings.REALM_ENV);
            } else if (kerberosHosts > 0) {
                LOG.info("Fleet simulator: {} hosts accept Kerberos for realm {}", kerberosHosts, settings.get().realm());
            }
            return auth;
        }
    }
}

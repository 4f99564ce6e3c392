package org.wsusremediator.winrm;

import io.cloudsoft.winrm4j.client.WinRmClientContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.cxf.Bus;
import org.apache.cxf.BusFactory;
import org.apache.cxf.transport.http.HTTPConduitConfigurer;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduit;
import org.apache.cxf.transport.http.asyncclient.AsyncHTTPConduitFactory;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

/**
 * {@code winrm:<name>?visitor=#bean} — visits the host named by the exchange body over WinRM, runs the
 * visitor in one shell, and replaces the body with what the visitor returns. The only place that knows WinRM4J.
 * One {@link WinRmClientContext} (one CXF bus) is shared by all visits and shut down with the component.
 * Credentials come with the exchange, resolved once per run (exchange property {@link WinRmConstants#CREDENTIALS});
 * the headers a visit sets are documented in {@link WinRmConstants}.
 */
public class WinRmComponent extends DefaultComponent {

    private static final String MAX_CONNECTIONS = "org.apache.cxf.transport.http.async.MAX_CONNECTIONS";
    private static final String MAX_PER_HOST_CONNECTIONS = "org.apache.cxf.transport.http.async.MAX_PER_HOST_CONNECTIONS";
    private static final int POOLED_CONNECTIONS = 256;

    /** A clean-up step after a missed deadline (signal, shell delete) waits at most this long, or the receive timeout. */
    private static final Duration MAX_CLEANUP_STEP = Duration.ofSeconds(10);

    static {
        // Before any HTTP client (and so its loggers) exists: no log level may print an Authorization header.
        WireLogs.silence();
        // WinRM4J and JAXB create XML factories per shell and per message: no class-path scan for each.
        XmlFactories.pinResolvedFactories();
    }

    private final ConduitSettings conduitSettings = new ConduitSettings();
    private final LoginWatch loginWatch = new LoginWatch();
    private Bus bus;
    private WrapperClassLookup wrapperClassLookup;
    private WinRmClientContext clientContext;
    private ScheduledExecutorService deadlines;

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        WinRmEndpoint endpoint = new WinRmEndpoint(uri, this);
        setProperties(endpoint, parameters);
        if (endpoint.getVisitor() == null) {
            throw new IllegalArgumentException("winrm endpoint " + uri + " needs a visitor, e.g. winrm:probe?visitor=#probeVisitor");
        }
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        WireLogs.requireSilent();
        bus = BusFactory.newInstance().createBus();
        // What WinRmClientContext.newInstance() would set: the async (Apache HttpComponents) transport, which
        // WinRM4J needs for NTLM; plus our per-host conduit settings.
        bus.getProperties().put(AsyncHTTPConduit.USE_ASYNC, Boolean.TRUE);
        bus.getProperties().put(AsyncHTTPConduitFactory.USE_POLICY, AsyncHTTPConduitFactory.UseAsyncPolicy.ALWAYS);
        // With Basic auth WinRM4J 0.12.3 sends through the bus's shared connection pool, and a visit's connection
        // is never reused (the next visit is another host): bound the pool, or idle connections pile up until the
        // process runs out of file descriptors. A full pool closes its least recently used idle connection.
        bus.getProperties().put(MAX_CONNECTIONS, Integer.toString(POOLED_CONNECTIONS));
        bus.getProperties().put(MAX_PER_HOST_CONNECTIONS, "2");
        bus.setExtension(conduitSettings, HTTPConduitConfigurer.class);
        // WinRM4J builds a JAX-WS proxy per client: search the class path for its (absent) wrapper classes once.
        wrapperClassLookup = WrapperClassLookup.installOn(bus);
        // A hostile host must not make us read an unbounded response (see ResponseSizeLimit).
        bus.getInInterceptors().add(new ResponseSizeLimit(ResponseSizeLimit.DEFAULT_MAX_BYTES));
        // A login the host asked for and never accepted is a refusal, whatever the connection did next (LoginWatch).
        bus.getOutInterceptors().add(loginWatch.outInterceptor());
        bus.getInInterceptors().add(loginWatch.inInterceptor());
        // Where the process keeps metrics (remediator serve binds its registry), every request is timed.
        MeterRegistry meters = getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        if (meters != null) {
            RequestMetrics requests = new RequestMetrics(meters, loginWatch);
            bus.getOutInterceptors().add(requests.outInterceptor());
            bus.getInInterceptors().add(requests.inInterceptor());
        }
        clientContext = WinRmClientContext.newInstance(bus);
        deadlines = getCamelContext().getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "WinRmVisitDeadlines");
    }

    @Override
    protected void doStop() throws Exception {
        if (deadlines != null) {
            getCamelContext().getExecutorServiceManager().shutdownNow(deadlines);
            deadlines = null;
        }
        if (clientContext != null) {
            clientContext.shutdown();
            clientContext = null;
        }
        if (bus != null) {
            bus.shutdown(true);
            bus = null;
        }
        super.doStop();
    }

    WinRmClientContext clientContext() {
        return clientContext;
    }

    /** The deadline of a visit that runs on the calling thread; see {@link VisitDeadline}. */
    VisitDeadline startDeadline(Duration budget, Duration receive) {
        Duration grace = receive.compareTo(MAX_CLEANUP_STEP) < 0 ? receive : MAX_CLEANUP_STEP;
        return VisitDeadline.start(deadlines, budget, grace);
    }

    WrapperClassLookup wrapperClassLookup() {
        return wrapperClassLookup;
    }

    LoginWatch loginWatch() {
        return loginWatch;
    }

    ConduitSettings conduitSettings() {
        return conduitSettings;
    }
}

package org.wsusremediator.server;

import java.time.Clock;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.Main;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.Schedule;

/**
 * The HTTP(S) side of {@code remediator serve}: a Camel context of its own with platform-http on Vert.x serving
 * {@code /api/v1} ({@link ApiRoutes}), the admin console's pages under {@code /console} and, on the management port, health ({@code /observe/health}) and Prometheus
 * metrics ({@code /observe/metrics}). The change-window scheduler and the runs live in the remediator's own
 * context; this one only answers requests and hands work to {@link ServerActions}.
 */
public final class ApiServer implements AutoCloseable {

    private final Main main;
    private final ServerMetrics metrics;
    private final int port;
    private final int managementPort;

    private ApiServer(Main main, ServerMetrics metrics, int port, int managementPort) {
        this.main = main;
        this.metrics = metrics;
        this.port = port;
        this.managementPort = managementPort;
    }

    /** Starts listening as configured, recording into {@code metrics}, which also count approvals pending. */
    public static ApiServer start(ServerStartup startup, Store store, ServerActions actions, ServerMetrics metrics,
            java.util.function.Function<ApiServices, org.apache.camel.RoutesBuilder> console) throws Exception {
        ServerConfig config = startup.config();
        AdminDirectory directory = startup.directory();
        Schedule schedule = startup.schedule();
        Clock clock = Clock.systemUTC();
        Api api = new Api(directory, store, config.inventories(), actions, metrics, clock);
        RunsApi runs = new RunsApi(api, store, schedule, actions, metrics, clock);
        WindowsApi windows = new WindowsApi(store, schedule, clock);
        metrics.countPending(api::pendingPlans);
        Authenticator authenticator = new Authenticator(directory, store, metrics, clock);

        Main main = new Main();
        main.configure().withRoutesCollectorEnabled(false);
        main.configure().httpServer().withEnabled(true).withHost(config.address().getHostAddress())
                .withPort(config.port()).withPath("/").withMaxBodySize(config.maxBodyBytes())
                .withUseGlobalSslContextParameters(config.tls());
        main.configure().httpManagementServer().withEnabled(true)
                .withHost(config.managementAddress().getHostAddress()).withPort(config.managementPort())
                .withPath("/").withUseGlobalSslContextParameters(false).withHealthCheckEnabled(true).withInfoEnabled(false)
                .withMetricsEnabled(true)
                .withDevConsoleEnabled(false).withJolokiaEnabled(false).withUploadEnabled(false)
                .withDownloadEnabled(false).withSendEnabled(false);
        if (config.tls()) {
            SSLContextParameters tls = startup.tls();
            main.configure().sslConfig().withEnabled(false);
            main.addMainListener(new org.apache.camel.main.MainListenerSupport() {
                @Override
                public void afterConfigure(org.apache.camel.main.BaseMainSupport m) {
                    // Before the HTTP server starts: its useGlobalSslContextParameters reads this.
                    m.getCamelContext().setSSLContextParameters(tls);
                }
            });
        }
        // Camel's Prometheus service (camel-micrometer-prometheus) serves /observe/metrics from the server's registry,
        // bound under the name it looks for, and adds this context's route metrics to it.
        main.bind("metricsRegistry", metrics.registry());
        // As properties: Camel Main configures its metrics service only from loaded camel.metrics.* properties.
        main.addOverrideProperty("camel.main.name", "remediator-api"); // apart from the remediator's in the metrics
        main.addInitialProperty("camel.metrics.enabled", "true");
        main.addInitialProperty("camel.metrics.enableRoutePolicy", "true");
        main.addInitialProperty("camel.metrics.textFormatVersion", "0.0.4");
        // Camel's health checks (camel-health): /observe/health answers UP while the context and its routes run.
        main.addInitialProperty("camel.health.enabled", "true");
        Reports reports = new Reports(api, runs, config.reportDir());
        main.configure().addRoutesBuilder(new ApiRoutes(api, runs, windows, authenticator, reports,
                new NodesApi(store, config.cluster(), clock)));
        // The console's pages, on the same server and through the same operations (docs/console.md).
        main.configure().addRoutesBuilder(console.apply(new ApiServices(api, runs, windows, reports, authenticator, config)));
        main.start();
        CamelContext context = main.getCamelContext();
        ManagementHttpServer management = context.hasService(ManagementHttpServer.class);
        MainHttpServer http = context.hasService(MainHttpServer.class);
        if (http == null || management == null) {
            main.stop();
            throw new ServerConfigException("the HTTP server or its management port did not start");
        }
        // The ports bound, which differ from the configured ones where those are 0 (any free port).
        int port = http.getRouter().getServer().getPort();
        int managementPort = management.getRouter().getServer().getPort();
        return new ApiServer(main, metrics, port, managementPort);
    }

    public int port() {
        return port;
    }

    public int managementPort() {
        return managementPort;
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        main.stop();
    }
}

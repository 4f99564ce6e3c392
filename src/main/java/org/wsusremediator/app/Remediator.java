package org.wsusremediator.app;

import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.Main;
import org.slf4j.bridge.SLF4JBridgeHandler;
import org.wsusremediator.apply.ApplyRequest;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.CredentialResolver;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.scan.ScanRun;

/**
 * The running application: Camel Main with the routes of {@code routes/}, started once per process (or per
 * test), and the entry points the CLI calls. Nothing here knows whether a host is real or simulated.
 */
public final class Remediator implements AutoCloseable {

    static {
        // SAAJ and parts of CXF log through java.util.logging: route it to SLF4J and its configured levels.
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    /** Exchange property the report routes (routes/report.camel.yaml) set: the JSON file they wrote. */
    static final String REPORT_FILE = "reportFile";

    /**
     * The route files a scan runs through: scan-fleet, visit-host (which acts only in a remediate run), the
     * report writers and the hosts' error handling. A process that only scans loads these and not the other
     * routes of {@code routes/} (plan runs, remediation, change-window and cluster templates): fewer routes to
     * read, build and start, fewer classes to load (README "Start-up").
     */
    static final String SCAN_ROUTES = String.join(",", "classpath:routes/scan.camel.yaml",
            "classpath:routes/visit-host.camel.yaml", "classpath:routes/report.camel.yaml",
            "classpath:routes/errors.camel.yaml");

    private final Main main;
    private final ProducerTemplate template;
    private final CredentialResolver credentials;
    private final boolean scansOnly;

    private Remediator(Main main, CredentialResolver credentials, boolean scansOnly) {
        this.main = main;
        this.template = main.getCamelContext().createProducerTemplate();
        this.credentials = credentials;
        this.scansOnly = scansOnly;
    }

    public static Remediator start(RunSettings settings) throws Exception {
        return start(settings, Map.of());
    }

    /** As {@link #start(RunSettings)}, with more beans bound by name (e.g. the quartz component of change windows). */
    public static Remediator start(RunSettings settings, Map<String, Object> beans) throws Exception {
        return start(settings, beans, false);
    }

    /**
     * A remediator that can only {@link #scan}: only the routes a scan uses are loaded ({@link #SCAN_ROUTES}), for
     * the commands that scan and nothing else (scan, plan). The other entry points refuse, rather than fail in a
     * route that was never loaded.
     */
    public static Remediator startForScans(RunSettings settings) throws Exception {
        return start(settings, Map.of(), true);
    }

    private static Remediator start(RunSettings settings, Map<String, Object> beans, boolean scansOnly) throws Exception {
        Main main = new Main();
        beans.forEach(main::bind);
        if (scansOnly) {
            // An override property: it wins over application.properties' pattern (every route file).
            main.addOverrideProperty("camel.main.routes-include-pattern", SCAN_ROUTES);
        }
        main.addOverrideProperty("report.dir", settings.reportDir().toString());
        main.addOverrideProperty("scan.parallelism", Integer.toString(settings.parallelism()));
        main.addOverrideProperty("apply.concurrency", Integer.toString(settings.parallelism()));
        if (settings.store() != null) {
            main.bind("store", settings.store());
        }
        main.start();
        return new Remediator(main, new CredentialResolver(settings.environment()), scansOnly);
    }

    /**
     * Scans every host of the inventory; the report is also written as JSON under the report folder. The
     * inventory's credentials are resolved here, once for the scan.
     */
    public ScanResult scan(Inventory inventory, ScanProgress progress) {
        return scan(inventory, credentials.resolveAll(inventory), progress);
    }

    /** As {@link #scan(Inventory, ScanProgress)}, with the credentials the caller already resolved (and checked). */
    public ScanResult scan(Inventory inventory, Map<String, Credential> resolved, ScanProgress progress) {
        return run("direct:scan", ScanRun.start("scan", inventory, resolved, progress));
    }

    /**
     * Acts on every host of the inventory as its action says (install, workaround, flag), verifying each.
     * Callers make sure this was confirmed: the remediator never acts unasked.
     */
    public ScanResult remediate(Inventory inventory, ScanProgress progress) {
        return remediate(inventory, credentials.resolveAll(inventory), progress);
    }

    /** As {@link #remediate(Inventory, ScanProgress)}, with the credentials the caller already resolved. */
    public ScanResult remediate(Inventory inventory, Map<String, Credential> resolved, ScanProgress progress) {
        requireAllRoutes("remediate");
        return run("direct:remediate", ScanRun.start("remediate", inventory, resolved, progress));
    }

    /**
     * Runs an approved plan: waves, deadline, failure budget, drift check and journal, as the request says.
     * The report is also written as JSON and HTML under the report folder. A request without resolved
     * credentials has them resolved here.
     */
    public RunResult apply(ApplyRequest request) {
        requireAllRoutes("apply");
        ApplyRequest resolved = request.credentials() != null ? request
                : request.withCredentials(credentials.resolveAll(request.inventory()));
        Exchange done = template.request("direct:apply-plan", exchange -> exchange.getIn().setBody(resolved));
        if (done.getException() != null) {
            RuntimeException failure = done.getException() instanceof RuntimeException r ? r
                    : new IllegalStateException(done.getException().getMessage(), done.getException());
            throw failure;
        }
        String file = done.getProperty(REPORT_FILE, String.class);
        return new RunResult(done.getMessage().getBody(RunReport.class), file == null ? null : Path.of(file));
    }

    private ScanResult run(String route, ScanRun scan) {
        Exchange done = template.request(route, exchange -> {
            exchange.getIn().setBody(scan.inventory());
            exchange.setProperty(ScanRun.PROPERTY, scan);
        });
        if (done.getException() != null) {
            throw new IllegalStateException(route + " failed: " + done.getException().getMessage(), done.getException());
        }
        String file = done.getProperty(REPORT_FILE, String.class);
        return new ScanResult(done.getMessage().getBody(ScanReport.class), file == null ? null : Path.of(file));
    }

    /** Adds the route of one change window, from the change-window template: Quartz fires it at the cron start. */
    public void addChangeWindow(String window, String cron, String timeZone) throws Exception {
        requireAllRoutes("addChangeWindow");
        TemplatedRouteBuilder.builder(main.getCamelContext(), "change-window")
                .routeId("window-" + window)
                .parameter("window", window)
                .parameter("cron", cron)
                .parameter("timeZone", timeZone)
                .add();
    }

    /**
     * Adds this node's share of the clustered runs (routes/wave-claims.camel.yaml): the poll every {@code period} and
     * the turns of claimed hosts. Beans {@code waveClaims} and {@code claimPool} must have been bound at start.
     */
    public void addWaveClaims(java.time.Duration period) throws Exception {
        requireAllRoutes("addWaveClaims");
        TemplatedRouteBuilder.builder(main.getCamelContext(), "claimed-host").routeId("claimed-host").add();
        TemplatedRouteBuilder.builder(main.getCamelContext(), "wave-claims").routeId("wave-claims")
                .parameter("period", Long.toString(period.toMillis())).add();
    }

    /**
     * Adds the plan-events route (expiry by itself and notifications, routes/plan-events.camel.yaml) from its template,
     * with the parameters {@code notify.PlanEvents#templateParameters} gives; its beans must have been bound at start.
     */
    public void addPlanEvents(Map<String, Object> parameters) throws Exception {
        requireAllRoutes("addPlanEvents");
        TemplatedRouteBuilder.builder(main.getCamelContext(), "plan-events")
                .routeId("plan-events")
                .parameters(parameters)
                .add();
    }

    /** The Camel context, for tests of what was started. */
    CamelContext camelContext() {
        return main.getCamelContext();
    }

    private void requireAllRoutes(String what) {
        if (scansOnly) {
            throw new IllegalStateException(what + " needs every route, and this remediator was started for scans only");
        }
    }

    @Override
    public void close() throws Exception {
        template.close();
        main.stop();
    }

    /** A run's report and where its JSON was written (the HTML page is next to it). */
    public record RunResult(RunReport report, Path reportFile) {
    }

    /** A scan's report and where its JSON was written. */
    public record ScanResult(ScanReport report, Path reportFile) {
    }
}

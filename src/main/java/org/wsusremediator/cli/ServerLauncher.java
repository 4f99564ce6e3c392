package org.wsusremediator.cli;

import org.apache.camel.component.micrometer.routepolicy.MicrometerRoutePolicyFactory;
import org.wsusremediator.consent.AuditAnchor;
import org.wsusremediator.consent.ServerKey;
import org.wsusremediator.notify.PlanEvents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.apply.WaveClaims;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlanKind;
import org.wsusremediator.report.Printable;
import org.wsusremediator.report.RunSummary;
import org.wsusremediator.scan.ScanProgress;
import org.wsusremediator.server.ApiServer;
import org.wsusremediator.server.ConfigFiles;
import org.wsusremediator.server.ServerActions;
import org.wsusremediator.server.ServerConfig;
import org.wsusremediator.server.ServerConfigException;
import org.wsusremediator.server.ServerMetrics;
import org.wsusremediator.server.ServerStartup;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.StoreException;
import org.wsusremediator.window.ChangeWindow;
import org.wsusremediator.window.ChangeWindowSteps;
import org.wsusremediator.store.NodeIdentity;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.StopSignal;
import org.wsusremediator.window.WindowScheduler;

/**
 * {@code serve --config}: the change-window scheduler and the API server in one process, wired with the CLI's own
 * paths: plans are made as {@code plan} makes them, and a run started through the API is prepared as a change
 * window's run is ({@link PreparedRun}), so the store and the reports cannot tell them apart but for their cause.
 */
final class ServerLauncher implements ServerActions {

    /** How often a clustered node looks for hosts of shared waves to claim (one indexed query when idle). */
    static final Duration CLAIM_POLL = Duration.ofSeconds(1);
    /**
     * How long past a node's check-in interval its claims are kept before they are released: Quartz's own grace
     * before it counts a node failed (docs/cluster.md).
     */
    static final Duration CLAIM_GRACE = Duration.ofMillis(7500);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean once;
    private final ExecutorService runs = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "api-run");
        t.setDaemon(true);
        return t;
    });
    /** The turns of hosts this node claimed: as many threads as it has slots (WaveClaims bounds the claims). */
    private ExecutorService claimPool;
    private ServerStartup startup;
    private Store store;
    private Remediator remediator;

    ServerLauncher(PrintWriter out, PrintWriter err, boolean once) {
        this.out = out;
        this.err = err;
        this.once = once;
    }

    int serve(Path configFile) throws Exception {
        try {
            startup = ServerStartup.read(configFile, ConfigFiles.forThisProcess());
        } catch (ServerConfigException refused) {
            throw new BadInput(refused.getMessage() + "\nthe server did not start.", refused);
        }
        ServerConfig config = startup.config();
        Schedule schedule = startup.schedule();
        try (StopSignal stop = StopSignal.install(Duration.ofSeconds(30)); Store opened = openStore(config);
             PlanEvents planEvents = ServedPlanEvents.of(config.admins(), opened, startup.directory().policy(), err)) {
            store = opened;
            ServerMetrics metrics = new ServerMetrics();
            ChangeWindowSteps.Launcher launcher = (plan, cause, deadline) -> PreparedRun.of(plan, startup.directory(),
                    schedule, cause, Store.SYSTEM_ACTOR, deadline, Map.of(), err, startup.credentials(), config.cluster().runLease());
            ChangeWindowSteps steps = new ChangeWindowSteps(store, schedule, startup.directory().policy(), launcher,
                    message -> err.println("remediator: " + Printable.block(message)), report -> {
                        metrics.ran(report, Duration.between(report.startedAt(), Instant.now()));
                        RunSummary.print(report, out);
                    }, once ? stop::request : () -> { });
            Map<String, Object> beans = new HashMap<>();
            if (!schedule.windows().isEmpty()) {
                beans.put("quartz", WindowScheduler.component(store, schedule.windows(), config.cluster()));
            }
            // Sharing waves needs the node's check-ins (Quartz's, so only with windows): a lapsed check-in is what
            // releases a dead node's claims.
            boolean sharing = config.cluster().enabled() && !schedule.windows().isEmpty() && !store.embedded();
            if (sharing) {
                java.util.concurrent.atomic.AtomicInteger threads = new java.util.concurrent.atomic.AtomicInteger();
                claimPool = Executors.newFixedThreadPool(schedule.rollout().concurrency(), r -> {
                    Thread t = new Thread(r, "claimed-host-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
                beans.put(WaveClaims.BEAN, new WaveClaims(store, NodeIdentity.current().instanceId(),
                        schedule.rollout().concurrency(), CLAIM_GRACE, (plan, cause, deadline) -> PreparedRun.of(plan,
                        startup.directory(), schedule, cause, Store.SYSTEM_ACTOR, deadline, Map.of(), err,
                        startup.credentials()), message -> err.println("remediator: " + Printable.block(message))));
                beans.put("claimPool", claimPool);
            }
            beans.put("changeWindowSteps", steps);
            beans.putAll(planEvents.beans());
            beans.putAll(metricsBeans(metrics));
            for (ChangeWindow w : schedule.windows()) {
                beans.put(w.name() + "-blackouts", w.blackoutCalendar());
            }
            try (Remediator started = Remediator.start(new RunSettings(config.reportDir(), schedule.rollout().concurrency(),
                    startup.credentials(), store), beans)) {
                remediator = started;
                remediator.addPlanEvents(planEvents.templateParameters(false));
                if (sharing) {
                    remediator.addWaveClaims(CLAIM_POLL);
                }
                if (ScheduledWindows.add(remediator, schedule.windows(), out) == 0 && once) {
                    throw new BadInput("no window of the windows file starts again: nothing for --once to wait for");
                }
                if (config.cluster().enabled()) {
                    out.println("cluster node " + NodeIdentity.current().instanceId() + ": windows fire on one node of"
                            + " those sharing this store; check-in every " + config.cluster().checkinInterval().toSeconds()
                            + " s; a dead node's run is taken over after its lease ("
                            + (config.cluster().runLease() == null ? PreparedRun.lease() : config.cluster().runLease())
                                    .toSeconds() + " s)"
                            + (schedule.windows().isEmpty() ? " (no window here: this node never checks in, nor"
                            + " takes a share of the runs' waves)" : "; the waves of runs are shared by the nodes"));
                }
                try (ApiServer server = startServer(metrics)) {
                    out.println("serving " + (config.tls() ? "https" : "http") + "://" + config.address().getHostAddress()
                            + ":" + server.port() + "/api/v1 (OpenAPI: /api/v1/openapi.json); management http://"
                            + config.managementAddress().getHostAddress() + ":" + server.managementPort()
                            + "/observe/health, /observe/metrics");
                    out.flush();
                    stop.await();
                } finally {
                    runs.shutdownNow();
                    runs.awaitTermination(30, TimeUnit.SECONDS);
                    if (claimPool != null) {
                        claimPool.shutdownNow();
                    }
                }
            }
        }
        return ExitCodes.OK;
    }

    /** The API server; one that cannot listen (the address taken, a certificate the JDK refuses) is bad input. */
    private ApiServer startServer(ServerMetrics metrics) throws Exception {
        try {
            return ApiServer.start(startup, store, this, metrics, org.wsusremediator.console.ConsoleRoutes::new);
        } catch (ServerConfigException refused) {
            throw new BadInput(refused.getMessage() + "\nthe server did not start.", refused);
        } catch (RuntimeException cannotListen) {
            Throwable cause = cannotListen;
            while (cause.getCause() != null && cause.getCause() != cause) {
                cause = cause.getCause();
            }
            if (cause instanceof java.net.BindException) {
                throw new BadInput("cannot listen on " + startup.config().address().getHostAddress() + ":"
                        + startup.config().port() + " or the management port " + startup.config().managementPort() + ": "
                        + cause.getMessage() + " (listen, management in " + startup.config().file() + ")", cannotListen);
            }
            throw cannotListen;
        }
    }

    /**
     * The store, sealing with the configured server key (made owner-only on first start) and anchoring the audit head
     * in {@code audit-anchor.log} beside it; without {@code serverKey}, the local places under {@code data/}.
     */
    private Store openStore(ServerConfig config) {
        String url = config.storeUrl() != null ? config.storeUrl() : Store.defaultH2Url(Path.of("data"));
        try {
            if (config.serverKey() == null) {
                return Store.open(url, config.storeUser(), startup.storePassword(), Path.of("data"));
            }
            ServerKey key = ServerKey.loadOrCreate(config.serverKey());
            AuditAnchor anchor = new AuditAnchor(config.serverKey().toAbsolutePath().resolveSibling("audit-anchor.log"), key);
            return Store.open(url, config.storeUser(), startup.storePassword(), key, anchor);
        } catch (org.wsusremediator.store.StoreInUseException held) {
            throw held;
        } catch (StoreException cannotOpen) {
            throw new BadInput(cannotOpen.getMessage() + " (store: in " + config.file() + ")", cannotOpen);
        } catch (org.wsusremediator.consent.ConsentException badKey) {
            throw new BadInput(badKey.getMessage() + " (serverKey: in " + config.file() + ")\nthe server did not start.", badKey);
        }
    }

    @Override
    public MadePlan makePlan(Path inventory, Admin requester, PlanKind kind) throws Exception {
        startup.directory().policy().checkMayRequest(requester);
        try (RunSetup setup = RunSetup.prepare(inventory, null, err, startup.credentials())) {
            var scan = remediator.scan(setup.inventory(), setup.credentials(),
                    ScanProgress.silent(setup.inventory().hosts().size()));
            Plan plan = kind.make(scan.report(), setup.inventory().remediation(), requester.name(),
                    startup.directory().policy().planValidity(), Instant.now());
            store.savePlan(plan);
            return new MadePlan(plan, scan.report());
        }
    }

    @Override
    public void startRun(Plan plan, Admin operator, Consumer<RunReport> done) {
        run(plan, null, null, operator, done);
    }

    @Override
    public void retryRun(Plan plan, String retryOf, String reason, Admin operator, Consumer<RunReport> done) {
        run(plan, retryOf, reason, operator, done);
    }

    /** A run started through the API, prepared as a window's run is; a retry differs only by naming its run. */
    private void run(Plan plan, String retryOf, String reason, Admin operator, Consumer<RunReport> done) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("outsideWindow", true);
        details.put("startedThrough", "api");
        if (reason != null) {
            details.put("retryReason", reason);
        }
        runs.submit(() -> {
            RunReport report = null;
            try (PreparedRun prepared = PreparedRun.of(plan, startup.directory(), startup.schedule(),
                    "api run now", operator.name(), null, details, err, startup.credentials(),
                    startup.config().cluster().runLease())) {
                report = remediator.apply(retryOf == null ? prepared.request() : prepared.request().retrying(retryOf))
                        .report();
                RunSummary.print(report, out);
                out.flush();
            } catch (RuntimeException failed) {
                err.println("remediator: plan " + plan.id() + " did not run: " + Printable.line(failed.getMessage()));
                store.audit(operator.name(), "RUN_NOT_STARTED", "plan " + plan.id(),
                        Store.jsonObject(Map.of("why", String.valueOf(failed.getMessage()), "through", "api")));
            } finally {
                done.accept(report);
            }
        });
    }

    /**
     * The remediator's context records into the server's registry: each WinRM request (the WinRM component times
     * them where it finds a meter registry) and its routes (scan, visits, runs), through Camel's route policy.
     */
    private static Map<String, Object> metricsBeans(ServerMetrics metrics) {
        MicrometerRoutePolicyFactory routes = new MicrometerRoutePolicyFactory();
        routes.setMeterRegistry(metrics.registry());
        return Map.of("metricsRegistry", metrics.registry(), "metricsRoutePolicy", routes);
    }
}

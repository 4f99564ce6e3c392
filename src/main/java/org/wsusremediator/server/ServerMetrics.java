package org.wsusremediator.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.ScanReport;
import org.wsusremediator.winrm.ErrorCategory;

/**
 * What the management port's {@code /observe/metrics} serves in Prometheus text format: hosts scanned per action,
 * scan failures by WinRM category, runs and their durations by status, approvals pending, and failed logins.
 * Counted where the server sees the outcome (a plan's scan, a run's report); each WinRM request is timed by the
 * WinRM component itself into the same registry ({@code remediator_winrm_requests_seconds}, docs/server.md).
 */
public final class ServerMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public ServerMetrics() {
        for (Action a : Action.values()) {
            hostsScanned(a); // every action listed, zero too, so a reader sees what did not happen
        }
    }

    /**
     * The registry every part of the server records into: the API, the remediator's Camel context (its routes, and
     * each WinRM request a visit sends) and Camel's Prometheus scraper on the management port, which serves it.
     */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** @param approvalsPending counted at each scrape (plans not expired with hosts still awaiting a decision) */
    void countPending(Supplier<Number> approvalsPending) {
        Gauge.builder("remediator_approvals_pending", approvalsPending).description("plans awaiting a decision")
                .register(registry);
    }

    private Counter hostsScanned(Action action) {
        return Counter.builder("remediator_hosts_scanned").description("hosts scanned, by the action decided")
                .tag("action", action.name()).register(registry);
    }

    /** A scan's hosts, per action and per failure category. */
    public void scanned(ScanReport report) {
        report.getActions().forEach((action, count) -> hostsScanned(action).increment(count));
        report.getErrors().forEach((category, count) -> scanFailure(category).increment(count));
    }

    private Counter scanFailure(ErrorCategory category) {
        return Counter.builder("remediator_winrm_failures").description("hosts a scan could not read, by category")
                .tag("category", category.name()).register(registry);
    }

    /** A run's outcome and duration, whoever started it (a window, the API). */
    public void ran(RunReport report, Duration took) {
        Counter.builder("remediator_runs").description("plan runs finished, by status").tag("status", String.valueOf(report.status()))
                .register(registry).increment();
        Timer.builder("remediator_run_duration").description("how long plan runs took").register(registry).record(took);
    }

    public void loginFailed(String scheme) {
        Counter.builder("remediator_api_login_failures").description("API requests refused for a wrong token or password")
                .tag("scheme", scheme).register(registry).increment();
    }

}

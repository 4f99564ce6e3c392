package org.wsusremediator.winrm;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.scan.ScanFleet;

/**
 * Every WS-Management request of a scan is timed by operation and outcome when the process has a meter registry:
 * what {@code serve} publishes as {@code remediator_winrm_requests_seconds}. Hosts that answer, that refuse the
 * login, that answer with a fault, and that refuse the connection each land under their own outcome.
 */
class RequestMetricsTest {

    @TempDir
    Path work;

    @Test
    void aScanTimesEachRequestByOperationAndOutcome() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ScanFleet fleet = new ScanFleet()
                .host("answers-1", "127.75.1.11", ScanFleet.SP1_2008_X64)
                .host("answers-2", "127.75.1.12", ScanFleet.SP1_2008_X64)
                .host("refuses-login", "127.75.1.13", ScanFleet.SP1_2008_X64 + "    fault: unauthorized\n")
                .host("faults", "127.75.1.14", ScanFleet.SP1_2008_X64 + "    fault: soapFault\n")
                .host("refuses-connection", "127.75.1.15", ScanFleet.SP1_2008_X64 + "    fault: refuseConnection\n");
        try (ScanFleet.Running lab = fleet.start(work, 5, Map.of("meters", registry))) {
            lab.scan();
        }
        // Two healthy probes: create shell, command, receive, signal, delete each.
        for (String operation : new String[] {"Create", "Command", "Receive", "Signal", "Delete"}) {
            assertThat(count(registry, operation, "ok")).as(operation + " ok").isGreaterThanOrEqualTo(2);
        }
        assertThat(count(registry, "Create", "refused")).as("the refused login").isEqualTo(1);
        assertThat(registry.find(RequestMetrics.NAME).tag("outcome", "fault").timers()).as("the WS-Man fault").isNotEmpty();
        assertThat(count(registry, "Create", "no_answer")).as("the refused connection").isGreaterThanOrEqualTo(1);
        String text = registry.scrape();
        assertThat(text).contains("remediator_winrm_requests_seconds_count{operation=\"Create\",outcome=\"ok\"}")
                .contains("remediator_winrm_requests_seconds_sum{operation=\"Receive\",outcome=\"ok\"}")
                .doesNotContain(ScanFleet.PASSWORD);
    }

    private static long count(PrometheusMeterRegistry registry, String operation, String outcome) {
        Timer timer = registry.find(RequestMetrics.NAME).tag("operation", operation).tag("outcome", outcome).timer();
        return timer == null ? 0 : timer.count();
    }
}

package org.wsusremediator.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.inventory.AuthScheme;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.inventory.RtmPolicy;
import org.wsusremediator.inventory.Timeouts;
import org.wsusremediator.inventory.Transport;
import org.wsusremediator.remediate.RemediationTask;
import org.wsusremediator.winrm.ErrorCategory;
import org.wsusremediator.winrm.WinRmException;

/** The error path keeps every host in the report, whichever visit failed. */
class ScanStepsFailureTest {

    final HostEntry host = new HostEntry("wsus1", null, "127.0.0.1", 5985, Transport.HTTP, AuthScheme.BASIC, "c", true, true,
            new Timeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1)), RtmPolicy.UPGRADE, "x.yaml", 3);
    final ScanSteps steps = new ScanSteps();

    @Test
    void aFailedProbeVisitMakesTheHostUnreachableWithItsCategory() {
        Exchange exchange = failedWith(HostReport.start(host), new WinRmException(ErrorCategory.TIMEOUT, "wsus1", "read"));
        HostReport report = steps.failed(exchange);
        assertThat(report.action()).isEqualTo(Action.UNREACHABLE);
        assertThat(report.errorCategory()).isEqualTo(ErrorCategory.TIMEOUT);
        assertThat(report.durationMillis()).isNotNull();
    }

    @Test
    void anActingVisitThatFailsBeforeActingIsReportedNotActedOn() {
        HostReport scanned = HostReport.start(host);
        RemediationTask task = new RemediationTask(scanned, RemediationSettings.defaults(), null, "none", "run1", null);
        HostReport report = steps.failed(failedWith(task, new WinRmException(ErrorCategory.UNREACHABLE, "wsus1", "refused")));
        assertThat(report.getName()).isEqualTo("wsus1");
        assertThat(report.remediation().outcome()).isEqualTo(Outcome.FAILED);
        assertThat(report.remediation().reason()).startsWith("not acted on").contains("host wsus1: unreachable");
        assertThat(report.remediation().irreversible()).isFalse();
    }

    private static Exchange failedWith(Object body, Exception failure) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getIn().setBody(body);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, failure);
        return exchange;
    }
}

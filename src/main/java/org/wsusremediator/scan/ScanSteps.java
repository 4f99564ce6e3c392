package org.wsusremediator.scan;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classifier;
import org.wsusremediator.host.ActingVisit;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.winrm.ErrorCategory;
import org.wsusremediator.winrm.WinRmConstants;
import org.wsusremediator.winrm.WinRmException;

/**
 * The plain-Java steps the scan routes call by name; each takes and returns a {@link HostReport}. What the whole
 * scan shares travels as the exchange's {@link ScanRun}.
 */
public class ScanSteps {

    /**
     * Sets up the run: the credentials, resolved once before the scan, are handed to the winrm component, and the
     * hosts go to the split.
     */
    public List<HostEntry> begin(Inventory inventory, @ExchangeProperty(ScanRun.PROPERTY) ScanRun run,
            Exchange exchange) {
        // Never logged: an exchange property of the component, not a header.
        exchange.setProperty(WinRmConstants.CREDENTIALS, run.credentials());
        return inventory.hosts();
    }

    public HostReport start(HostEntry host) {
        return HostReport.start(host);
    }

    /** Facts to action; a host whose probe already failed keeps its NEEDS_REVIEW. */
    public HostReport classify(HostReport report) {
        if (report.action() != null) {
            return report;
        }
        return report.withClassification(Classifier.classify(report.facts(), report.host().rtmPolicy()));
    }

    public HostReport finish(HostReport report, @Header(WinRmConstants.COMMANDS) Integer commands,
            @ExchangeProperty(ScanRun.PROPERTY) ScanRun run) {
        HostReport done = report.finished(commands);
        if (run != null) {
            run.progress().hostDone(done);
        }
        return done;
    }

    /**
     * The error path: a WinRM failure makes the host UNREACHABLE with its category; anything unexpected makes
     * it NEEDS_REVIEW. Either way the host stays in the report: no host is ever lost from a scan.
     */
    public HostReport failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        Object body = exchange.getIn().getBody();
        if (body instanceof ActingVisit acting) {
            // The acting visit failed before its visitor could act (the visitors catch failures from the
            // first changing step on): the host was not changed, and says so.
            HostReport report = acting.report().withRemediation(RemediationResult.of(Outcome.FAILED,
                    "not acted on, the visit failed before the install or recipe started: " + describe(failure)), null);
            return finish(report, exchange.getIn().getHeader(WinRmConstants.COMMANDS, Integer.class),
                    exchange.getProperty(ScanRun.PROPERTY, ScanRun.class));
        }
        HostReport report = body instanceof HostReport r ? r : HostReport.start(exchange.getIn().getBody(HostEntry.class));
        HostReport failed;
        if (failure instanceof WinRmException w) {
            Action outcome = w.category() == ErrorCategory.COMMAND_FAILED ? Action.NEEDS_REVIEW : Action.UNREACHABLE;
            failed = report.withFailure(outcome, w.category(), w.getMessage());
        } else {
            failed = report.withFailure(Action.NEEDS_REVIEW, null, "internal error while visiting the host: " + describe(failure));
        }
        return finish(failed, exchange.getIn().getHeader(WinRmConstants.COMMANDS, Integer.class),
                exchange.getProperty(ScanRun.PROPERTY, ScanRun.class));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WinRmException w) {
            return w.getMessage();
        }
        return failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}

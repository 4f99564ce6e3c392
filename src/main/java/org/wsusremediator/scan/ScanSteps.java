package org.wsusremediator.scan;

import java.time.Instant;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classifier;
import org.wsusremediator.inventory.CredentialResolver;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.remediate.Outcome;
import org.wsusremediator.remediate.RemediationResult;
import org.wsusremediator.remediate.RemediationTask;
import org.wsusremediator.winrm.ErrorCategory;
import org.wsusremediator.winrm.WinRmConstants;
import org.wsusremediator.winrm.WinRmException;

/** The plain-Java steps the scan routes call by name; each takes and returns a {@link HostReport}. */
public class ScanSteps {

    public static final String PROGRESS = "scanProgress";
    public static final String STARTED = "scanStarted";
    public static final String INVENTORY = "scanInventory";

    private final CredentialResolver credentials;

    public ScanSteps(CredentialResolver credentials) {
        this.credentials = credentials;
    }

    /** Sets up the run: the progress reporter and the start time travel as exchange properties. */
    public List<HostEntry> begin(Inventory inventory, Exchange exchange) {
        if (exchange.getProperty(PROGRESS) == null) {
            exchange.setProperty(PROGRESS, ScanProgress.silent(inventory.hosts().size()));
        }
        exchange.setProperty(STARTED, Instant.now());
        if (exchange.getProperty("reportKind") == null) {
            exchange.setProperty("reportKind", "scan");
        }
        exchange.setProperty(INVENTORY, inventory);
        // Resolved once per run, checked for every host before the first visit; never logged.
        exchange.setProperty(WinRmConstants.CREDENTIALS, credentials.resolveAll(inventory));
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

    public HostReport recordNextStep(HostReport report, String step) {
        return report.withNextStep(step);
    }

    public HostReport finish(HostReport report, @Header(WinRmConstants.COMMANDS) Integer commands,
            @ExchangeProperty(PROGRESS) ScanProgress progress) {
        HostReport done = report.finished(commands);
        if (progress != null) {
            progress.hostDone(done);
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
        if (body instanceof RemediationTask task) {
            // The acting visit failed before its visitor could act (the visitors catch failures from the
            // first changing step on): the host was not changed, and says so.
            HostReport report = task.report().withRemediation(RemediationResult.of(Outcome.FAILED,
                    "not acted on, the visit failed before the install or recipe started: " + describe(failure)), null);
            return finish(report, exchange.getIn().getHeader(WinRmConstants.COMMANDS, Integer.class),
                    exchange.getProperty(PROGRESS, ScanProgress.class));
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
                exchange.getProperty(PROGRESS, ScanProgress.class));
    }

    private static String describe(Throwable failure) {
        if (failure instanceof WinRmException w) {
            return w.getMessage();
        }
        return failure == null ? "unknown failure" : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}

package org.wsusremediator.remediate;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.host.HostReport;

/**
 * The plain-Java steps of the acting routes; the routes say when each runs. What the run acts with travels as the
 * exchange's {@link RemediationRun}; an approved run adds each host's {@link ChangeGuard}.
 */
public class RemediationSteps {

    /** Prepares a lab run that acts without a plan (remediate --confirm): a short random id names its tasks. */
    public void begin(Inventory inventory, Exchange exchange) {
        exchange.setProperty(RemediationRun.PROPERTY,
                RemediationRun.prepare(inventory.remediation(), UUID.randomUUID().toString().substring(0, 8)));
    }

    public RemediationTask task(HostReport report, @ExchangeProperty(RemediationRun.PROPERTY) RemediationRun run,
            @ExchangeProperty(ChangeGuard.PROPERTY) ChangeGuard guard) {
        return new RemediationTask(report, run.settings(), run.recipe(), run.recipeProblem(), run.runId(), guard);
    }

    /** The record of a host flagged for upgrade; the file name is the one a file sink writes it under. */
    public UpgradeRecord upgradeRecord(HostReport report, Exchange exchange) {
        UpgradeRecord record = UpgradeRecord.of(report);
        exchange.getIn().setHeader(Exchange.FILE_NAME, "upgrade-" + record.host() + ".json");
        return record;
    }

    public HostReport flagged(HostReport report, @ExchangeProperty(RemediationRun.PROPERTY) RemediationRun run) {
        return report.withRemediation(RemediationResult.of(Outcome.FLAGGED,
                "upgrade record sent to " + run.settings().upgradeSink()), null);
    }
}

package org.wsusremediator.remediate;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.recipe.Recipe;
import org.wsusremediator.recipe.RecipeException;
import org.wsusremediator.recipe.RecipeReader;

/** The plain-Java steps of the acting routes; the routes say when each runs. */
public class RemediationSteps {

    public static final String REMEDIATE = "remediate";
    public static final String SETTINGS = "remediationSettings";
    public static final String RECIPE = "workaroundRecipe";
    public static final String RECIPE_PROBLEM = "workaroundRecipeProblem";
    public static final String RUN_ID = "remediationRunId";
    public static final String HOST_REPORT = "remediationHostReport";
    /** Per host, in an approved run: the {@link ChangeGuard} the acting visit must respect. */
    public static final String GUARD = "remediationGuard";

    /**
     * Prepares an acting run: the recipe is read and checked against its pinned hash once, here; a missing or
     * mismatching recipe does not stop the run, it makes every RTM host NEEDS_REVIEW with the reason.
     */
    public void begin(Inventory inventory, Exchange exchange) {
        prepare(inventory.remediation(), UUID.randomUUID().toString().substring(0, 8), exchange);
        exchange.setProperty("reportKind", "remediate");
    }

    /** Sets up acting on hosts: the settings, the run's id (it names scheduled tasks) and the checked recipe. */
    public static void prepare(RemediationSettings settings, String runId, Exchange exchange) {
        exchange.setProperty(REMEDIATE, true);
        exchange.setProperty(SETTINGS, settings);
        exchange.setProperty(RUN_ID, runId);
        if (settings.workaroundRecipe() == null) {
            exchange.setProperty(RECIPE_PROBLEM, "no workaround recipe configured (inventory remediation.workaroundRecipe): nothing was run");
            return;
        }
        try {
            Recipe recipe = RecipeReader.read(settings.workaroundRecipe().file(), settings.workaroundRecipe().sha256());
            exchange.setProperty(RECIPE, recipe);
        } catch (RecipeException refused) {
            exchange.setProperty(RECIPE_PROBLEM, "workaround recipe refused, nothing was run: " + refused.getMessage());
        }
    }

    public RemediationTask task(HostReport report, @ExchangeProperty(SETTINGS) RemediationSettings settings,
            @ExchangeProperty(RECIPE) Recipe recipe, @ExchangeProperty(RECIPE_PROBLEM) String recipeProblem,
            @ExchangeProperty(RUN_ID) String runId, @ExchangeProperty(GUARD) ChangeGuard guard) {
        return new RemediationTask(report, settings, recipe, recipeProblem, runId, guard);
    }

    public UpgradeRecord upgradeRecord(HostReport report, Exchange exchange) {
        exchange.setProperty(HOST_REPORT, report);
        UpgradeRecord record = UpgradeRecord.of(report);
        exchange.getIn().setHeader(Exchange.FILE_NAME, "upgrade-" + record.host() + ".json");
        return record;
    }

    public HostReport flagged(@ExchangeProperty(HOST_REPORT) HostReport report,
            @ExchangeProperty(SETTINGS) RemediationSettings settings) {
        return report.withRemediation(RemediationResult.of(Outcome.FLAGGED,
                "upgrade record sent to " + settings.upgradeSink()), null);
    }
}

package org.wsusremediator.remediate;

import org.wsusremediator.inventory.RemediationSettings;
import org.wsusremediator.recipe.Recipe;
import org.wsusremediator.recipe.RecipeException;
import org.wsusremediator.recipe.RecipeReader;

/**
 * What a run that acts (remediate --confirm, or an approved plan's run) acts with, the same for all its hosts: on
 * its exchange as property {@value #PROPERTY}. A scan that does not act has none.
 *
 * @param recipe        the workaround recipe, already checked against its pinned SHA-256; null when none is
 *                      configured or when it did not match (then {@code recipeProblem} says why)
 * @param runId         names the one-time scheduled tasks of this run's installs
 */
public record RemediationRun(RemediationSettings settings, Recipe recipe, String recipeProblem, String runId) {

    public static final String PROPERTY = "remediationRun";

    /**
     * Reads the recipe and checks it against its pinned hash once, here, for every host of the run: a missing or
     * mismatching recipe does not stop the run, it makes every RTM host NEEDS_REVIEW with the reason.
     */
    public static RemediationRun prepare(RemediationSettings settings, String runId) {
        if (settings.workaroundRecipe() == null) {
            return new RemediationRun(settings, null,
                    "no workaround recipe configured (inventory remediation.workaroundRecipe): nothing was run", runId);
        }
        try {
            Recipe recipe = RecipeReader.read(settings.workaroundRecipe().file(), settings.workaroundRecipe().sha256());
            return new RemediationRun(settings, recipe, null, runId);
        } catch (RecipeException refused) {
            return new RemediationRun(settings, null, "workaround recipe refused, nothing was run: " + refused.getMessage(),
                    runId);
        }
    }
}

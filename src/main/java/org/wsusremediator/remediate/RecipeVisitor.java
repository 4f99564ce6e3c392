package org.wsusremediator.remediate;

import org.wsusremediator.classify.Action;
import org.wsusremediator.classify.Classification;
import org.wsusremediator.classify.Classifier;
import org.wsusremediator.host.Fingerprint;
import org.wsusremediator.host.Outcome;
import org.wsusremediator.host.RemediationResult;
import org.wsusremediator.probe.PowerShellLine;
import org.wsusremediator.probe.ProbeResult;
import org.wsusremediator.probe.Prober;
import org.wsusremediator.probe.RemoteShell;
import org.wsusremediator.recipe.Recipe;
import org.wsusremediator.recipe.RecipeStep;
import org.wsusremediator.winrm.HostVisitor;
import org.wsusremediator.winrm.WinRmException;

/**
 * Applies the admin's KB954960 workaround recipe to a WSUS 3.0 RTM host in one visit. The recipe's verification
 * runs first (a host where the workaround already holds is left alone), then the steps in order (the first
 * failure stops the recipe), then the verification again, which alone decides VERIFIED.
 */
public class RecipeVisitor implements HostVisitor {

    private final Prober prober = new Prober();

    @Override
    public Object visit(RemoteShell given, Object body) {
        RemediationTask task = (RemediationTask) body;
        RemoteShell shell = task.guard().fenced(given);
        Recipe recipe = task.recipe();
        if (recipe == null) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, task.recipeProblem()));
        }
        ProbeResult probe = prober.probe(shell);
        if (!probe.succeeded()) {
            return done(task, RemediationResult.of(Outcome.NEEDS_REVIEW, "re-probe failed: " + probe.failure().reason()));
        }
        String approved = task.guard().approvedFingerprint();
        if (!task.guard().interrupted() && approved != null && !approved.equals(Fingerprint.of(probe.facts()))) {
            return done(task, RemediationResult.of(Outcome.DRIFTED, "nothing applied: the host's facts changed since "
                    + "the plan was approved; make a new plan"));
        }
        Classification now = Classifier.classify(probe.facts(), task.host().rtmPolicy());
        if (now.action() != Action.RTM_WORKAROUND) {
            return done(task, RemediationResult.of(Outcome.NO_CHANGE, "nothing applied: the host is now " + now.action()));
        }
        if (run(shell, recipe.verify()).exitCode() == 0) {
            return done(task, RemediationResult.of(Outcome.VERIFIED, "workaround '" + recipe.name()
                    + "' already holds (verification '" + recipe.verify().name() + "' passes); no step ran"));
        }
        if (task.guard().interrupted()) {
            // Some steps may have run before the interruption; running them again is not ours to decide.
            return done(task, RemediationResult.of(Outcome.UNKNOWN, "an interrupted run may have run some of the steps"
                    + " of '" + recipe.name() + "'; verification fails and no step was run again: check the host"));
        }
        task.guard().aboutToChange("recipe '" + recipe.name() + "' (" + recipe.steps().size() + " steps)");
        try {
            int index = 0;
            for (RecipeStep step : recipe.steps()) {
                index++;
                RemoteShell.CommandResult result = run(shell, step);
                if (result.exitCode() != 0) {
                    return done(task, new RemediationResult(Outcome.FAILED, "recipe '" + recipe.name() + "' step "
                            + index + " '" + step.name() + "' failed (exit " + result.exitCode() + "): "
                            + PowerShellErrors.firstLine(result.stderr()) + "; later steps did not run",
                            result.exitCode(), false));
                }
            }
            RemoteShell.CommandResult verified = run(shell, recipe.verify());
            if (verified.exitCode() != 0) {
                return done(task, new RemediationResult(Outcome.FAILED_VERIFICATION, "all " + recipe.steps().size()
                        + " steps ran but verification '" + recipe.verify().name() + "' exits " + verified.exitCode(),
                        verified.exitCode(), false));
            }
            return done(task, new RemediationResult(Outcome.VERIFIED, "workaround '" + recipe.name() + "' applied ("
                    + recipe.steps().size() + " steps) and verification '" + recipe.verify().name() + "' passes", 0, false));
        } catch (WinRmException lost) {
            return done(task, new RemediationResult(Outcome.UNKNOWN, "connection lost while applying the recipe ("
                    + lost.getMessage() + "): state unknown until probed again", null, false));
        }
    }

    private static RemoteShell.CommandResult run(RemoteShell shell, RecipeStep step) {
        return shell.run(PowerShellLine.of(step.powershell()));
    }

    private static Object done(RemediationTask task, RemediationResult result) {
        return task.report().withRemediation(result, null);
    }
}

package org.wsusremediator.cli;

import org.wsusremediator.plan.Decision;
import picocli.CommandLine.Command;

/** {@code remediator approve PLAN_ID --reason ...}: consent to a plan's actions, as the admin you are. */
@Command(name = "approve", mixinStandardHelpOptions = true,
        description = {"Approves a plan (all or some hosts), with a reason.",
                "Who approves is the configured admin of this OS user or of REMEDIATOR_ADMIN_TOKEN, never a typed name."})
public class ApproveCommand extends DecideCommand {

    @Override
    Decision decision() {
        return Decision.APPROVE;
    }
}

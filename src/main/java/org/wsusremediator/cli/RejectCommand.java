package org.wsusremediator.cli;

import org.wsusremediator.plan.Decision;
import picocli.CommandLine.Command;

/** {@code remediator reject PLAN_ID --reason ...}: a rejection stops the hosts it names whatever else approves them. */
@Command(name = "reject", mixinStandardHelpOptions = true, description = {"Rejects a plan (all or some hosts), with a reason.",
        "A rejected host is never acted on, whatever else approves it."})
public class RejectCommand extends DecideCommand {

    @Override
    Decision decision() {
        return Decision.REJECT;
    }
}

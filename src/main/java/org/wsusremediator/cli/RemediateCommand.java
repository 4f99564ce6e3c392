package org.wsusremediator.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.report.RemediationSummary;
import org.wsusremediator.scan.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator remediate INVENTORY [--confirm]}: scans, prints what it is about to do per host (marking
 * what cannot be undone), and acts only with --confirm; without it, nothing on any host changes.
 * <p>
 * Acting without a plan is allowed only on the built-in simulated fleet, and what decides is this process: the
 * inventory must have made it start its simulator, and every host must be one that simulator serves. A flag in
 * the inventory cannot decide it: whoever writes the file would decide (remediation.lab is ignored).
 */
@Command(name = "remediate", mixinStandardHelpOptions = true,
        description = {"Scans, prints the plan per host, and with --confirm acts on the built-in simulated fleet.",
                "Acting installs KB954960 (elevated where UAC applies; IRREVERSIBLE), applies the RTM workaround recipe,",
                "flags RTM hosts for upgrade, and verifies. Without --confirm nothing is changed (exit 4).",
                "--confirm acts only when every host is served by the simulated fleet this run started from the",
                "inventory's 'simulator:' line; real fleets go through plan, approve and apply (exit 5 otherwise)."})
public class RemediateCommand extends ConsoleCommand implements Callable<Integer> {

    /** Hosts named in a refusal; a real fleet of thousands would otherwise fill the screen. */
    private static final int SHOWN = 5;

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "inventory file (.yaml)")
    Path inventoryFile;

    @Option(names = "--confirm", description = "act on the hosts as printed; without it nothing is changed")
    boolean confirm;

    @Option(names = "--parallelism", paramLabel = "N", description = "hosts visited at once (default: the inventory's scan.parallelism)")
    Integer parallelism;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where reports go (default: ${DEFAULT-VALUE}, in the working directory)")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        try (RunSetup setup = RunSetup.prepare(inventoryFile, parallelism, err());
             Remediator remediator = Remediator.start(new RunSettings(reportDir, setup.parallelism(), System.getenv()))) {
            Inventory inventory = setup.inventory();
            if (inventory.remediation().lab()) {
                err().println("remediator: warning: remediation.lab in " + inventoryFile + " is ignored (deprecated):"
                        + " only the built-in simulated fleet started by this run can be acted on without a plan.");
            }
            if (confirm) {
                refuseUnlessSimulated(setup.whyNotSimulated(inventory.hosts(), false));
            }
            Remediator.ScanResult scan = remediator.scan(inventory, setup.credentials(),
                    ScanProgress.silent(inventory.hosts().size()));
            List<HostReport> actionable = scan.report().hosts().stream()
                    .filter(h -> h.action() == Action.INSTALL_KB || h.action() == Action.RTM_WORKAROUND
                            || h.action() == Action.FLAG_UPGRADE)
                    .toList();
            RemediationSummary.printPlan(actionable, out());
            if (!confirm) {
                out().println();
                out().println("Nothing was changed. Run again with --confirm to act on the hosts above. (scan report: "
                        + scan.reportFile() + ")");
                return ExitCodes.NOT_CONFIRMED;
            }
            List<HostEntry> hosts = actionable.stream().map(HostReport::host).toList();
            refuseUnlessSimulated(setup.whyNotSimulated(hosts, true));
            if (actionable.isEmpty()) {
                out().println("Nothing to do.");
                return scan.report().hasUnresolvedHosts() ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
            }
            Inventory toAct = inventory.withHosts(hosts);
            Remediator.ScanResult acted = remediator.remediate(toAct, setup.credentials(),
                    new ScanProgress(hosts.size(), err()));
            out().println();
            RemediationSummary.printOutcomes(acted.report(), out());
            out().println("report: " + acted.reportFile());
            return RemediationSummary.allProven(acted.report()) ? ExitCodes.OK : ExitCodes.HOSTS_UNRESOLVED;
        }
    }

    private void refuseUnlessSimulated(List<String> notSimulated) {
        if (!notSimulated.isEmpty()) {
            // Outside the simulated fleet nothing acts without an approved plan: plan, approve (another admin), apply.
            throw new Refused("remediate --confirm acts without a plan only on the built-in simulated fleet, and "
                    + inventoryFile + " is not only that:\n  " + String.join("\n  ", notSimulated.stream().limit(SHOWN).toList())
                    + (notSimulated.size() > SHOWN ? "\n  ... and " + (notSimulated.size() - SHOWN) + " more hosts" : "")
                    + "\nNothing was changed. Use: remediator plan " + inventoryFile
                    + ", then approve (by another admin), then apply in a change window (remediator serve) or apply --now.");
        }
    }
}

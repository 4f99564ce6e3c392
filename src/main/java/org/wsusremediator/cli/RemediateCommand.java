package org.wsusremediator.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.classify.Action;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.report.RemediationSummary;
import org.wsusremediator.scan.HostReport;
import org.wsusremediator.scan.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code remediator remediate INVENTORY [--confirm]}: scans, prints what it is about to do per host (marking
 * what cannot be undone), and acts only with --confirm; without it, nothing on any host changes.
 */
@Command(name = "remediate", mixinStandardHelpOptions = true,
        description = {"Scans, prints the plan per host, and with --confirm acts: installs KB954960 (elevated where",
                "UAC applies; IRREVERSIBLE), applies the RTM workaround recipe, flags RTM hosts for upgrade, and verifies.",
                "Without --confirm nothing is changed (exit 4). --confirm works only on a lab fleet",
                "(remediation.lab: true); real fleets go through plan, approve and apply."})
public class RemediateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "inventory file (.yaml)")
    Path inventoryFile;

    @Option(names = "--confirm", description = "act on the hosts as printed; without it nothing is changed")
    boolean confirm;

    @Option(names = "--parallelism", paramLabel = "N", description = "hosts visited at once (default: the inventory's scan.parallelism)")
    Integer parallelism;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports", description = "where reports go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PrintStream err = System.err;
        try (RunSetup setup = RunSetup.prepare(inventoryFile, parallelism, err);
             Remediator remediator = Remediator.start(new RunSettings(reportDir, setup.parallelism(), System.getenv()))) {
            Inventory inventory = setup.inventory();
            Remediator.ScanResult scan = remediator.scan(inventory, ScanProgress.silent(inventory.hosts().size()));
            List<HostReport> actionable = scan.report().hosts().stream()
                    .filter(h -> h.action() == Action.INSTALL_KB || h.action() == Action.RTM_WORKAROUND
                            || h.action() == Action.FLAG_UPGRADE)
                    .toList();
            RemediationSummary.printPlan(actionable, out);
            if (!confirm) {
                out.println();
                out.println("Nothing was changed. Run again with --confirm to act on the hosts above. (scan report: "
                        + scan.reportFile() + ")");
                return ExitCodes.NOT_CONFIRMED;
            }
            if (!inventory.remediation().lab()) {
                // Outside a lab nothing acts without an approved plan: plan, approve (another admin), apply.
                err.println("remediator: refused: remediate --confirm acts only on fleets marked as a lab (remediation.lab:"
                        + " true); " + inventoryFile + " is not one. Use: remediator plan " + inventoryFile
                        + ", then approve (by another admin), then apply in a change window.");
                return ExitCodes.REFUSED;
            }
            if (actionable.isEmpty()) {
                out.println("Nothing to do.");
                return scan.report().hasUnresolvedHosts() ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
            }
            List<HostEntry> hosts = actionable.stream().map(HostReport::host).toList();
            Inventory toAct = inventory.withHosts(hosts);
            Remediator.ScanResult acted = remediator.remediate(toAct, new ScanProgress(hosts.size(), err));
            out.println();
            RemediationSummary.printOutcomes(acted.report(), out);
            out.println("report: " + acted.reportFile());
            return RemediationSummary.allProven(acted.report()) ? ExitCodes.OK : ExitCodes.HOSTS_UNRESOLVED;
        } catch (RunSetup.BadInput bad) {
            err.println("remediator: " + bad.getMessage());
            return ExitCodes.BAD_INPUT;
        }
    }
}

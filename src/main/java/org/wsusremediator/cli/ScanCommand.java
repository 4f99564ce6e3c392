package org.wsusremediator.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.inventory.Inventory;
import org.wsusremediator.report.ConsoleSummary;
import org.wsusremediator.scan.ScanProgress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code remediator scan INVENTORY}: read every host, decide its action, report. Changes nothing on any host. */
@Command(name = "scan", mixinStandardHelpOptions = true,
        description = {"Probes every WSUS host of the inventory over WinRM, decides its action and writes a JSON report.",
                "Read-only: no host is changed. An inventory with 'simulator:' starts its simulated fleet in-process."})
public class ScanCommand extends ConsoleCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "INVENTORY", description = "inventory file (.yaml)")
    Path inventoryFile;

    @Option(names = "--parallelism", paramLabel = "N", description = "hosts visited at once (default: the inventory's scan.parallelism)")
    Integer parallelism;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where the JSON report goes (default: ${DEFAULT-VALUE}, in the working directory)")
    Path reportDir;

    @Option(names = "--quiet", description = "no per-host progress on stderr")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        try (RunSetup setup = RunSetup.prepare(inventoryFile, parallelism, err());
             Remediator remediator = Remediator.startForScans(new RunSettings(reportDir, setup.parallelism(), System.getenv()))) {
            Inventory inventory = setup.inventory();
            ScanProgress progress = quiet ? ScanProgress.silent(inventory.hosts().size())
                    : new ScanProgress(inventory.hosts().size(), err());
            Remediator.ScanResult result = remediator.scan(inventory, setup.credentials(), progress);
            out().println();
            ConsoleSummary.print(result.report(), out(), true);
            out().println("report: " + result.reportFile());
            return result.report().hasUnresolvedHosts() ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
        }
    }
}

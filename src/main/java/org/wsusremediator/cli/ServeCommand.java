package org.wsusremediator.cli;

import org.wsusremediator.notify.PlanEvents;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.wsusremediator.app.Remediator;
import org.wsusremediator.app.RunSettings;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.report.Printable;
import org.wsusremediator.report.RunSummary;
import org.wsusremediator.store.Store;
import org.wsusremediator.window.ChangeWindow;
import org.wsusremediator.window.ChangeWindowSteps;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.StopSignal;
import org.wsusremediator.window.WindowScheduler;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code remediator serve}: the change-window scheduler. Runs until stopped (or, with --once, until the first
 * window has run); at each window's start the approved hosts of the due plans run, until the window's end.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the change-window scheduler: due plans run at each window's start.",
                "Quartz, triggers kept in the database. At each window's start the approved hosts of due plans run in",
                "waves until the window's end; the rest are DEFERRED. With --config: also the HTTPS server with the",
                "REST API /api/v1 for authenticated admins, holding the fleet's credentials (docs/server.md)."})
public class ServeCommand extends ConsoleCommand implements Callable<Integer> {

    @Mixin
    WindowOptions windows;

    @Option(names = "--once", description = "stop after the first window has run (for a test window)")
    boolean once;

    @Option(names = "--report-dir", paramLabel = "DIR", defaultValue = "reports",
            description = "where reports go (default: ${DEFAULT-VALUE}, in the working directory)")
    Path reportDir;

    @Mixin
    StoreOptions storeOptions;

    @Option(names = "--config", paramLabel = "FILE",
            description = "server configuration (docs/server.md): serve the REST API as well; every file it names is"
                    + " read from there, not from --windows, --admins or --db")
    Path config;

    @Override
    public Integer call() throws Exception {
        if (config != null) {
            return new ServerLauncher(out(), err(), once).serve(config);
        }
        PrintWriter out = out();
        PrintWriter err = err();
        Schedule schedule = windows.read();
        AdminDirectory directory = storeOptions.adminDirectory();
        if (schedule.windows().isEmpty()) {
            throw new BadInput(windows.file + " declares no window: nothing to serve (apply --now runs a plan)");
        }
        // With --once, the exit code says how the first window's runs ended, as apply --now does for its run; a due
        // plan that could not run at all is not proven either.
        List<RunReport> reports = new CopyOnWriteArrayList<>();
        int plansNotStarted;
        // SIGTERM wakes the wait below; the resources then close in order: Camel and Quartz, then the store.
        try (StopSignal stop = StopSignal.install(Duration.ofSeconds(30)); Store store = storeOptions.open();
             PlanEvents planEvents = ServedPlanEvents.of(storeOptions.admins, store, directory.policy(), err)) {
            ChangeWindowSteps.Launcher launcher = (plan, cause, deadline) -> PreparedRun.of(plan, directory, schedule,
                    cause, Store.SYSTEM_ACTOR, deadline, Map.of(), err);
            ChangeWindowSteps steps = new ChangeWindowSteps(store, schedule, directory.policy(), launcher,
                    message -> err.println("remediator: " + Printable.block(message)), report -> {
                        reports.add(report);
                        RunSummary.print(report, out);
                    },
                    once ? stop::request : () -> { });
            Map<String, Object> beans = new HashMap<>();
            beans.put("quartz", WindowScheduler.component(store, schedule.windows()));
            beans.put("changeWindowSteps", steps);
            beans.putAll(planEvents.beans());
            for (ChangeWindow w : schedule.windows()) {
                beans.put(w.name() + "-blackouts", w.blackoutCalendar());
            }
            try (Remediator remediator = Remediator.start(new RunSettings(reportDir, schedule.rollout().concurrency(),
                    System.getenv(), store), beans)) {
                remediator.addPlanEvents(planEvents.templateParameters(false));
                if (ScheduledWindows.add(remediator, schedule.windows(), out) == 0 && once) {
                    throw new BadInput("no window of the windows file starts again: nothing for --once to wait for");
                }
                out.flush();
                stop.await(); // until the process is stopped (or, with --once, the first window has run)
            }
            plansNotStarted = steps.plansNotStarted();
        }
        boolean allProven = plansNotStarted == 0 && reports.stream().allMatch(ApplyCommand::allProven);
        return once && !allProven ? ExitCodes.HOSTS_UNRESOLVED : ExitCodes.OK;
    }
}

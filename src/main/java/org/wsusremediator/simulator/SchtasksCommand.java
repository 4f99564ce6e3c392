package org.wsusremediator.simulator;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.TreeMap;

/**
 * schtasks.exe's {@code /create}, {@code /run}, {@code /query} and {@code /delete} with the outputs of
 * docs/remediation-protocol.md section 2; tasks live in {@link SimulatedHost#scheduledTasks()}. {@code /run} runs
 * the task's command at once through cmd.exe as the task's account, elevated when that is SYSTEM or the run level
 * is HIGHEST; the task then looks Running for a while (see {@link ScheduledTask}). Server 2003's schtasks knows
 * neither {@code /rl} nor {@code /query /tn}: those are invalid options there. Faults: taskNeverFinishes (the
 * program never ends, the task stays Running), dropDuringInstall (the connection is dropped once /run has run it).
 * Headers, status words and messages are in the host's display language ({@link ConsoleText}); the columns keep
 * their order and Last Result stays a signed decimal whatever the language.
 * A task's one-time trigger ({@code /sc once /sd /st}) starts it by itself when the host's clock
 * ({@link SimulatedHost#now()}) reaches it, if it was still ahead at creation ({@link SimulatedHost#advanceClock}).
 */
final class SchtasksCommand implements CmdCommand {

    /** The en-US task-not-found message (other display languages: {@link ConsoleText#taskNotFound()}). */
    static final String NOT_FOUND = ConsoleText.ENGLISH.taskNotFound();
    static final String SYSTEM_ACCOUNT = "NT AUTHORITY\\SYSTEM";
    private static final DateTimeFormatter US_DATE = DateTimeFormatter.ofPattern("MM/dd/yyyy", Locale.US);

    @Override
    public int run(CommandCall call) {
        // The Task Scheduler's own firings happen between commands; this is the first moment the host notices.
        call.host().fireDueTasks(call.registry());
        List<String> args = WindowsArgs.split(call.arguments());
        if (args.isEmpty()) {
            return invalid(call, "", "");
        }
        String verb = args.get(0).toLowerCase(Locale.ROOT);
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("/") && !a.startsWith("-")) {
                return invalid(call, verb, a);
            }
            String name = "/" + a.substring(1).toLowerCase(Locale.ROOT);
            boolean flag = name.equals("/f") || name.equals("/v") || name.equals("/nh") || name.equals("/i");
            String value = flag || i + 1 >= args.size() ? null : args.get(++i);
            if (!flag && value == null) {
                call.errLine("ERROR: Value for '" + a + "' option is missing.");
                call.errLine("Type \"SCHTASKS " + verb.toUpperCase(Locale.ROOT) + " /?\" for usage.");
                return 1;
            }
            options.put(name, value);
        }
        return switch (verb) {
            case "/create" -> create(call, options);
            case "/run" -> runTask(call, options);
            case "/query" -> query(call, options);
            case "/delete" -> delete(call, options);
            default -> invalid(call, "", args.get(0));
        };
    }

    private static int invalid(CommandCall call, String verb, String option) {
        call.errLine("ERROR: Invalid argument/option - '" + option + "'.");
        call.errLine("Type \"SCHTASKS " + (verb.isEmpty() ? "" : verb.toUpperCase(Locale.ROOT) + " ") + "/?\" for usage.");
        return 1;
    }

    private static Optional<Integer> unknownOption(CommandCall call, String verb, Map<String, String> options, List<String> known) {
        for (String name : options.keySet()) {
            boolean nt5 = call.host().os().isServer2003();
            if (!known.contains(name) || (nt5 && (name.equals("/rl") || (verb.equals("/query") && name.equals("/tn"))))) {
                return Optional.of(invalid(call, verb, name));
            }
        }
        return Optional.empty();
    }

    private static int create(CommandCall call, Map<String, String> o) {
        Optional<Integer> bad = unknownOption(call, "/create", o, List.of("/tn", "/tr", "/sc", "/st", "/sd", "/ru", "/rp", "/rl", "/f", "/mo", "/s", "/u", "/p"));
        if (bad.isPresent()) {
            return bad.get();
        }
        String name = o.get("/tn");
        String command = o.get("/tr");
        if (name == null || command == null || o.get("/sc") == null) {
            call.errLine("ERROR: Incorrect syntax. Mandatory option '" + (name == null ? "/tn" : command == null ? "/tr" : "/sc") + "' is missing.");
            call.errLine("Type \"SCHTASKS /CREATE /?\" for usage.");
            return 1;
        }
        String startTime = o.getOrDefault("/st", "00:00");
        if (!startTime.matches("\\d{2}:\\d{2}(:\\d{2})?")) {
            call.errLine("ERROR: Invalid Start Time value.");
            return 1;
        }
        LocalDateTime now = call.host().now();
        LocalDate startDate = now.toLocalDate();
        if (o.containsKey("/sd")) {
            // Real schtasks reads /sd in the locale's short-date order; the simulator knows only en-US.
            try {
                startDate = LocalDate.parse(o.get("/sd"), US_DATE);
            } catch (DateTimeParseException e) {
                call.errLine("ERROR: Invalid Start Date (Date should be in \"mm/dd/yyyy\" format).");
                return 1;
            }
        }
        LocalDateTime trigger = startDate.atTime(Integer.parseInt(startTime.substring(0, 2)),
                Integer.parseInt(startTime.substring(3, 5)));
        if (!trigger.isAfter(now)) {
            call.errLine(call.host().text().startTimePast());
        }
        String runAs = o.get("/ru");
        boolean highest = "highest".equalsIgnoreCase(o.get("/rl"));
        call.host().putScheduledTask(new ScheduledTask(name, command, runAs == null ? null : runAs.toUpperCase(Locale.ROOT),
                highest, now, trigger, call.user()));
        call.outLine(ConsoleText.fill(call.host().text().taskCreated(), name));
        return 0;
    }

    private static int runTask(CommandCall call, Map<String, String> o) {
        Optional<Integer> bad = unknownOption(call, "/run", o, List.of("/tn", "/i", "/s", "/u", "/p"));
        if (bad.isPresent()) {
            return bad.get();
        }
        SimulatedHost host = call.host();
        Optional<ScheduledTask> task = host.scheduledTask(o.getOrDefault("/tn", ""));
        if (task.isEmpty()) {
            call.errLine(call.host().text().taskNotFound());
            return 1;
        }
        start(host, task.get(), call.registry());
        call.outLine(ConsoleText.fill(host.text().taskRunAttempted(), task.get().name()));
        if (host.hasFault(HostFault.DROP_DURING_INSTALL) && runsInstaller(host, task.get())) {
            host.requestConnectionDrop();
        }
        return 0;
    }

    /** Starts a task as {@code /run} does, or as its trigger does when its time comes. */
    static void start(SimulatedHost host, ScheduledTask t, CommandRegistry registry) {
        boolean system = t.runAs() != null && (t.runAs().equals("SYSTEM") || t.runAs().equals(SYSTEM_ACCOUNT));
        String user = system ? SYSTEM_ACCOUNT : t.runAs() != null ? t.runAs() : t.author();
        boolean elevated = system || t.highestRunLevel();
        if (host.hasFault(HostFault.TASK_NEVER_FINISHES) && runsInstaller(host, t)) {
            String program = CmdInterpreter.ProgramName.split(t.taskToRun().strip()).typed();
            host.recordInstallerRun(new InstallerRun(SimulatedFileSystem.normalize(program),
                    CmdInterpreter.ProgramName.split(t.taskToRun().strip()).rest().strip(), user, elevated, null));
            t.started(null, System.nanoTime(), host.now());
        } else {
            Map<String, String> env = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            env.putAll(host.environment());
            ShellContext context = new ShellContext(host, user, env, registry, LogRedactor.NONE, elevated, true);
            ExecutionResult result = CmdInterpreter.run(context, t.taskToRun(), "");
            t.started(result.exitCode(), System.nanoTime(), host.now());
        }
    }

    /** Whether the task's program is a staged KB954960 package (the installer faults concern only those tasks). */
    private static boolean runsInstaller(SimulatedHost host, ScheduledTask t) {
        return host.isStagedInstaller(CmdInterpreter.ProgramName.split(t.taskToRun().strip()).typed());
    }

    private static int query(CommandCall call, Map<String, String> o) {
        Optional<Integer> bad = unknownOption(call, "/query", o, List.of("/tn", "/fo", "/v", "/nh", "/s", "/u", "/p"));
        if (bad.isPresent()) {
            return bad.get();
        }
        SimulatedHost host = call.host();
        List<ScheduledTask> tasks = new ArrayList<>();
        if (o.containsKey("/tn")) {
            Optional<ScheduledTask> task = host.scheduledTask(o.get("/tn"));
            if (task.isEmpty()) {
                call.errLine(call.host().text().taskNotFound());
                return 1;
            }
            tasks.add(task.get());
        } else {
            for (Entry<String, ScheduledTask> e : host.scheduledTasks().entrySet()) {
                tasks.add(e.getValue());
            }
        }
        if (!"csv".equalsIgnoreCase(o.get("/fo")) || !o.containsKey("/v")) {
            call.errLine("ERROR: only /fo csv /v is simulated.");
            return 1;
        }
        if (!o.containsKey("/nh")) {
            call.outLine(ScheduledTask.csvHeader(host.text()));
        }
        for (ScheduledTask t : tasks) {
            call.outLine(t.queryCsvRow(host.netbiosName(), host.text()));
        }
        return 0;
    }

    private static int delete(CommandCall call, Map<String, String> o) {
        Optional<Integer> bad = unknownOption(call, "/delete", o, List.of("/tn", "/f", "/s", "/u", "/p"));
        if (bad.isPresent()) {
            return bad.get();
        }
        String name = o.getOrDefault("/tn", "");
        Optional<ScheduledTask> task = call.host().scheduledTask(name);
        if (task.isEmpty() || !call.host().removeScheduledTask(name)) {
            call.errLine(call.host().text().taskNotFound());
            return 1;
        }
        call.outLine(ConsoleText.fill(call.host().text().taskDeleted(), task.get().name()));
        return 0;
    }
}

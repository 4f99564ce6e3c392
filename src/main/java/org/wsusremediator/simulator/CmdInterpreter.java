package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code cmd.exe /c} does with a WinRM command line, far enough for the probe and everyday tools:
 * %VAR% expansion (undefined variables stay as typed, as on a command line), {@code &}, {@code &&}, {@code ||} and
 * {@code |} outside double quotes ({@code ^} escapes), redirections to {@code nul}, files and {@code &1/&2},
 * {@code exit}, and programs from the {@link CommandRegistry}. Unknown programs get cmd's "not recognized" text.
 */
public final class CmdInterpreter {

    /** cmd's ERRORLEVEL for an unknown program; {@code cmd /c} itself then exits with 1. */
    static final int NOT_RECOGNIZED = 9009;
    /** {@code echo.} / {@code echo:} print what follows, even nothing (an empty line). */
    static final String ECHO_WITH_SEPARATOR = "echo.";

    private enum Operator { FIRST, ALWAYS, ON_SUCCESS, ON_FAILURE }

    private record Step(Operator operator, List<String> pipeline) {
    }

    private final ShellContext shell;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    private CmdInterpreter(ShellContext shell) {
        this.shell = shell;
    }

    /** Runs one command line the way a WinRM shell's cmd.exe would; serialised per host. */
    static ExecutionResult run(ShellContext shell, String commandLine, String stdin) {
        synchronized (shell.host()) {
            return new CmdInterpreter(shell).execute(commandLine, stdin);
        }
    }

    private ExecutionResult execute(String commandLine, String stdin) {
        String expanded = expandVariables(commandLine, shell.environment());
        int level = 0;
        boolean lastNotRecognized = false;
        for (Step step : parse(expanded)) {
            boolean runIt = switch (step.operator()) {
                case FIRST, ALWAYS -> true;
                case ON_SUCCESS -> level == 0;
                case ON_FAILURE -> level != 0;
            };
            if (!runIt) {
                continue;
            }
            PipelineResult r = runPipeline(step.pipeline(), stdin);
            level = r.exitCode;
            lastNotRecognized = r.exitCode == NOT_RECOGNIZED && r.notRecognized;
            if (r.exit) {
                break;
            }
        }
        return new ExecutionResult(out.toString(), err.toString(), lastNotRecognized ? 1 : level);
    }

    static String expandVariables(String line, Map<String, String> environment) {
        StringBuilder b = new StringBuilder(line.length());
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            int close = c == '%' ? line.indexOf('%', i + 1) : -1;
            if (close > i + 1) {
                String name = line.substring(i + 1, close);
                String value = name.contains(" ") ? null : environment.get(name);
                if (value != null) {
                    b.append(value);
                    i = close + 1;
                    continue;
                }
            }
            b.append(c);
            i++;
        }
        return b.toString();
    }

    /**
     * The simple commands of a line whose standard input is the shell's own (the first of each pipeline; the others
     * read the pipe), after %VAR% expansion, redirections still attached.
     */
    static List<String> shellStdinReaders(String commandLine, Map<String, String> environment) {
        List<String> first = new ArrayList<>();
        for (Step step : parse(expandVariables(commandLine, environment))) {
            first.add(step.pipeline().get(0));
        }
        return first;
    }

    /** Splits on &amp;, &amp;&amp;, || and | outside quotes; {@code >&} belongs to a redirection. */
    private static List<Step> parse(String line) {
        List<Step> steps = new ArrayList<>();
        List<String> pipeline = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        Operator pending = Operator.FIRST;
        boolean inQuotes = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                current.append(c);
            } else if (inQuotes) {
                current.append(c);
            } else if (c == '^' && i + 1 < line.length()) {
                current.append(line.charAt(++i));
            } else if (c == '&' && i > 0 && line.charAt(i - 1) == '>') {
                current.append(c);
            } else if (c == '&' || (c == '|' && i + 1 < line.length() && line.charAt(i + 1) == '|')) {
                boolean doubled = i + 1 < line.length() && line.charAt(i + 1) == c;
                pipeline.add(current.toString());
                current.setLength(0);
                steps.add(new Step(pending, pipeline));
                pipeline = new ArrayList<>();
                pending = c == '|' ? Operator.ON_FAILURE : doubled ? Operator.ON_SUCCESS : Operator.ALWAYS;
                if (doubled) {
                    i++;
                }
            } else if (c == '|') {
                pipeline.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        pipeline.add(current.toString());
        steps.add(new Step(pending, pipeline));
        return steps;
    }

    private static final class PipelineResult {
        int exitCode;
        boolean notRecognized;
        boolean exit;
    }

    private PipelineResult runPipeline(List<String> commands, String stdin) {
        PipelineResult result = new PipelineResult();
        String input = stdin;
        for (int i = 0; i < commands.size(); i++) {
            boolean last = i == commands.size() - 1;
            Redirections.Parsed parsed = Redirections.parse(commands.get(i));
            StringBuilder captured = new StringBuilder();
            runSimple(parsed.command(), input, result, parsed, last ? out : captured);
            input = captured.toString();
            if (result.exit) {
                break;
            }
        }
        return result;
    }

    private void runSimple(String text, String stdin, PipelineResult result, Redirections.Parsed redirections, StringBuilder stdoutSink) {
        result.notRecognized = false;
        String trimmed = stripLeading(text);
        if (trimmed.startsWith("@")) {
            trimmed = trimmed.substring(1);
        }
        if (trimmed.isBlank()) {
            return;
        }
        ProgramName program = ProgramName.split(trimmed);
        if (program.lookupName().equals("exit")) {
            exit(program.rest(), result);
            return;
        }
        if (program.typed().contains("\\") && shell.host().isStagedInstaller(program.typed())) {
            // a staged KB954960 package run by its path (directly, or as a scheduled task's command)
            CommandCall call = new CommandCall(shell, program.lookupName(), program.rest(), stdin == null ? "" : stdin);
            result.exitCode = KbInstaller.run(call, program.typed());
            redirections.deliver(shell.host(), call.stdout(), call.stderr(), stdoutSink, err);
            return;
        }
        Optional<CmdCommand> command = shell.registry().command(program.lookupName())
                .filter(c -> c.installedOn(shell.host()));
        if (command.isEmpty()) {
            String typed = program.typed();
            redirections.deliver(shell.host(), "", ConsoleText.fill(shell.host().text().notRecognized(), typed) + "\r\n",
                    stdoutSink, err);
            result.exitCode = NOT_RECOGNIZED;
            result.notRecognized = true;
            return;
        }
        CommandCall call = new CommandCall(shell, program.lookupName(), program.rest(), stdin == null ? "" : stdin);
        result.exitCode = command.get().run(call);
        redirections.deliver(shell.host(), call.stdout(), call.stderr(), stdoutSink, err);
    }

    private static void exit(String arguments, PipelineResult result) {
        result.exit = true;
        for (String token : CommandCall.splitArguments(arguments, false)) {
            if (token.equalsIgnoreCase("/b")) {
                continue;
            }
            try {
                result.exitCode = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                result.exitCode = 0;
            }
            return;
        }
    }

    private static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    /**
     * The program part of a simple command: as typed, the name to look up (no path, no .exe), and the rest.
     * Like cmd, {@code ipconfig/all} and {@code echo.} end the name at the '/' or '.'.
     */
    record ProgramName(String typed, String lookupName, String rest) {

        private static final String ECHO_SEPARATORS = ".:/\\(+[]";

        static ProgramName split(String text) {
            String typed;
            int end;
            if (text.startsWith("\"")) {
                int close = text.indexOf('"', 1);
                end = close < 0 ? text.length() : close + 1;
                typed = text.substring(1, close < 0 ? text.length() : close);
            } else {
                end = 0;
                while (end < text.length() && " \t/,;=".indexOf(text.charAt(end)) < 0) {
                    end++;
                }
                typed = text.substring(0, end);
            }
            String lower = typed.toLowerCase(Locale.ROOT);
            if (lower.startsWith("echo") && lower.length() > 4 && ECHO_SEPARATORS.indexOf(lower.charAt(4)) >= 0) {
                // echo. / echo: / echo( print what follows the separator
                return new ProgramName(typed, ECHO_WITH_SEPARATOR, text.substring(5));
            }
            String rest = text.substring(end);
            if (!rest.isEmpty() && (rest.charAt(0) == ' ' || rest.charAt(0) == '\t')) {
                rest = rest.substring(1);
            }
            return new ProgramName(typed, baseName(lower), rest);
        }

        private static String baseName(String path) {
            String base = path.substring(path.lastIndexOf('\\') + 1);
            for (String ext : new String[] {".exe", ".com", ".bat", ".cmd"}) {
                if (base.endsWith(ext)) {
                    return base.substring(0, base.length() - ext.length());
                }
            }
            return base;
        }
    }
}

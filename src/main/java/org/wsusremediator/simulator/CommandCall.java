package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One invocation of a {@link CmdCommand}: where it runs, its arguments, its stdin, and where its output goes. */
public final class CommandCall {

    private final SimulatedHost host;
    private final String user;
    private final Map<String, String> environment;
    private final CommandRegistry registry;
    private final LogRedactor redactor;
    private final boolean elevated;
    private final boolean scheduledTask;
    private final String name;
    private final String arguments;
    private final String stdin;
    private final StringBuilder out = new StringBuilder();
    private final StringBuilder err = new StringBuilder();

    CommandCall(ShellContext shell, String name, String arguments, String stdin) {
        this.host = shell.host();
        this.user = shell.user();
        this.environment = shell.environment();
        this.registry = shell.registry();
        this.redactor = shell.redactor();
        this.elevated = shell.elevated();
        this.scheduledTask = shell.scheduledTask();
        this.name = name;
        this.arguments = arguments;
        this.stdin = stdin;
    }

    public SimulatedHost host() {
        return host;
    }

    /** The authenticated account, as the client sent it (e.g. {@code LAB\wsus-admin}). */
    public String user() {
        return user;
    }

    /** The shell's environment variables (case-insensitive names). */
    public Map<String, String> environment() {
        return environment;
    }

    public CommandRegistry registry() {
        return registry;
    }

    ShellContext shellContext() {
        return new ShellContext(host, user, environment, registry, redactor, elevated, scheduledTask);
    }

    /** Whether the process runs with a full token (a SYSTEM task at run level HIGHEST), not a filtered one. */
    public boolean elevated() {
        return elevated;
    }

    /** Whether the process is a scheduled task (its own logon), not a command of a WinRM shell (a network logon). */
    public boolean scheduledTask() {
        return scheduledTask;
    }

    /** {@code text} with passwords masked, for debug logs. */
    String forLog(String text) {
        return redactor.redact(text);
    }

    /** The program name as typed, without path and extension. */
    public String name() {
        return name;
    }

    /** Everything after the program name, as typed (quotes kept, one separator removed). */
    public String arguments() {
        return arguments;
    }

    /** The arguments split like the C runtime does: on blanks outside double quotes, quotes removed. */
    public List<String> argv() {
        return splitArguments(arguments, false);
    }

    /** The arguments split on blanks outside double quotes, quotes kept (for tools that parse quotes themselves). */
    public List<String> rawTokens() {
        return splitArguments(arguments, true);
    }

    /** Piped input, empty when none. */
    public String stdin() {
        return stdin;
    }

    public void out(String text) {
        out.append(text);
    }

    public void outLine(String line) {
        out.append(line).append("\r\n");
    }

    public void err(String text) {
        err.append(text);
    }

    public void errLine(String line) {
        err.append(line).append("\r\n");
    }

    String stdout() {
        return out.toString();
    }

    String stderr() {
        return err.toString();
    }

    static List<String> splitArguments(String text, boolean keepQuotes) {
        List<String> tokens = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean inQuotes = false;
        boolean inToken = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
                inToken = true;
                if (keepQuotes) {
                    current.append(c);
                }
            } else if (!inQuotes && (c == ' ' || c == '\t')) {
                if (inToken) {
                    tokens.add(current.toString());
                    current.setLength(0);
                    inToken = false;
                }
            } else {
                current.append(c);
                inToken = true;
            }
        }
        if (inToken) {
            tokens.add(current.toString());
        }
        return tokens;
    }
}

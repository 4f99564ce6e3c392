package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One powershell.exe run on a simulated host: the decoded script, the host, and the output streams. Errors are
 * collected as error records and written to stderr as CLIXML, as powershell.exe does when started with
 * -EncodedCommand and a redirected stderr (which is always the case under WinRM).
 */
public final class PowerShellCall {

    private final CommandCall command;
    private final String script;
    private final List<List<String>> errors = new ArrayList<>();

    PowerShellCall(CommandCall command, String script) {
        this.command = command;
        this.script = script;
    }

    public SimulatedHost host() {
        return command.host();
    }

    public String user() {
        return command.user();
    }

    public Map<String, String> environment() {
        return command.environment();
    }

    /** The host's PowerShell version, Major.Minor. */
    public String version() {
        return command.host().powerShellVersion();
    }

    public String script() {
        return script;
    }

    public void out(String text) {
        command.out(text);
    }

    public void outLine(String line) {
        command.outLine(line);
    }

    /** Adds one error record, as the console would print it line by line. */
    public void error(List<String> lines) {
        errors.add(List.copyOf(lines));
    }

    CommandCall commandCall() {
        return command;
    }

    void flushErrors() {
        if (!errors.isEmpty()) {
            command.err(Clixml.errorStream(errors));
        }
    }
}

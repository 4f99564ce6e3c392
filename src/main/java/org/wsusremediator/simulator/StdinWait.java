package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.Map;

/**
 * Which command lines, run in a WinRM shell, do not end until the client closes their standard input
 * (docs/simulator-legacy-windows.md): a WinRM shell gives each command a stdin pipe that stays open until a Send
 * with End="true", and some programs read it before they exit.
 * <ul>
 * <li>powershell.exe 1.0 and 2.0 started with a script ({@code -Command}, {@code -EncodedCommand}, {@code -File})
 * and neither {@code -InputFormat None} nor an input redirection ({@code <NUL}): it runs the script, then waits for
 * stdin (StackStorm/st2#1695, virgo-agent-toolkit/rackspace-monitoring-agent#403, puppetlabs/pxp-agent#569,
 * PowerShell/Win32-OpenSSH#780). PowerShell 3.0 and later end (Win32-OpenSSH#780: "works on server 2012 and 2016").</li>
 * <li>wmic without an input redirection, on every version modelled (rundeck/rundeck#2511; which versions exactly
 * is a guess).</li>
 * </ul>
 * Only the first program of each pipeline reads the shell's stdin; the others read the pipe, which closes.
 */
final class StdinWait {

    private StdinWait() {
    }

    static boolean waits(SimulatedHost host, String commandLine, Map<String, String> environment) {
        for (String simple : CmdInterpreter.shellStdinReaders(commandLine, environment)) {
            Redirections.Parsed parsed = Redirections.parse(simple);
            if (parsed.inputRedirected()) {
                continue;
            }
            String text = parsed.command().strip();
            if (text.startsWith("@")) {
                text = text.substring(1);
            }
            if (text.isEmpty()) {
                continue;
            }
            CmdInterpreter.ProgramName program = CmdInterpreter.ProgramName.split(text);
            switch (program.lookupName().toLowerCase(Locale.ROOT)) {
                case "powershell" -> {
                    if (host.powerShellVersion() != null && majorOf(host.powerShellVersion()) <= 2
                            && PowerShellCommand.waitsForStdin(program.rest())) {
                        return true;
                    }
                }
                case "wmic" -> {
                    return true;
                }
                default -> {
                    // other programs modelled here read no stdin
                }
            }
        }
        return false;
    }

    private static int majorOf(String version) {
        int dot = version.indexOf('.');
        return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
    }
}

package org.wsusremediator.probe;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * How every PowerShell script of this project goes over WinRM: {@code powershell -EncodedCommand} with the
 * script as base64 of UTF-16LE, so no quoting of the script is ever needed on the cmd.exe line, and standard input
 * redirected from NUL: powershell.exe 1.0 and 2.0 read stdin after the script and do not exit until it closes, and a
 * WinRM shell keeps it open (WinRM4J never closes it), so without it every such command runs until the visit
 * deadline (StackStorm/st2#1695, puppetlabs/pxp-agent#569, virgo-agent-toolkit/rackspace-monitoring-agent#403).
 * {@code <NUL} rather than {@code -InputFormat None}: it is cmd.exe's, so it works whatever the PowerShell version,
 * while "None" is not a documented value of -InputFormat (Text or XML) and is reported to work on 2.0 only.
 */
public final class PowerShellLine {

    /** Characters that cmd.exe would interpret on a command line: inventory or host data carrying them is refused. */
    public static final String CMD_SPECIAL = "\"&|<>^%";

    private PowerShellLine() {
    }

    public static String of(String script) {
        return "powershell -NoProfile -NonInteractive -EncodedCommand "
                + Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE)) + " <NUL";
    }

    /** Whether a value may go into a cmd.exe command line between double quotes. */
    public static boolean safeForCommandLine(String value) {
        for (char c : value.toCharArray()) {
            if (CMD_SPECIAL.indexOf(c) >= 0 || Character.isISOControl(c)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The script without comment lines, blank lines and indentation, its first line (the marker the simulator
     * recognises it by) kept: the encoded command line costs about 2.7 characters per script character, and
     * cmd.exe (8191) and some WinRM hosts (HTTP 500 near 1.7K, winrm4j#144) cap it. Our scripts have no
     * here-strings, so no line that starts with '#' is data.
     */
    public static String compact(String script) {
        String[] lines = script.split("\r?\n");
        return lines[0].strip() + "\n" + java.util.Arrays.stream(lines).skip(1)
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }
}

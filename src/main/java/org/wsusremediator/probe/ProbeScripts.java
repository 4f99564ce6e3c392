package org.wsusremediator.probe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The command lines of a probe (docs/probe-protocol.md), built from the scripts in
 * {@code src/main/resources/scripts/}, which are read once.
 */
public final class ProbeScripts {

    /** The first line of the PowerShell probe: the simulator recognises the script by it. */
    public static final String MARKER = "# wsus-remediator probe v1";

    /** cmd.exe's limit for one command line. */
    public static final int CMD_LINE_LIMIT = 8191;

    /** Characters cmd.exe would interpret inside or around our quotes: host data carrying them is refused. */
    private static final String CMD_SPECIAL = PowerShellLine.CMD_SPECIAL;

    private static final ProbeScripts STANDARD = new ProbeScripts(
            read("probe.ps1"), read("fallback-step1.cmd"), read("fallback-step2.cmd"));

    private final String powerShellScript;
    private final String powerShellCommandLine;
    private final String fallbackStep1;
    private final String fallbackStep2Template;

    private ProbeScripts(String probePs1, String step1, String step2) {
        this.powerShellScript = compact(probePs1);
        this.powerShellCommandLine = PowerShellLine.of(powerShellScript);
        this.fallbackStep1 = step1.strip();
        this.fallbackStep2Template = step2.strip();
    }

    public static ProbeScripts standard() {
        return STANDARD;
    }

    /** The PowerShell probe as sent: the marker line, then the code without comment lines and indentation. */
    public String powerShellScript() {
        return powerShellScript;
    }

    /** {@code powershell -NoProfile -NonInteractive -EncodedCommand <base64 of the UTF-16LE script>}. */
    public String powerShellCommandLine() {
        return powerShellCommandLine;
    }

    public String fallbackStep1() {
        return fallbackStep1;
    }

    /**
     * Step 2 of the cmd fallback for the Setup key's TargetDir. TargetDir is host data going into a command
     * line: one carrying a character that cmd.exe or WQL would interpret is refused, not escaped.
     *
     * @throws IllegalArgumentException naming the character, when TargetDir cannot go into a command line
     */
    public String fallbackStep2(String targetDir) {
        if (targetDir == null || targetDir.isBlank()) {
            throw new IllegalArgumentException("the Setup key's TargetDir is empty: no path to look in");
        }
        for (char c : targetDir.toCharArray()) {
            if (CMD_SPECIAL.indexOf(c) >= 0 || Character.isISOControl(c)) {
                throw new IllegalArgumentException("the Setup key's TargetDir '" + Excerpt.of(targetDir)
                        + "' contains " + describe(c) + ", which cmd.exe would interpret: host data is not put into a command line");
            }
        }
        String dir = targetDir.endsWith("\\") ? targetDir : targetDir + "\\";
        return fallbackStep2Template
                .replace("{targetDirWmic}", dir.replace("\\", "\\\\"))
                .replace("{targetDir}", dir);
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("a control character (U+%04X)", (int) c) : "'" + c + "'";
    }

    static String compact(String script) {
        if (!script.split("\r?\n")[0].equals(MARKER)) {
            throw new IllegalStateException("probe.ps1 must start with the line '" + MARKER + "'");
        }
        return PowerShellLine.compact(script);
    }

    private static String read(String name) {
        try (InputStream in = ProbeScripts.class.getResourceAsStream("/scripts/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource scripts/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scripts/" + name, e);
        }
    }
}

package org.wsusremediator.probe;

import java.util.List;
import java.util.Locale;

/**
 * One probe of one host, in the shell the caller opened (docs/probe-protocol.md): the PowerShell probe,
 * or where PowerShell is absent the two cmd.exe steps. Transport failures thrown by the shell propagate
 * untouched: they mean "unreachable", which is the caller's call to make.
 */
public final class Prober {

    /** cmd.exe's words for an unknown command (English display language). */
    static final String NOT_RECOGNIZED = "is not recognized as an internal or external command";
    /**
     * cmd.exe's words for an unknown program called powershell, by their ASCII part: en-US, de-DE, es-ES
     * (docs/simulator-localized-hosts.md). Japanese has no ASCII part beyond the name: see {@link #powerShellAbsent}.
     */
    private static final List<String> POWERSHELL_NOT_RECOGNIZED = List.of("'powershell' " + NOT_RECOGNIZED,
            "der befehl \"powershell\" ist entweder falsch geschrieben", "'powershell' no se reconoce como un comando");
    /** cmd.exe's exit code for an unknown command, whatever the display language. */
    static final int CMD_NOT_FOUND = 9009;

    private final ProbeScripts scripts;

    public Prober() {
        this(ProbeScripts.standard());
    }

    public Prober(ProbeScripts scripts) {
        this.scripts = scripts;
    }

    public ProbeResult probe(RemoteShell shell) {
        RemoteShell.CommandResult ps = shell.run(scripts.powerShellCommandLine());
        if (powerShellAbsent(ps)) {
            return fallback(shell);
        }
        if (ps.exitCode() != 0) {
            return commandFailed("the PowerShell probe", ps, 1);
        }
        try {
            return ProbeResult.ok(ProbeOutputParser.parse(ps.stdout()), 1);
        } catch (ProbeParseException e) {
            return unparseable(e.getMessage(), ps, 1);
        }
    }

    private ProbeResult fallback(RemoteShell shell) {
        RemoteShell.CommandResult step1 = shell.run(scripts.fallbackStep1());
        if (step1.exitCode() != 0) {
            return commandFailed("fallback step 1 (no PowerShell)", step1, 2);
        }
        FallbackOutputParser.SetupAndOs setup;
        try {
            setup = FallbackOutputParser.parseStep1(step1);
        } catch (ProbeParseException e) {
            return unparseable(e.getMessage(), step1, 2);
        }
        if (!setup.wsusSetupPresent()) {
            return ProbeResult.ok(setup.toFacts(), 2);
        }
        String step2Line;
        try {
            step2Line = scripts.fallbackStep2(setup.targetDir());
        } catch (IllegalArgumentException e) {
            return ProbeResult.failed(ProbeFailure.Kind.UNPARSEABLE, e.getMessage(), 2);
        }
        RemoteShell.CommandResult step2 = shell.run(step2Line);
        if (step2.exitCode() != 0) {
            return commandFailed("fallback step 2 (no PowerShell)", step2, 3);
        }
        try {
            return ProbeResult.ok(FallbackOutputParser.parseStep2(setup, step2), 3);
        } catch (ProbeParseException e) {
            return unparseable(e.getMessage(), step2, 3);
        }
    }

    /**
     * cmd.exe could not find powershell: its English message, or its exit code 9009 with nothing on stdout
     * (the message is translated on other display languages, the code is not).
     */
    static boolean powerShellAbsent(RemoteShell.CommandResult result) {
        String stderr = result.stderr() == null ? "" : result.stderr();
        String lower = stderr.toLowerCase(Locale.ROOT);
        boolean said = POWERSHELL_NOT_RECOGNIZED.stream().anyMatch(lower::contains);
        boolean noStdout = result.stdout() == null || result.stdout().isBlank();
        boolean coded = result.exitCode() == CMD_NOT_FOUND && noStdout;
        return said || coded || (noStdout && result.exitCode() != 0 && quotedNameThenForeignText(stderr.strip()));
    }

    /**
     * cmd.exe's "not recognized" in a language without ASCII words (ja-JP: {@code 'powershell' は、内部コマンド...}),
     * which a console on code page 437 turns into {@code 'powershell' ?...}: the typed name in quotes, then text that
     * is not ASCII. Nothing else starts its first stderr line so (powershell.exe's own errors are CLIXML).
     */
    private static boolean quotedNameThenForeignText(String stderr) {
        String name = "'powershell' ";
        if (!stderr.regionMatches(true, 0, name, 0, name.length()) || stderr.length() == name.length()) {
            return false;
        }
        char next = stderr.charAt(name.length());
        return next == '?' || next > 0x7E;
    }

    private static ProbeResult commandFailed(String what, RemoteShell.CommandResult result, int commands) {
        String first = Excerpt.firstLine(result.stderr());
        return ProbeResult.failed(ProbeFailure.Kind.COMMAND_FAILED,
                what + " exited with code " + result.exitCode() + (first.isEmpty() ? " and no stderr" : ": " + first), commands);
    }

    private static ProbeResult unparseable(String reason, RemoteShell.CommandResult result, int commands) {
        String first = Excerpt.firstLine(result.stderr());
        return ProbeResult.failed(ProbeFailure.Kind.UNPARSEABLE, reason + (first.isEmpty() ? "" : " (stderr: " + first + ")"), commands);
    }
}

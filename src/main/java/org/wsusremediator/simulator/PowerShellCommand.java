package org.wsusremediator.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * powershell.exe: {@code [-NoProfile] [-NonInteractive] [-ExecutionPolicy X] ... -EncodedCommand <base64 UTF-16LE>},
 * {@code -Command <text>} (or {@code -Command -}: the script from stdin) and {@code -File <path>}, parameters
 * case-insensitive and abbreviable as powershell.exe allows. Scripts registered in the {@link CommandRegistry}
 * are answered by their handler; anything else goes to the small {@link PowerShellEngine}.
 * Not installed on hosts without PowerShell, so cmd.exe reports it as not recognized.
 */
final class PowerShellCommand implements CmdCommand {

    private static final Logger LOG = LoggerFactory.getLogger(PowerShellCommand.class);
    private static final List<String> VALUED = List.of("-executionpolicy", "-inputformat", "-outputformat",
            "-windowstyle", "-version", "-psconsolefile", "-configurationname");

    @Override
    public boolean installedOn(SimulatedHost host) {
        return host.powerShellVersion() != null;
    }

    /** True when the command line takes its script from stdin, so it can only run once stdin has ended. */
    static boolean readsStdin(String commandLine) {
        String line = commandLine.strip();
        if (line.isEmpty() || !CmdInterpreter.ProgramName.split(line).lookupName().equals("powershell")) {
            return false;
        }
        List<Token> tokens = tokens(line);
        for (int i = 1; i < tokens.size() - 1; i++) {
            if (isParameter(tokens.get(i).text(), "-command") && tokens.get(i + 1).text().equals("-")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether powershell.exe 1.0/2.0 with these arguments waits for its stdin to close after the script (see
     * {@link StdinWait}): it is given a script ({@code -Command} other than {@code -}, {@code -EncodedCommand},
     * {@code -File}, or a bare command) and not {@code -InputFormat None}.
     */
    static boolean waitsForStdin(String arguments) {
        List<Token> tokens = tokens(arguments);
        boolean script = false;
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (isParameter(t, "-inputformat")) {
                if (i + 1 < tokens.size() && tokens.get(i + 1).text().equalsIgnoreCase("none")) {
                    return false;
                }
                i++;
                continue;
            }
            if (isParameter(t, "-encodedcommand") || t.equalsIgnoreCase("-ec") || t.equalsIgnoreCase("/ec")) {
                script = true; // parameters after the encoded command are still powershell.exe's
                i++;
                continue;
            }
            if (isParameter(t, "-file")) {
                return true; // what follows the path is the script's
            }
            if (isParameter(t, "-command")) {
                // the rest of the line is the command; "-Command -" reads the script itself from stdin (readsStdin)
                return i + 1 < tokens.size() && !tokens.get(i + 1).text().equals("-");
            }
            if (!t.startsWith("-") && !t.startsWith("/")) {
                return true; // a bare command: -Command implied
            }
            if (VALUED.stream().anyMatch(p -> isParameter(t, p))) {
                i++;
            }
        }
        return script;
    }

    @Override
    public int run(CommandCall call) {
        Optional<String> script;
        try {
            script = script(call);
        } catch (IllegalArgumentException e) {
            call.errLine(e.getMessage());
            return 1;
        }
        if (script.isEmpty()) {
            // no command: an interactive console would start; under WinRM it reads stdin and ends at once
            return 0;
        }
        String text = script.get();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        if (LOG.isDebugEnabled()) {
            String safe = call.forLog(text);
            LOG.debug("{}: PowerShell script ({} chars): {}", call.host().name(), text.length(),
                    safe.length() > 2000 ? safe.substring(0, 2000) + "..." : safe);
        }
        PowerShellCall ps = new PowerShellCall(call, text);
        String firstLine = text.lines().findFirst().orElse("");
        int exitCode = call.registry().script(firstLine)
                .map(handler -> handler.run(ps))
                .orElseGet(() -> new PowerShellEngine(ps).run());
        ps.flushErrors();
        return exitCode;
    }

    private record Token(String text, int start, int end) {
    }

    private static Optional<String> script(CommandCall call) {
        String args = call.arguments();
        List<Token> tokens = tokens(args);
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i).text();
            if (isParameter(t, "-encodedcommand") || t.equalsIgnoreCase("-ec") || t.equalsIgnoreCase("/ec")) {
                if (i + 1 >= tokens.size()) {
                    throw new IllegalArgumentException("Missing argument for parameter -EncodedCommand.");
                }
                return Optional.of(decode(tokens.get(i + 1).text()));
            }
            boolean explicit = isParameter(t, "-command");
            if (explicit || (!t.startsWith("-") && !t.startsWith("/"))) {
                String rest = explicit ? args.substring(tokens.get(i).end()).strip() : args.substring(tokens.get(i).start()).strip();
                if (rest.equals("-")) {
                    return Optional.of(call.stdin());
                }
                return Optional.of(rest.length() > 1 && rest.startsWith("\"") && rest.endsWith("\"")
                        ? rest.substring(1, rest.length() - 1) : rest);
            }
            if (isParameter(t, "-file")) {
                String path = i + 1 < tokens.size() ? tokens.get(i + 1).text() : "";
                return Optional.of(call.host().files().get(path)
                        .map(SimulatedFile::content)
                        .orElseThrow(() -> new IllegalArgumentException("The argument '" + path
                                + "' to the -File parameter does not exist. Provide the path to an existing '.ps1' file as an argument to the -File parameter.")));
            }
            if (VALUED.stream().anyMatch(p -> isParameter(t, p))) {
                i++;
            }
        }
        return Optional.empty();
    }

    /** Blank-separated, quote-aware tokens with their offsets (quotes removed from the text). */
    private static List<Token> tokens(String text) {
        List<Token> tokens = new java.util.ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
                i++;
            }
            if (i >= text.length()) {
                break;
            }
            int start = i;
            boolean inQuotes = false;
            StringBuilder b = new StringBuilder();
            while (i < text.length() && (inQuotes || (text.charAt(i) != ' ' && text.charAt(i) != '\t'))) {
                char c = text.charAt(i++);
                if (c == '"') {
                    inQuotes = !inQuotes;
                } else {
                    b.append(c);
                }
            }
            tokens.add(new Token(b.toString(), start, i));
        }
        return tokens;
    }

    /** powershell.exe takes "-" or "/" and any unambiguous prefix: -enc, -NonI, -ExecutionPolicy, -ex... */
    static boolean isParameter(String token, String name) {
        if (token.length() < 2 || (token.charAt(0) != '-' && token.charAt(0) != '/')) {
            return false;
        }
        String t = "-" + token.substring(1).toLowerCase(Locale.ROOT);
        if (t.equals("-e")) {
            return name.equals("-encodedcommand");
        }
        if (t.equals("-ex") || t.equals("-ep")) {
            return name.equals("-executionpolicy");
        }
        return name.startsWith(t);
    }

    private static String decode(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64.strip()), StandardCharsets.UTF_16LE);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot process the command because the value specified with -EncodedCommand is not properly encoded. The value must be Base64 encoded.");
        }
    }
}

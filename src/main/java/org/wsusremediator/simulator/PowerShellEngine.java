package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few PowerShell statements independent clients send to a host (Ansible's raw module, pywinrm's run_ps):
 * programs like {@code hostname}/{@code whoami}/{@code ipconfig} (anything executable in the registry),
 * {@code Write-Output}/{@code echo}/{@code Write-Host}, {@code $PSVersionTable.PSVersion}, {@code $env:NAME},
 * {@code exit}, the settings lines clients prepend, and the registry statements of workaround recipes
 * ({@link RegistryCmdlets}). Any other command gets PowerShell's "term is not
 * recognized" error record; unknown variables are $null and print nothing, as in PowerShell.
 * Statements end at line breaks and at ';' outside quotes; nothing fancier (pipes, blocks) is modelled.
 */
final class PowerShellEngine {

    private static final Pattern PS_VERSION = Pattern.compile("(?i)\\$PSVersionTable\\.PSVersion(\\.ToString\\(\\)|\\.Major|\\.Minor)?");
    private static final Pattern ENV_VAR = Pattern.compile("(?i)\\$env:([A-Za-z0-9_()]+)");
    private static final Pattern EXIT = Pattern.compile("(?i)exit(?:\\s+(-?\\d+|\\$LASTEXITCODE))?");
    /** Ansible appends this to propagate a failed command's exit code. */
    private static final Pattern ANSIBLE_RC = Pattern.compile("(?i)If\\s*\\(-not\\s+\\$\\?\\).*");
    private static final List<String> NO_OUTPUT_COMMANDS = List.of("set-strictmode", "set-executionpolicy", "trap");

    private final PowerShellCall ps;
    private boolean lastSucceeded = true;
    private Integer lastExitCode;

    private record Statement(String text, int line, int column, String lineText) {
    }

    private static final class Exit extends RuntimeException {
        final int code;

        Exit(int code) {
            super(null, null, false, false);
            this.code = code;
        }
    }

    PowerShellEngine(PowerShellCall ps) {
        this.ps = ps;
    }

    int run() {
        try {
            for (Statement s : statements(ps.script())) {
                execute(s);
            }
        } catch (Exit e) {
            return e.code;
        }
        return lastSucceeded ? 0 : 1;
    }

    private void execute(Statement s) {
        String text = s.text();
        String lower = text.toLowerCase(Locale.ROOT);
        String head = firstWord(text);
        String headLower = head.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = EXIT.matcher(text)).matches()) {
            String code = m.group(1);
            throw new Exit(code == null ? 0 : code.startsWith("$") ? (lastExitCode == null ? 0 : lastExitCode) : Integer.parseInt(code));
        }
        Optional<RegistryCmdlets.Outcome> recipe = RegistryCmdlets.execute(ps, text);
        if (recipe.isPresent()) {
            if (recipe.get().exit() != null) {
                throw new Exit(recipe.get().exit());
            }
            lastSucceeded = recipe.get().succeeded();
            return;
        }
        if (ANSIBLE_RC.matcher(text).matches()) {
            if (!lastSucceeded) {
                throw new Exit(lastExitCode != null ? lastExitCode : 1);
            }
            return;
        }
        if (text.startsWith("$")) {
            variable(text);
            return;
        }
        if (NO_OUTPUT_COMMANDS.contains(headLower)) {
            lastSucceeded = true;
            return;
        }
        if (lower.equals("write-output") || headLower.equals("write-output") || headLower.equals("echo") || headLower.equals("write")) {
            arguments(text.substring(head.length())).forEach(ps::outLine);
            lastSucceeded = true;
            return;
        }
        if (headLower.equals("write-host")) {
            ps.outLine(String.join(" ", arguments(text.substring(head.length()))));
            lastSucceeded = true;
            return;
        }
        String program = headLower.endsWith(".exe") ? headLower.substring(0, headLower.length() - 4) : headLower;
        Optional<CmdCommand> external = ps.commandCall().registry().command(program)
                .filter(CmdCommand::isExecutable)
                .filter(c -> c.installedOn(ps.host()));
        if (external.isPresent()) {
            String args = String.join(" ", arguments(text.substring(head.length())).stream()
                    .map(a -> a.contains(" ") ? "\"" + a + "\"" : a).toList());
            CommandCall call = new CommandCall(ps.commandCall().shellContext(), program, args, "");
            lastExitCode = external.get().run(call);
            ps.out(call.stdout());
            if (!call.stderr().isEmpty()) {
                // a native program's stderr passes through as text, not as an error record
                ps.commandCall().err(call.stderr());
            }
            lastSucceeded = lastExitCode == 0;
            return;
        }
        notRecognized(s, head);
    }

    private void variable(String text) {
        Matcher m;
        if ((m = PS_VERSION.matcher(text)).matches()) {
            String v = ps.version();
            if (v == null || v.equals("1.0")) {
                return; // PowerShell 1.0 has no $PSVersionTable: the expression is $null
            }
            String[] parts = v.split("\\.");
            String suffix = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
            switch (suffix) {
                case ".major" -> ps.outLine(parts[0]);
                case ".minor" -> ps.outLine(parts[1]);
                case ".tostring()" -> ps.outLine(v);
                default -> {
                    ps.outLine("");
                    ps.outLine("Major  Minor  Build  Revision");
                    ps.outLine("-----  -----  -----  --------");
                    ps.outLine(String.format(Locale.ROOT, "%-7s%-7s%-7s%-8s", parts[0], parts[1], "-1", "-1"));
                    ps.outLine("");
                    ps.outLine("");
                }
            }
        } else if ((m = ENV_VAR.matcher(text)).matches()) {
            String value = ps.environment().get(m.group(1));
            if (value != null) {
                ps.outLine(value);
            }
        }
        // assignments and other variables: no output
        lastSucceeded = true;
    }

    /**
     * PowerShell 2.0's error record for an unknown command, position marked with {@code <<<<} (2.0 has no
     * "name :" prefix, which came with 3.0); 1.0 words it differently and has no category lines.
     */
    private void notRecognized(Statement s, String term) {
        int errorColumn = s.column() + term.length();
        String before = s.lineText().substring(0, Math.min(s.lineText().length(), errorColumn - 1));
        String after = s.lineText().substring(Math.min(s.lineText().length(), errorColumn - 1));
        List<String> lines = new ArrayList<>();
        if ("1.0".equals(ps.version())) {
            lines.add("The term '" + term + "' is not recognized as a cmdlet, function, operable program, or script file. Verify the term and try again.");
            lines.add("At line:" + s.line() + " char:" + errorColumn);
            lines.add("+ " + before + " <<<< " + after);
        } else {
            lines.add("The term '" + term + "' is not recognized as the name of a cmdlet, function, script file, or operable program. "
                    + "Check the spelling of the name, or if a path was included, verify that the path is correct and try again.");
            lines.add("At line:" + s.line() + " char:" + errorColumn);
            lines.add("+ " + before + " <<<< " + after);
            lines.add("    + CategoryInfo          : ObjectNotFound: (" + term + ":String) [], CommandNotFoundException");
            lines.add("    + FullyQualifiedErrorId : CommandNotFoundException");
        }
        ps.error(lines);
        lastSucceeded = false;
    }

    private static String firstWord(String text) {
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '(') {
            end++;
        }
        return text.substring(0, end);
    }

    /** PowerShell argument tokens: 'literal', "expandable" ($env:X), barewords. */
    private List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ',') {
                i++;
                continue;
            }
            int end;
            String value;
            if (c == '\'' || c == '"') {
                end = text.indexOf(c, i + 1);
                end = end < 0 ? text.length() : end;
                value = text.substring(i + 1, end);
                if (c == '"') {
                    value = expand(value);
                }
                end++;
            } else {
                end = i;
                while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != ',') {
                    end++;
                }
                value = text.substring(i, end);
                if (value.startsWith("$")) {
                    Matcher m = ENV_VAR.matcher(value);
                    value = m.matches() ? ps.environment().getOrDefault(m.group(1), "") : "";
                }
            }
            args.add(value);
            i = end;
        }
        return args;
    }

    private String expand(String text) {
        Matcher m = ENV_VAR.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(ps.environment().getOrDefault(m.group(1), "")));
        }
        m.appendTail(b);
        return b.toString().replace("`n", "\r\n").replace("`t", "\t");
    }

    /** Lines and ';'-separated statements, skipping blanks, # comments and <# block comments #>. */
    private static List<Statement> statements(String script) {
        List<Statement> out = new ArrayList<>();
        String[] lines = script.split("\r?\n", -1);
        boolean inBlockComment = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n];
            if (inBlockComment) {
                if (line.contains("#>")) {
                    inBlockComment = false;
                }
                continue;
            }
            if (line.strip().startsWith("<#")) {
                inBlockComment = !line.contains("#>");
                continue;
            }
            int start = 0;
            boolean single = false;
            boolean dbl = false;
            for (int i = 0; i <= line.length(); i++) {
                char c = i < line.length() ? line.charAt(i) : ';';
                if (c == '\'' && !dbl) {
                    single = !single;
                } else if (c == '"' && !single) {
                    dbl = !dbl;
                } else if (c == '#' && !single && !dbl) {
                    add(out, line, start, i, n);
                    break;
                } else if (c == ';' && !single && !dbl || i == line.length()) {
                    add(out, line, start, i, n);
                    start = i + 1;
                }
            }
        }
        return out;
    }

    private static void add(List<Statement> out, String line, int start, int end, int lineIndex) {
        String raw = line.substring(start, Math.min(end, line.length()));
        String text = raw.strip();
        if (!text.isEmpty()) {
            int column = start + raw.indexOf(text.charAt(0)) + 1;
            out.add(new Statement(text, lineIndex + 1, column, line));
        }
    }
}

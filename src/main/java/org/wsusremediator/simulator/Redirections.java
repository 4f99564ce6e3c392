package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;

/** cmd.exe redirections of one simple command: {@code >f}, {@code >>f}, {@code 2>nul}, {@code 2>&1}, {@code 1>&2}, {@code <nul}. */
final class Redirections {

    private record Target(int stream, boolean append, String file, int duplicateOf) {
    }

    /** The command with its redirections cut out, and what to do with its output. */
    record Parsed(String command, List<Target> targets, boolean inputRedirected) {

        Parsed(String command, List<Target> targets) {
            this(command, targets, false);
        }

        void deliver(SimulatedHost host, String stdout, String stderr, StringBuilder outSink, StringBuilder errSink) {
            String toOut = stdout;
            String toErr = stderr;
            String outFile = null;
            String errFile = null;
            boolean outAppend = false;
            boolean errAppend = false;
            for (Target t : targets) {
                if (t.duplicateOf() > 0) {
                    if (t.stream() == 2 && t.duplicateOf() == 1) {
                        // stderr joins stdout wherever that goes (writing it to the same file again would
                        // overwrite what stdout put there)
                        toOut = toOut + toErr;
                        toErr = "";
                        errFile = null;
                    } else if (t.stream() == 1 && t.duplicateOf() == 2) {
                        toErr = toErr + toOut;
                        toOut = "";
                    }
                } else if (t.stream() == 1) {
                    outFile = t.file();
                    outAppend = t.append();
                } else if (t.stream() == 2) {
                    errFile = t.file();
                    errAppend = t.append();
                }
            }
            write(host, outFile, outAppend, toOut, outSink);
            write(host, errFile, errAppend, toErr, errSink);
        }

        private static void write(SimulatedHost host, String file, boolean append, String text, StringBuilder sink) {
            if (file == null) {
                sink.append(text);
            } else if (!file.equalsIgnoreCase("nul")) {
                String before = append ? host.files().get(file).map(SimulatedFile::content).orElse("") : "";
                host.files().put(file, SimulatedFile.text(before + text));
            }
        }
    }

    private Redirections() {
    }

    static Parsed parse(String command) {
        List<Target> targets = new ArrayList<>();
        StringBuilder rest = new StringBuilder();
        boolean inQuotes = false;
        boolean input = false;
        int i = 0;
        while (i < command.length()) {
            char c = command.charAt(i);
            if (c == '"') {
                inQuotes = !inQuotes;
            }
            if (!inQuotes && c == '<') {
                // Input redirection (the probe's `wmic ... <nul`): simulated programs read no stdin, so the
                // source is only cut out of the command line; that there was one matters to programs that
                // otherwise wait for their stdin to close (StdinWait).
                i = skipFileName(command, i + 1);
                input = true;
                continue;
            }
            if (inQuotes || c != '>') {
                rest.append(c);
                i++;
                continue;
            }
            int stream = 1;
            int last = rest.length() - 1;
            if (last >= 0 && (rest.charAt(last) == '1' || rest.charAt(last) == '2')
                    && (last == 0 || rest.charAt(last - 1) == ' ' || rest.charAt(last - 1) == '\t')) {
                stream = rest.charAt(last) - '0';
                rest.setLength(last);
            }
            i++;
            boolean append = i < command.length() && command.charAt(i) == '>';
            if (append) {
                i++;
            }
            if (i + 1 < command.length() && command.charAt(i) == '&' && Character.isDigit(command.charAt(i + 1))) {
                targets.add(new Target(stream, false, null, command.charAt(i + 1) - '0'));
                i += 2;
                continue;
            }
            while (i < command.length() && command.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            String file;
            if (i < command.length() && command.charAt(i) == '"') {
                int close = command.indexOf('"', i + 1);
                close = close < 0 ? command.length() : close;
                file = command.substring(i + 1, close);
                i = Math.min(command.length(), close + 1);
            } else {
                while (i < command.length() && command.charAt(i) != ' ' && command.charAt(i) != '>') {
                    i++;
                }
                file = command.substring(start, i);
            }
            targets.add(new Target(stream, append, file, 0));
        }
        return new Parsed(rest.toString(), targets, input);
    }

    private static int skipFileName(String command, int from) {
        int i = from;
        while (i < command.length() && command.charAt(i) == ' ') {
            i++;
        }
        if (i < command.length() && command.charAt(i) == '"') {
            int close = command.indexOf('"', i + 1);
            return close < 0 ? command.length() : close + 1;
        }
        while (i < command.length() && command.charAt(i) != ' ' && command.charAt(i) != '>' && command.charAt(i) != '<') {
            i++;
        }
        return i;
    }
}

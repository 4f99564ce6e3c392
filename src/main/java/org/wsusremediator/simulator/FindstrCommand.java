package org.wsusremediator.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * findstr.exe with literal search strings: {@code /c:"text"} (repeatable) or space-separated words, {@code /n}
 * line numbers, {@code /i} case-insensitive; files or piped input. Exit code 0 when a line matched, else 1;
 * an unreadable file prints "FINDSTR: Cannot open PATH" on stderr (in the host's display language).
 */
final class FindstrCommand implements CmdCommand {

    @Override
    public int run(CommandCall call) {
        List<String> searches = new ArrayList<>();
        List<String> files = new ArrayList<>();
        boolean numbers = false;
        boolean ignoreCase = false;
        String bareSearch = null;
        for (String arg : call.argv()) {
            String lower = arg.toLowerCase(Locale.ROOT);
            if (lower.startsWith("/c:")) {
                searches.add(arg.substring(3));
            } else if (lower.equals("/n")) {
                numbers = true;
            } else if (lower.equals("/i")) {
                ignoreCase = true;
            } else if (lower.startsWith("/")) {
                // /l (literal, our only mode), /s, /b... not modelled
                continue;
            } else if (searches.isEmpty() && bareSearch == null) {
                bareSearch = arg;
            } else {
                files.add(arg);
            }
        }
        if (bareSearch != null) {
            for (String word : bareSearch.split(" ")) {
                if (!word.isEmpty()) {
                    searches.add(word);
                }
            }
        }
        if (searches.isEmpty()) {
            call.errLine("FINDSTR: Bad command line");
            return 2;
        }
        boolean matched = false;
        if (files.isEmpty()) {
            matched = search(call, call.stdin(), searches, numbers, ignoreCase, null);
        }
        for (String file : files) {
            Optional<SimulatedFile> content = call.host().files().get(file);
            if (content.isEmpty()) {
                call.errLine(ConsoleText.fill(call.host().text().findstrCannotOpen(), file));
                continue;
            }
            matched |= search(call, content.get().content(), searches, numbers, ignoreCase, files.size() > 1 ? file : null);
        }
        return matched ? 0 : 1;
    }

    private static boolean search(CommandCall call, String text, List<String> searches, boolean numbers,
                                  boolean ignoreCase, String filePrefix) {
        boolean matched = false;
        String[] lines = text.split("\r?\n", -1);
        int count = text.endsWith("\n") ? lines.length - 1 : lines.length;
        for (int i = 0; i < count; i++) {
            String line = lines[i];
            String haystack = ignoreCase ? line.toLowerCase(Locale.ROOT) : line;
            for (String s : searches) {
                if (haystack.contains(ignoreCase ? s.toLowerCase(Locale.ROOT) : s)) {
                    call.outLine((filePrefix == null ? "" : filePrefix + ":") + (numbers ? (i + 1) + ":" : "") + line);
                    matched = true;
                    break;
                }
            }
        }
        return matched;
    }
}

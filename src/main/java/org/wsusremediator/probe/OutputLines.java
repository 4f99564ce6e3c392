package org.wsusremediator.probe;

/** Splits remote command output into lines whatever the line end: CRLF, LF, or wmic's CR CR LF. */
final class OutputLines {

    private OutputLines() {
    }

    /** The lines without their ends; a leading byte-order mark is dropped. Never empty. */
    static String[] split(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        String[] lines = t.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            lines[i] = stripTrailingCr(lines[i]);
        }
        return lines;
    }

    /** How many lines the text had, up to its last non-empty one. */
    static int count(String[] lines) {
        int n = lines.length;
        while (n > 0 && lines[n - 1].isEmpty()) {
            n--;
        }
        return n;
    }

    private static String stripTrailingCr(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == '\r') {
            end--;
        }
        return line.substring(0, end);
    }
}

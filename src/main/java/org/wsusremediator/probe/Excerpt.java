package org.wsusremediator.probe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Host output quoted in a reason: control characters become '?' and long text is cut, so that a hostile or
 * garbled line can neither forge extra log lines nor flood a report.
 */
final class Excerpt {

    static final int MAX = 80;
    private static final Pattern CLIXML_ERROR = Pattern.compile("<S S=\"Error\">([^<]*)</S>");

    private Excerpt() {
    }

    static String of(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(Math.min(text.length(), MAX + 3));
        for (int i = 0; i < text.length() && b.length() < MAX; i++) {
            char c = text.charAt(i);
            b.append(Character.isISOControl(c) ? '?' : c);
        }
        return text.length() > MAX ? b.append("...").toString() : b.toString();
    }

    /**
     * The first non-blank line of a command's stderr, for "exited with code N: ..." reasons. PowerShell
     * started with -EncodedCommand may write stderr as serialised records ({@code #< CLIXML}); then the
     * first error record's text is the line.
     */
    static String firstLine(String stderr) {
        if (stderr == null) {
            return "";
        }
        Matcher clixml = CLIXML_ERROR.matcher(stderr);
        if (stderr.startsWith("#< CLIXML") && clixml.find()) {
            return firstLine(clixml.group(1).replace("_x000D_", "\r").replace("_x000A_", "\n")
                    .replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&"));
        }
        for (String line : stderr.split("\r?\n|\r")) {
            if (!line.isBlank()) {
                return of(line.strip());
            }
        }
        return "";
    }
}

package org.wsusremediator.remediate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell run with -EncodedCommand under WinRM writes its errors to stderr as CLIXML; this pulls out the
 * first error line a person can read.
 */
final class PowerShellErrors {

    private static final Pattern ERROR = Pattern.compile("<S S=\"Error\">(.*?)</S>", Pattern.DOTALL);

    private PowerShellErrors() {
    }

    static String firstLine(String stderr) {
        Matcher m = ERROR.matcher(stderr);
        String text = m.find() ? m.group(1).replace("_x000D_", "").replace("_x000A_", " ") : stderr;
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}

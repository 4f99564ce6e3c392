package org.wsusremediator.simulator;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Makes command lines and scripts safe for the debug log: the fleet's account passwords are masked wherever they
 * appear, and so is the value after a password switch ({@code /RP x}, {@code /P x}, {@code -Password x},
 * {@code password=x}), since later commands (schtasks, installers) carry credentials of their own.
 */
final class LogRedactor {

    static final LogRedactor NONE = new LogRedactor(List.of());

    private static final Pattern PASSWORD_SWITCH = Pattern.compile(
            "(?i)((?:^|\\s)(?:/rp|/p|-password|-pass|-pwd)\\s+)(\"[^\"]*\"|'[^']*'|\\S+)|(password\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|\\S+)");
    private static final String MASK = "********";

    private final List<String> secrets;

    LogRedactor(List<String> secrets) {
        this.secrets = secrets.stream().filter(s -> s != null && !s.isEmpty()).toList();
    }

    String redact(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return PASSWORD_SWITCH.matcher(out).replaceAll(m -> m.group(1) != null
                ? java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK)
                : java.util.regex.Matcher.quoteReplacement(m.group(3) + MASK));
    }
}

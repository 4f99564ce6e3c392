package org.wsusremediator.inventory;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value parsers for inventory fields. They work on text, not on YAML's own typing, so that a CSV cell and
 * a YAML value obey the same rules. Their messages quote the value: never use them for secrets.
 */
final class Values {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    private static final Pattern HOSTNAME = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9._-]*[A-Za-z0-9_])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);

    private Values() {
    }

    static ValueParser<Integer> integer(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                throw new InvalidValue("must be a whole number between " + min + " and " + max + " (was '" + text + "')");
            }
            if (value < min || value > max) {
                throw new InvalidValue("must be between " + min + " and " + max + " (was " + value + ")");
            }
            return value;
        };
    }

    /** Only true/false: YAML 1.1's yes/no/on/off are refused because CSV and readers disagree on them. */
    static ValueParser<Boolean> bool() {
        return text -> {
            String t = text.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
            throw new InvalidValue("must be true or false (was '" + text + "')");
        };
    }

    /** Case-insensitive; the message lists the allowed values in the spelling the docs use. */
    static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text.trim())) {
                    return constant;
                }
            }
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new InvalidValue("must be one of " + allowed + " (was '" + text + "')");
        };
    }

    /** {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT5S}; must be positive. */
    static ValueParser<Duration> positiveDuration() {
        return text -> {
            String t = text.trim();
            Duration d = null;
            Matcher m = SHORT_DURATION.matcher(t);
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                d = switch (m.group(2).toLowerCase(Locale.ROOT)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            } else if (t.matches("\\d+")) {
                throw new InvalidValue("needs a unit, e.g. " + t + "s or " + t + "ms (was '" + text + "')");
            } else if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    d = Duration.parse(t.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            if (d == null) {
                throw new InvalidValue("must be a duration such as 500ms, 5s, 2m or PT5S (was '" + text + "')");
            }
            if (d.isNegative() || d.isZero()) {
                throw new InvalidValue("must be a positive duration (was '" + text + "')");
            }
            return d;
        };
    }

    /** Host, group and credential names: they end up in reports and file names, so keep them plain. */
    static ValueParser<String> name() {
        return text -> {
            if (text.isBlank()) {
                throw new InvalidValue("must not be empty");
            }
            if (!NAME.matcher(text).matches()) {
                throw new InvalidValue("must start with a letter or digit and hold only letters, digits, '.', '-' and '_' (was '"
                        + text + "')");
            }
            return text;
        };
    }

    static ValueParser<String> nonBlank() {
        return text -> {
            if (text.isBlank()) {
                throw new InvalidValue("must not be empty");
            }
            return text.trim();
        };
    }

    /** A DNS name, IPv4 or IPv6 address (brackets optional and dropped); URLs and host:port are refused. */
    static ValueParser<String> address() {
        return text -> {
            String t = text.trim();
            if (t.isEmpty()) {
                throw new InvalidValue("must not be empty");
            }
            if (t.contains("/")) {
                throw new InvalidValue("must be a host name or IP address, not a URL (was '" + text
                        + "'); the endpoint is built from transport and port");
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            long colons = t.chars().filter(c -> c == ':').count();
            if (colons == 1) {
                throw new InvalidValue("must not contain a port (was '" + text + "'); set port: instead");
            }
            boolean valid = colons > 1 ? IPV6.matcher(t).matches() : HOSTNAME.matcher(t).matches();
            if (!valid) {
                throw new InvalidValue("must be a host name or IP address (was '" + text + "')");
            }
            return t;
        };
    }
}

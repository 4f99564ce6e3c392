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
    private static final Pattern SHA256 = Pattern.compile("[0-9A-Fa-f]{64}");
    /** The staged file's name: plain, so it is safe in a cmd line, a schtasks /tr and a PowerShell string. */
    private static final Pattern PACKAGE_FILE = Pattern.compile("[A-Za-z0-9._-]+\\.[Ee][Xx][Ee]");
    private static final Pattern UNC = Pattern.compile("\\\\\\\\[^\\\\/]+\\\\[^\\\\/]+(\\\\[^\\\\/]+)*\\\\([^\\\\/]+)");
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*:\\S+");
    private static final Pattern URI_USERINFO_PASSWORD = Pattern.compile("^[^:]+://[^/@?]*:[^/@?]*@.*");
    private static final Pattern URI_SECRET_PARAMETER =
            Pattern.compile("(?i)[?&][^=&]*(password|passphrase|secret|token)[^=&]*=(?!\\{\\{|RAW\\(\\{\\{)[^&]*");
    /** What cmd.exe interprets inside or outside quotes (docs/remediation-protocol.md). */
    private static final String COMMAND_LINE_SPECIALS = "\"&|<>^%";
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

    /** Exactly 64 hex digits, as {@code sha256sum} prints them; returned in lowercase. */
    static ValueParser<String> sha256() {
        return text -> {
            String t = text.trim();
            if (!SHA256.matcher(t).matches()) {
                throw new InvalidValue("must be a SHA-256 hash: exactly 64 hexadecimal digits, as sha256sum prints it (was "
                        + t.length() + " characters: '" + t + "')");
            }
            return t.toLowerCase(Locale.ROOT);
        };
    }

    /**
     * A package source: {@code \\server\share\...\file.exe} or an http/https URL whose path ends in the file
     * name. It goes onto a Windows command line and into a single-quoted PowerShell string, so neither the
     * command line's special characters nor a quote may appear. A URL carrying a user name or password is
     * refused and never quoted.
     */
    static ValueParser<String> packageSource() {
        return text -> {
            String t = text.trim();
            if (t.isEmpty()) {
                throw new InvalidValue("must not be empty");
            }
            boolean mayHoldCredential = t.contains("@");
            String shown = mayHoldCredential ? "" : " (was '" + t + "')";
            rejectCommandLineSpecials(text, "'", shown);
            String fileName;
            if (t.startsWith("\\\\")) {
                Matcher unc = UNC.matcher(t);
                if (!unc.matches()) {
                    throw new InvalidValue("must be a UNC path \\\\server\\share\\...\\file.exe" + shown);
                }
                fileName = unc.group(2);
            } else {
                java.net.URI uri;
                try {
                    uri = new java.net.URI(t);
                } catch (java.net.URISyntaxException e) {
                    throw new InvalidValue("must be a UNC path (\\\\server\\share\\file.exe) or an http/https URL" + shown);
                }
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    throw new InvalidValue("must be a UNC path (\\\\server\\share\\file.exe) or an http/https URL" + shown);
                }
                if (uri.getRawUserInfo() != null) {
                    throw new InvalidValue("must not carry a user name or password: credentials never go in the inventory"
                            + " (the value is not shown)");
                }
                if (uri.getHost() == null) {
                    throw new InvalidValue("must name a server (http://server/path/file.exe)" + shown);
                }
                if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                    throw new InvalidValue("must end in the package's file name, without ?query or #fragment" + shown);
                }
                String path = uri.getRawPath() == null ? "" : uri.getRawPath();
                fileName = path.substring(path.lastIndexOf('/') + 1);
            }
            if (!PACKAGE_FILE.matcher(fileName).matches()) {
                throw new InvalidValue("must end in the installer's file name, an .exe of letters, digits, '.', '-' and '_'"
                        + " (e.g. WSUS3.0SP1-KB954960-x64.exe)" + shown);
            }
            return t;
        };
    }

    /**
     * Installer switches. They go onto a Windows command line, so cmd.exe's special characters are refused.
     * Messages name the character, never the value (switches of some installers carry passwords).
     */
    static ValueParser<String> installerArguments() {
        return text -> {
            String t = text.trim();
            // Checked before trimming would hide them: trim() drops control characters at the ends too.
            rejectCommandLineSpecials(text, "", "");
            if (t.isEmpty()) {
                throw new InvalidValue("must not be empty (the default is " + RemediationSettings.DEFAULT_INSTALLER_ARGUMENTS + ")");
            }
            return t;
        };
    }

    /**
     * A Camel endpoint URI ({@code scheme:rest}). Endpoint URIs can carry credentials, so messages never
     * quote the value, and a password-like parameter must be a property placeholder ({@code {{name}}}).
     */
    static ValueParser<String> endpointUri() {
        return text -> {
            String t = text.trim();
            if (!URI_SCHEME.matcher(t).matches()) {
                throw new InvalidValue("must be a Camel endpoint URI such as file:reports/upgrades (scheme:path, no spaces);"
                        + " the value is not shown, endpoint URIs may hold credentials");
            }
            if (URI_USERINFO_PASSWORD.matcher(t).matches() || URI_SECRET_PARAMETER.matcher(t).find()) {
                throw new InvalidValue("holds a password: passwords never go in the inventory; use a property placeholder"
                        + " such as password={{upgrade.password}} (the value is not shown)");
            }
            return t;
        };
    }

    private static void rejectCommandLineSpecials(String text, String alsoRefused, String shown) throws InvalidValue {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                throw new InvalidValue("must not contain a control character (at position " + (i + 1) + ")" + shown);
            }
            if (COMMAND_LINE_SPECIALS.indexOf(c) >= 0 || alsoRefused.indexOf(c) >= 0) {
                throw new InvalidValue("must not contain " + c + " (position " + (i + 1)
                        + "): it would be interpreted on the Windows command line or in a PowerShell string;"
                        + " refused: \" & | < > ^ % and '" + shown);
            }
        }
    }
}

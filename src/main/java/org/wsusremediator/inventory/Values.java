package org.wsusremediator.inventory;

import org.wsusremediator.input.Excerpt;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The value parsers for inventory fields. They work on text, not on YAML's own typing, so that a CSV cell and
 * a YAML value obey the same rules. Their messages quote the value, as an {@link Excerpt}: never use them for
 * secrets. Only whitespace is stripped from a value's ends ({@link String#strip()}): {@code trim()} would also
 * drop control characters, and read {@code "https\0"} as https.
 */
final class Values {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");
    /** An RFC 1123 label: letters, digits and inner hyphens, 1 to 63 characters. */
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern IPV4_PART = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern IPV6 = Pattern.compile("([0-9A-Fa-f:.]+)(%[A-Za-z0-9._-]+)?");
    /** ASCII digits only: Integer.parseInt also takes "+80" and full-width or Arabic-Indic digits. */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1,9}");
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
            String t = text.strip();
            if (!WHOLE_NUMBER.matcher(t).matches()) {
                throw new InvalidValue("must be a whole number between " + min + " and " + max + " (was '"
                        + Excerpt.of(text) + "'); digits 0-9 only, no sign");
            }
            int value = Integer.parseInt(t);
            if (value < min || value > max) {
                throw new InvalidValue("must be between " + min + " and " + max + " (was " + value + ")");
            }
            return value;
        };
    }

    /** Only true/false: YAML 1.1's yes/no/on/off are refused because CSV and readers disagree on them. */
    static ValueParser<Boolean> bool() {
        return text -> {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return true;
            }
            if (t.equals("false")) {
                return false;
            }
            throw new InvalidValue("must be true or false (was '" + Excerpt.of(text) + "')");
        };
    }

    /** Case-insensitive; the message lists the allowed values in the spelling the docs use. */
    static <E extends Enum<E>> ValueParser<E> oneOf(Class<E> type) {
        return text -> {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equalsIgnoreCase(text.strip())) {
                    return constant;
                }
            }
            String allowed = Arrays.stream(type.getEnumConstants())
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
            throw new InvalidValue("must be one of " + allowed + " (was '" + Excerpt.of(text) + "')");
        };
    }

    /**
     * {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, or ISO-8601 such as {@code PT5S}; positive and at most
     * {@code max}: without a bound, {@code PT99999999999999999S} read fine and overflowed in the first host visit.
     */
    static ValueParser<Duration> positiveDuration(Duration max) {
        return text -> {
            String t = text.strip();
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
                throw new InvalidValue("needs a unit, e.g. " + Excerpt.of(t) + "s or " + Excerpt.of(t) + "ms (was '"
                        + Excerpt.of(text) + "')");
            } else if (t.toUpperCase(Locale.ROOT).startsWith("P")) {
                try {
                    d = Duration.parse(t.toUpperCase(Locale.ROOT));
                } catch (DateTimeParseException e) {
                    d = null;
                }
            }
            if (d == null) {
                throw new InvalidValue("must be a duration such as 500ms, 5s, 2m or PT5S (was '" + Excerpt.of(text) + "')");
            }
            if (d.isNegative() || d.isZero()) {
                throw new InvalidValue("must be a positive duration (was '" + Excerpt.of(text) + "')");
            }
            if (d.compareTo(max) > 0) {
                throw new InvalidValue("must be at most " + shortForm(max) + " (was '" + Excerpt.of(text) + "')");
            }
            return d;
        };
    }

    /** 90s, 5m, 1h, 24h: how the inventory writes a duration. */
    static String shortForm(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return d.toHours() + "h";
        }
        if (d.toMillis() % 60_000 == 0) {
            return d.toMinutes() + "m";
        }
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** Host, group and credential names: they end up in reports and file names, so keep them plain. */
    static ValueParser<String> name() {
        return text -> {
            if (text.isBlank()) {
                throw new InvalidValue("must not be empty");
            }
            if (!NAME.matcher(text).matches()) {
                throw new InvalidValue("must start with a letter or digit and hold only letters, digits, '.', '-' and '_' (was '"
                        + Excerpt.of(text) + "')");
            }
            return text;
        };
    }

    /** Any text but a blank one or one with control characters (a NUL ends a path or a user name early). */
    static ValueParser<String> nonBlank() {
        return text -> {
            if (text.isBlank()) {
                throw new InvalidValue("must not be empty");
            }
            String t = text.strip();
            if (t.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidValue("must not contain a control character");
            }
            return t;
        };
    }

    /** A DNS name, IPv4 or IPv6 address (brackets optional and dropped); URLs and host:port are refused. */
    static ValueParser<String> address() {
        return text -> {
            String t = text.strip();
            if (t.isEmpty()) {
                throw new InvalidValue("must not be empty");
            }
            if (t.contains("/")) {
                throw new InvalidValue("must be a host name or IP address, not a URL (was '" + Excerpt.of(text)
                        + "'); the endpoint is built from transport and port");
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            long colons = t.chars().filter(c -> c == ':').count();
            if (colons == 1) {
                throw new InvalidValue("must not contain a port (was '" + Excerpt.of(text) + "'); set port: instead");
            }
            boolean valid = colons > 1 ? isIpv6(t) : isHostNameOrIpv4(t);
            if (!valid) {
                throw new InvalidValue("must be a host name or IP address (was '" + Excerpt.of(text) + "'); a host name"
                        + " is dot-separated labels of 1 to 63 letters, digits and inner '-' (RFC 1123)");
            }
            return t;
        };
    }

    /** RFC 1123 labels; a name whose last label is all digits can only be an IPv4 address, and must be one. */
    private static boolean isHostNameOrIpv4(String t) {
        String[] labels = t.split("\\.", -1);
        if (t.length() > 253 || !java.util.Arrays.stream(labels).allMatch(l -> LABEL.matcher(l).matches())) {
            return false;
        }
        if (!labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return true;
        }
        return labels.length == 4 && java.util.Arrays.stream(labels)
                .allMatch(l -> IPV4_PART.matcher(l).matches() && Integer.parseInt(l) <= 255);
    }

    /**
     * An IPv6 literal, with an optional zone. {@link InetAddress#getByName} parses a text holding ':' as a literal
     * only, never as a name to look up (and rejects it if it is not one).
     */
    private static boolean isIpv6(String t) {
        Matcher m = IPV6.matcher(t);
        if (!m.matches()) {
            return false;
        }
        try {
            InetAddress parsed = InetAddress.getByName(m.group(1));
            return parsed instanceof Inet6Address || m.group(1).toLowerCase(Locale.ROOT).startsWith("::ffff:");
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * The address as one endpoint: lowercase, and an IPv6 literal in its canonical form (fd00::1 and
     * FD00:0:0:0:0:0:0:1 are one address). Names are not resolved: two names for one machine are the
     * probe's to find (it reads the machine's identity).
     */
    static String canonicalAddress(String address) {
        String lower = address.toLowerCase(Locale.ROOT);
        Matcher m = IPV6.matcher(lower);
        if (lower.indexOf(':') < 0 || !m.matches()) {
            return lower;
        }
        try {
            String zone = m.group(2) == null ? "" : m.group(2);
            return InetAddress.getByName(m.group(1)).getHostAddress().replaceFirst("%.*", "") + zone;
        } catch (UnknownHostException e) {
            return lower;
        }
    }

    /** Exactly 64 hex digits, as {@code sha256sum} prints them; returned in lowercase. */
    static ValueParser<String> sha256() {
        return text -> {
            String t = text.strip();
            if (!SHA256.matcher(t).matches()) {
                throw new InvalidValue("must be a SHA-256 hash: exactly 64 hexadecimal digits, as sha256sum prints it (was "
                        + t.length() + " characters: '" + Excerpt.of(t) + "')");
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
            String t = text.strip();
            if (t.isEmpty()) {
                throw new InvalidValue("must not be empty");
            }
            boolean mayHoldCredential = t.contains("@");
            String shown = mayHoldCredential ? "" : " (was '" + Excerpt.of(t) + "')";
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
            String t = text.strip();
            // Checked on the text as written, before anything is stripped from its ends.
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
            String t = text.strip();
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

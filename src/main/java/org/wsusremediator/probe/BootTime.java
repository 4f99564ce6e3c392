package org.wsusremediator.probe;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When the host last started: {@code Win32_OperatingSystem.LastBootUpTime} as an instant (UTC). WMI gives it as a CIM
 * DATETIME, {@code yyyymmddHHMMSS.mmmmmmsUUU}: local time, microseconds, then the local time's offset from UTC in
 * minutes (Microsoft, "CIM_DATETIME"; docs/probe-protocol.md). The form is locale-independent, so it is read the same
 * on every display language, from PowerShell and from wmic alike.
 * <p>
 * Not a deciding fact: it changes with every restart, which is exactly why a restart is proven by it (the boot time
 * must change) and why an approval must not be bound to it.
 *
 * @param instant the boot time, UTC
 */
public record BootTime(Instant instant) {

    /** Every field present: a point in time (a {@code *} marks an unused field in CIM, which a boot time has none of). */
    private static final Pattern CIM_DATETIME = Pattern.compile("(\\d{14})\\.(\\d{6})([+-])(\\d{3})");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuuMMddHHmmss")
            .withResolverStyle(java.time.format.ResolverStyle.STRICT);

    public BootTime {
        if (instant == null) {
            throw new IllegalArgumentException("a boot time needs an instant");
        }
    }

    /**
     * The boot time from WMI's text; empty text is unknown (null).
     *
     * @throws IllegalArgumentException naming the text when it is not a CIM DATETIME
     */
    public static BootTime parseCim(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Matcher m = CIM_DATETIME.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is not a WMI datetime (yyyymmddHHMMSS.mmmmmmsUUU)");
        }
        int offsetMinutes = Integer.parseInt(m.group(4)) * ("-".equals(m.group(3)) ? -1 : 1);
        if (Math.abs(offsetMinutes) > 18 * 60) {
            throw new IllegalArgumentException("'" + Excerpt.of(text) + "' has a UTC offset of " + offsetMinutes + " minutes");
        }
        try {
            LocalDateTime local = LocalDateTime.parse(m.group(1), LOCAL).plusNanos(Integer.parseInt(m.group(2)) * 1000L);
            return new BootTime(local.toInstant(ZoneOffset.ofTotalSeconds(offsetMinutes * 60)));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + Excerpt.of(text) + "' is not a valid date and time");
        }
    }

    /** ISO-8601 in UTC, e.g. {@code 2008-06-14T02:00:00Z}: what the reports and the fact sheet show. */
    @JsonValue
    @Override
    public String toString() {
        return instant.toString();
    }
}

package org.wsusremediator.window;

import org.wsusremediator.apply.Rollout;
import org.wsusremediator.apply.WaveSize;
import org.wsusremediator.input.Excerpt;

import org.quartz.CronExpression;
import org.wsusremediator.input.ProblemList;
import org.wsusremediator.yaml.Suggestions;
import org.wsusremediator.yaml.YamlNode;
import org.wsusremediator.yaml.YamlNodeReader;

import java.nio.file.Path;
import java.text.ParseException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and checks a change-window file (format: docs/change-windows.md). All or nothing: either a complete,
 * valid {@link Schedule}, or one {@link InvalidScheduleException} listing every problem with its line, so a
 * wrong window is never half-applied and the admin fixes the file in one pass.
 */
public final class ScheduleFile {

    private static final List<String> TOP_LEVEL = List.of("windows", "applyNow", "rollout");
    private static final List<String> WINDOW = List.of("name", "start", "duration", "timeZone", "blackoutDates");
    private static final List<String> ROLLOUT =
            List.of("canary", "waveSize", "minWaveSuccess", "maxFailures", "concurrency", "perGroup");

    /** A window open longer than a week is a standing permission, not a change window; most likely a typo. */
    static final Duration MAX_DURATION = Duration.ofDays(7);

    private static final Pattern DURATION = Pattern.compile("(?:(\\d{1,4})d)?(?:(\\d{1,6})h)?(?:(\\d{1,7})m)?(?:(\\d{1,9})s)?");
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d{1,9}");
    private static final Pattern PERCENT = Pattern.compile("(-?\\d{1,9})%");
    private static final Pattern ISO_DATE_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    private final ProblemList problems;

    private ScheduleFile(ProblemList problems) {
        this.problems = problems;
    }

    /**
     * The schedule in {@code file}. An empty file is valid: no windows, no {@code apply --now}, the default
     * rollout.
     *
     * @throws InvalidScheduleException listing every problem, each as {@code FILE:LINE: FIELD: message}
     */
    public static Schedule read(Path file) {
        ProblemList problems = new ProblemList();
        YamlNode top = YamlNodeReader.read(file, problems);
        if (YamlNodeReader.isEmptyDocument(top)) {
            top = YamlNode.Mapping.empty(top); // an empty file: no windows, the defaults
        }
        if (!(top instanceof YamlNode.Mapping root)) {
            if (top != null) {
                problems.add(top, "expected 'key: value' lines at the top level (windows, applyNow, rollout),"
                        + " found " + top.kind());
            }
            problems.throwIfAny(InvalidScheduleException::new);
            throw new IllegalStateException("the YAML reader returns null only with a problem");
        }
        ScheduleFile reader = new ScheduleFile(problems);
        reader.unknownKeys(root, TOP_LEVEL);
        List<ChangeWindow> windows = reader.windows(root.get("windows"));
        Boolean applyNow = reader.optional(root, "applyNow", Boolean.FALSE, ScheduleFile::bool);
        Rollout rollout = reader.rollout(root.get("rollout"));
        problems.throwIfAny(InvalidScheduleException::new);
        return new Schedule(windows, applyNow, rollout, file);
    }

    // ---- windows

    private List<ChangeWindow> windows(YamlNode node) {
        List<ChangeWindow> windows = new ArrayList<>();
        if (node == null || isNull(node)) {
            return windows;
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            problems.add(node, "expected a list of windows ('- name: ...' lines), found " + node.kind());
            return windows;
        }
        Map<String, Integer> nameLines = new HashMap<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlNode.Mapping window)) {
                problems.add(item, "expected a window (name, start, duration, timeZone, blackoutDates), found " + item.kind());
                continue;
            }
            unknownKeys(window, WINDOW);
            String name = required(window, "name", ScheduleFile::windowName);
            if (name != null) {
                Integer first = nameLines.putIfAbsent(name, window.get("name").line());
                if (first != null) {
                    problems.add(window.get("name"), "another window is already named '" + name + "' (line " + first + ")");
                    name = null;
                }
            }
            String cron = required(window, "start", ScheduleFile::cron);
            Duration duration = required(window, "duration", ScheduleFile::duration);
            ZoneId zone = required(window, "timeZone", ScheduleFile::zone);
            Set<LocalDate> blackoutDates = blackoutDates(window.get("blackoutDates"));
            if (name != null && cron != null && duration != null && zone != null && blackoutDates != null) {
                windows.add(new ChangeWindow(name, cron, duration, zone, blackoutDates));
            }
        }
        return windows;
    }

    /** The dates, or null when one of them is wrong (reported). */
    private Set<LocalDate> blackoutDates(YamlNode node) {
        if (node == null || isNull(node)) {
            return Set.of();
        }
        if (!(node instanceof YamlNode.Sequence list)) {
            problems.add(node, "expected a list of dates, e.g. [2026-12-25, 2027-01-01], found " + node.kind());
            return null;
        }
        Set<LocalDate> dates = new LinkedHashSet<>();
        Map<LocalDate, Integer> lines = new HashMap<>();
        boolean valid = true;
        for (YamlNode item : list.items()) {
            LocalDate date = scalar(item, ScheduleFile::date);
            if (date == null) {
                valid = false;
            } else if (lines.putIfAbsent(date, item.line()) != null) {
                // Harmless in itself, but usually a copy-paste where another date was meant.
                problems.add(item, "listed twice (first at line " + lines.get(date) + ")");
                valid = false;
            } else {
                dates.add(date);
            }
        }
        return valid ? dates : null;
    }

    // ---- rollout

    private Rollout rollout(YamlNode node) {
        if (node == null || isNull(node)) {
            return Rollout.DEFAULT;
        }
        if (!(node instanceof YamlNode.Mapping rollout)) {
            problems.add(node, "expected 'key: value' lines (" + String.join(", ", ROLLOUT) + "), found " + node.kind());
            return null;
        }
        unknownKeys(rollout, ROLLOUT);
        Rollout d = Rollout.DEFAULT;
        Integer canary = optional(rollout, "canary", d.canary(), text -> count(text, 0, Integer.MAX_VALUE));
        WaveSize waveSize = optional(rollout, "waveSize", d.waveSize(), ScheduleFile::waveSize);
        Integer minWaveSuccess = optional(rollout, "minWaveSuccess", d.minWaveSuccessPercent(), ScheduleFile::percent);
        Integer maxFailures = optional(rollout, "maxFailures", d.maxFailurePercent(), ScheduleFile::percent);
        Integer concurrency = optional(rollout, "concurrency", d.concurrency(), text -> count(text, 1, Rollout.MAX_CONCURRENCY));
        Integer perGroup = optional(rollout, "perGroup", d.perGroup(), text -> count(text, 0, Rollout.MAX_CONCURRENCY));
        if (canary == null || waveSize == null || minWaveSuccess == null || maxFailures == null
                || concurrency == null || perGroup == null) {
            return null;
        }
        return new Rollout(canary, waveSize, minWaveSuccess, maxFailures, concurrency, perGroup);
    }

    // ---- structure

    private void unknownKeys(YamlNode.Mapping mapping, List<String> known) {
        for (Map.Entry<String, YamlNode> member : mapping.members().entrySet()) {
            if (!known.contains(member.getKey())) {
                String hint = Suggestions.nearest(member.getKey(), known).map(k -> "did you mean '" + k + "'? ").orElse("");
                problems.add(member.getValue(), "unknown key; " + hint + "expected one of " + String.join(", ", known));
            }
        }
    }

    private <T> T required(YamlNode.Mapping mapping, String key, ValueParser<T> parser) {
        YamlNode node = mapping.get(key);
        if (node == null) {
            problems.add(mapping.file(), mapping.line(), YamlNode.member(mapping.path(), key), "is required");
            return null;
        }
        return scalar(node, parser);
    }

    private <T> T optional(YamlNode.Mapping mapping, String key, T absent, ValueParser<T> parser) {
        YamlNode node = mapping.get(key);
        return node == null ? absent : scalar(node, parser);
    }

    /** The parsed value, or null when it is missing or wrong (reported). */
    private <T> T scalar(YamlNode node, ValueParser<T> parser) {
        if (!(node instanceof YamlNode.Scalar scalar)) {
            problems.add(node, "expected a single value, found " + node.kind());
            return null;
        }
        if (scalar.text() == null || scalar.text().isBlank()) {
            problems.add(node, "has no value; write one, or leave the key out for its default");
            return null;
        }
        try {
            return parser.parse(scalar.text().trim());
        } catch (BadValue e) {
            problems.add(node, e.getMessage());
            return null;
        }
    }

    private static boolean isNull(YamlNode node) {
        return node instanceof YamlNode.Scalar scalar && scalar.text() == null;
    }

    // ---- values

    @FunctionalInterface
    private interface ValueParser<T> {
        T parse(String text) throws BadValue;
    }

    /** A value that cannot be used; the message is the problem's text. */
    private static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private static String windowName(String text) throws BadValue {
        if (!ChangeWindow.NAME.matcher(text).matches()) {
            throw new BadValue("must be lowercase letters, digits and '-' (at most 64), starting with a letter or digit"
                    + " (it names a Quartz trigger), was '" + Excerpt.of(text) + "'");
        }
        return text;
    }

    private static String cron(String text) throws BadValue {
        try {
            CronExpression.validateExpression(text);
        } catch (ParseException e) {
            String[] fields = text.split("\\s+");
            String hint = fields.length == 5
                    ? " (5 fields, like a Unix crontab line; Quartz wants seconds first, 6 or 7 fields, e.g. \"0 0 22 ? * SAT\")"
                    : " (seconds minutes hours day-of-month month day-of-week [year], e.g. \"0 0 22 ? * SAT\")";
            throw new BadValue("not a Quartz cron expression: " + e.getMessage() + hint);
        }
        return text;
    }

    /** {@code 90s}, {@code 30m}, {@code 4h}, {@code 1h30m}, {@code 2d}: units in that order, each at most once. */
    static Duration duration(String text) throws BadValue {
        Matcher m = DURATION.matcher(text);
        if (text.isEmpty() || !m.matches()) {
            throw new BadValue("must be like 90s, 30m, 4h, 1h30m or 2d, was '" + Excerpt.of(text) + "'");
        }
        Duration duration = Duration.ZERO;
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < units.length; i++) {
            String amount = m.group(i + 1);
            if (amount != null) {
                long n = Long.parseLong(amount);
                duration = duration.plus(switch (units[i]) {
                    case "d" -> Duration.ofDays(n);
                    case "h" -> Duration.ofHours(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofSeconds(n);
                });
            }
        }
        if (duration.isZero()) {
            throw new BadValue("must be more than 0, was '" + Excerpt.of(text) + "'");
        }
        if (duration.compareTo(MAX_DURATION) > 0) {
            throw new BadValue("must be at most 7d, was '" + Excerpt.of(text) + "'");
        }
        return duration;
    }

    /**
     * Only region names from the time-zone database: they follow daylight-saving time. A fixed offset such as
     * +01:00 would move a Madrid window by an hour every summer.
     */
    private static ZoneId zone(String text) throws BadValue {
        Set<String> known = ZoneId.getAvailableZoneIds();
        if (known.contains(text)) {
            return ZoneId.of(text);
        }
        StringBuilder message = new StringBuilder("not a time zone: must be an IANA name like Europe/Madrid or UTC");
        if (isFixedOffset(text)) {
            message.append("; a fixed offset does not follow daylight-saving time");
        } else {
            Optional<String> nearest = Suggestions.nearest(text, known);
            nearest.ifPresent(z -> message.append("; did you mean '").append(z).append("'?"));
        }
        throw new BadValue(message.append(", was '").append(Excerpt.of(text)).append("'").toString());
    }

    private static boolean isFixedOffset(String text) {
        try {
            return ZoneId.of(text).normalized() instanceof ZoneOffset;
        } catch (DateTimeException e) {
            return false;
        }
    }

    private static LocalDate date(String text) throws BadValue {
        try {
            return LocalDate.parse(text);
        } catch (DateTimeException e) {
            throw new BadValue(ISO_DATE_SHAPE.matcher(text).matches()
                    ? "no such date: '" + Excerpt.of(text) + "'"
                    : "not a date: must be yyyy-MM-dd, e.g. 2026-12-25, was '" + Excerpt.of(text) + "'");
        }
    }

    private static Boolean bool(String text) throws BadValue {
        // Only true and false: YAML 1.1's yes/no/on/off read differently in different tools.
        if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
        }
        if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
        }
        throw new BadValue("must be true or false, was '" + Excerpt.of(text) + "'");
    }

    private static Integer count(String text, int min, int max) throws BadValue {
        String range = max == Integer.MAX_VALUE ? min + " or more" : "from " + min + " to " + max;
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadValue("must be a whole number " + range + ", was '" + Excerpt.of(text) + "'");
        }
        int n = Integer.parseInt(text);
        if (n < min || n > max) {
            throw new BadValue("must be " + range + ", was " + n);
        }
        return n;
    }

    /** The % is required: "maxFailures: 10" could mean 10 hosts or 10%, and the two differ a lot on a big run. */
    private static Integer percent(String text) throws BadValue {
        Matcher m = PERCENT.matcher(text);
        if (!m.matches()) {
            throw new BadValue("must be a percentage from 0% to 100%, with the % sign, was '" + Excerpt.of(text) + "'");
        }
        int n = Integer.parseInt(m.group(1));
        if (n < 0 || n > 100) {
            throw new BadValue("must be from 0% to 100%, was " + Excerpt.of(text));
        }
        return n;
    }

    private static WaveSize waveSize(String text) throws BadValue {
        Matcher m = PERCENT.matcher(text);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n < 1 || n > 100) {
                throw new BadValue("a percentage must be from 1% to 100% (a wave of none would never end), was " + text);
            }
            return WaveSize.percent(n);
        }
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new BadValue("must be a host count (e.g. 5) or a percentage of the run's hosts (e.g. 25%), was '"
                    + Excerpt.of(text) + "'");
        }
        int n = Integer.parseInt(text);
        if (n < 1) {
            throw new BadValue("must be at least 1 host (a wave of none would never end), was " + n);
        }
        return WaveSize.count(n);
    }
}

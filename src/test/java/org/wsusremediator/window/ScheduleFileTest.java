package org.wsusremediator.window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.apply.Rollout;
import org.wsusremediator.apply.WaveSize;
import org.wsusremediator.input.Problem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The change-window file: the shipped ones read as documented, and every problem of a bad one is reported with its line. */
class ScheduleFileTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) {
        try {
            return Files.writeString(dir.resolve(name), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InvalidScheduleException invalid(Path file) {
        InvalidScheduleException e = catchThrowableOfType(InvalidScheduleException.class, () -> ScheduleFile.read(file));
        assertThat(e).as("reading %s should fail", file).isNotNull();
        return e;
    }

    /** "LINE FIELD" of each problem, in reported order. */
    private static List<String> where(InvalidScheduleException e) {
        return e.problems().stream().map(p -> p.line() + " " + p.field()).toList();
    }

    @Test
    void theLabFileHasOneEveryMinuteWindowAndAllowsApplyNow() {
        Path file = Path.of("inventory/windows.yaml");
        Schedule schedule = ScheduleFile.read(file);

        assertThat(schedule.source()).isEqualTo(file);
        assertThat(schedule.windows()).containsExactly(new ChangeWindow("lab-every-minute", "0 * * * * ?",
                Duration.ofSeconds(45), ZoneId.of("UTC"), Set.of(LocalDate.of(2026, 12, 25))));
        assertThat(schedule.applyNowAllowed()).isTrue();
        assertThat(schedule.rollout()).isEqualTo(new Rollout(1, WaveSize.percent(50), 50, 50, 8, 2));
    }

    @Test
    void theExampleFileIsAWeeklySaturdayWindowInMadrid() {
        Schedule schedule = ScheduleFile.read(Path.of("inventory/example-windows.yaml"));

        assertThat(schedule.windows()).hasSize(1);
        ChangeWindow saturday = schedule.window("weekly-saturday").orElseThrow();
        assertThat(saturday.cron()).isEqualTo("0 0 22 ? * SAT");
        assertThat(saturday.duration()).isEqualTo(Duration.ofHours(4));
        assertThat(saturday.timeZone()).isEqualTo(ZoneId.of("Europe/Madrid"));
        assertThat(saturday.blackoutDates()).containsExactly(
                LocalDate.of(2026, 12, 5), LocalDate.of(2026, 12, 26), LocalDate.of(2027, 1, 2));
        assertThat(schedule.applyNowAllowed()).isFalse();
        assertThat(schedule.rollout()).isEqualTo(new Rollout(1, WaveSize.percent(25), 100, 10, 8, 2));
    }

    @Test
    void durationsAcceptTheDocumentedForms() throws Exception {
        assertThat(ScheduleFile.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(ScheduleFile.duration("30m")).isEqualTo(Duration.ofMinutes(30));
        assertThat(ScheduleFile.duration("4h")).isEqualTo(Duration.ofHours(4));
        assertThat(ScheduleFile.duration("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(ScheduleFile.duration("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(ScheduleFile.duration("7d")).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void missingSectionsMeanNoWindowsNoApplyNowAndTheDefaultRollout() {
        Schedule onlyApplyNow = ScheduleFile.read(write("now.yaml", "applyNow: true\n"));
        assertThat(onlyApplyNow.windows()).isEmpty();
        assertThat(onlyApplyNow.applyNowAllowed()).isTrue();
        assertThat(onlyApplyNow.rollout()).isEqualTo(Rollout.DEFAULT);

        Schedule empty = ScheduleFile.read(write("empty.yaml", "# a change freeze: nothing is applied\n"));
        assertThat(empty.windows()).isEmpty();
        assertThat(empty.applyNowAllowed()).isFalse();
        assertThat(empty.rollout()).isEqualTo(Rollout.DEFAULT);
    }

    @Test
    void rolloutFieldsLeftOutKeepTheirDefaults() {
        Schedule schedule = ScheduleFile.read(write("partial.yaml", """
                rollout:
                  canary: 0
                  waveSize: 5
                """));

        assertThat(schedule.rollout()).isEqualTo(new Rollout(0, WaveSize.count(5), 100, 20, 8, 0));
    }

    @Test
    void aBadFileReportsEveryProblemWithItsLine() {
        Path file = write("windows.yaml", """
                windows:
                  - name: Lab_1
                    start: "0 22 * * SAT"
                    duration: 4 hours
                    timeZone: europe/madrid
                    blackoutDates: [2026-12-25, 2026-13-01, 25/12/2026]
                    timezone: UTC
                  - name: nightly
                    start: "0 0 1 * * ?"
                    duration: 0s
                    timeZone: "+01:00"
                  - name: nightly
                    start: "0 0 2 * * ?"
                    duration: 8d
                applyNow: yes
                rollout:
                  canary: -1
                  waveSize: 0
                  minWaveSuccess: 100
                  maxFailures: 150%
                  concurrency: 2000
                  perGroup: 1.5
                  wavesize: 10
                """);

        InvalidScheduleException e = invalid(file);

        assertThat(where(e)).containsExactly(
                "2 windows[0].name",
                "3 windows[0].start",
                "4 windows[0].duration",
                "5 windows[0].timeZone",
                "6 windows[0].blackoutDates[1]",
                "6 windows[0].blackoutDates[2]",
                "7 windows[0].timezone",
                "10 windows[1].duration",
                "11 windows[1].timeZone",
                "12 windows[2].name",
                "12 windows[2].timeZone",
                "14 windows[2].duration",
                "15 applyNow",
                "17 rollout.canary",
                "18 rollout.waveSize",
                "19 rollout.minWaveSuccess",
                "20 rollout.maxFailures",
                "21 rollout.concurrency",
                "22 rollout.perGroup",
                "23 rollout.wavesize");
        assertThat(e.getMessage().lines()).hasSize(1 + 20);
        assertThat(e.getMessage()).startsWith("Invalid change-window file (20 problems):\n")
                .contains(file + ":2: windows[0].name: must be lowercase letters, digits and '-'")
                .contains(file + ":3: windows[0].start: not a Quartz cron expression: ")
                .contains("5 fields, like a Unix crontab line")
                .contains(file + ":4: windows[0].duration: must be like 90s, 30m, 4h, 1h30m or 2d, was '4 hours'")
                .contains(file + ":5: windows[0].timeZone: not a time zone: must be an IANA name like Europe/Madrid or UTC;"
                        + " did you mean 'Europe/Madrid'?")
                .contains(file + ":6: windows[0].blackoutDates[1]: no such date: '2026-13-01'")
                .contains(file + ":6: windows[0].blackoutDates[2]: not a date: must be yyyy-MM-dd")
                .contains(file + ":7: windows[0].timezone: unknown key; did you mean 'timeZone'?")
                .contains(file + ":10: windows[1].duration: must be more than 0")
                .contains(file + ":11: windows[1].timeZone: not a time zone")
                .contains("a fixed offset does not follow daylight-saving time")
                .contains(file + ":12: windows[2].name: another window is already named 'nightly' (line 8)")
                .contains(file + ":12: windows[2].timeZone: is required")
                .contains(file + ":14: windows[2].duration: must be at most 7d, was '8d'")
                .contains(file + ":15: applyNow: must be true or false, was 'yes'")
                .contains(file + ":17: rollout.canary: must be 0 or more, was -1")
                .contains(file + ":18: rollout.waveSize: must be at least 1 host")
                .contains(file + ":19: rollout.minWaveSuccess: must be a percentage from 0% to 100%, with the % sign, was '100'")
                .contains(file + ":20: rollout.maxFailures: must be from 0% to 100%, was 150%")
                .contains(file + ":21: rollout.concurrency: must be from 1 to 1024, was 2000")
                .contains(file + ":22: rollout.perGroup: must be a whole number from 0 to 1024, was '1.5'")
                .contains(file + ":23: rollout.wavesize: unknown key; did you mean 'waveSize'?");
    }

    @Test
    void aMissingFileCannotBeRead() {
        Path file = dir.resolve("nowhere.yaml");

        InvalidScheduleException e = invalid(file);

        assertThat(e.problems()).extracting(Problem::toString)
                .containsExactly(file + ": cannot be read: no such file");
    }

    @Test
    void anUnknownTopLevelKeyIsReportedWithASuggestion() {
        Path file = write("typo.yaml", """
                applyNow: false
                rolout:
                  canary: 2
                """);

        InvalidScheduleException e = invalid(file);

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                file + ":2: rolout: unknown key; did you mean 'rollout'? expected one of windows, applyNow, rollout");
    }

    @Test
    void anUnknownKeyFarFromAnyKnownOneGetsNoSuggestion() {
        Path file = write("unknown.yaml", "maintenance: true\n");

        assertThat(invalid(file).problems()).extracting(Problem::message)
                .containsExactly("unknown key; expected one of windows, applyNow, rollout");
    }

    @Test
    void wrongShapesAreReportedNotMisread() {
        Path file = write("shapes.yaml", """
                windows:
                  name: weekly
                rollout: [canary, 1]
                """);

        InvalidScheduleException e = invalid(file);

        assertThat(where(e)).containsExactly("1 windows", "3 rollout");
        assertThat(e.problems().get(0).message()).isEqualTo("expected a list of windows ('- name: ...' lines), found a mapping");
    }

    @Test
    void aWindowWithoutItsRequiredFieldsNamesEachOne() {
        Path file = write("bare.yaml", """
                applyNow: true
                windows:
                  - blackoutDates: 2026-12-25
                """);

        assertThat(invalid(file).problems()).extracting(Problem::toString).containsExactly(
                file + ":3: windows[0].name: is required",
                file + ":3: windows[0].start: is required",
                file + ":3: windows[0].duration: is required",
                file + ":3: windows[0].timeZone: is required",
                file + ":3: windows[0].blackoutDates: expected a list of dates, e.g. [2026-12-25, 2027-01-01],"
                        + " found a single value");
    }

    @Test
    void aKeyWrittenTwiceAndADateListedTwiceAreReported() {
        Path file = write("twice.yaml", """
                windows:
                  - name: w
                    start: "0 0 22 ? * SAT"
                    duration: 4h
                    timeZone: UTC
                    blackoutDates:
                      - 2026-12-26
                      - 2026-12-26
                applyNow: true
                applyNow: false
                """);

        assertThat(invalid(file).problems()).extracting(Problem::toString).containsExactly(
                file + ":8: windows[0].blackoutDates[1]: listed twice (first at line 7)",
                file + ":10: applyNow: written twice; already set at line 9");
    }

    @Test
    void aYamlSyntaxErrorNamesItsLine() {
        Path file = write("broken.yaml", """
                applyNow: true
                rollout:
                  canary: [1
                  waveSize: 5
                """);

        InvalidScheduleException e = invalid(file);

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).line()).isBetween(3, 5);
        assertThat(e.problems().get(0).message()).startsWith("YAML syntax error: ");
    }

    @Test
    void anEmptyValueIsAProblemNotADefault() {
        Path file = write("blank.yaml", """
                rollout:
                  canary:
                """);

        assertThat(invalid(file).problems()).extracting(Problem::toString).containsExactly(
                file + ":2: rollout.canary: has no value; write one, or leave the key out for its default");
    }

    /** Issue 8, item 10: every duration has an upper bound; a window's is 7 days, whatever the digits. */
    @Test
    void aWindowDurationHasAnUpperBound() {
        for (String duration : List.of("8d", "9999d", "99999999999999999s", "PT99999999999999999S")) {
            Path file = write("huge.yaml", "windows:\n  - name: w\n    start: \"0 0 22 ? * SAT\"\n    duration: " + duration
                    + "\n    timeZone: UTC\n");
            assertThat(invalid(file).getMessage()).as(duration).contains(file + ":4: windows[0].duration: must");
        }
    }

    /** Issue 8, item 8: a file of thousands of bad windows lists the first thousand problems, not megabytes of them. */
    @Test
    void thousandsOfBadWindowsListTheFirstThousandProblems() {
        StringBuilder text = new StringBuilder("windows:\n");
        for (int i = 0; i < 3000; i++) {
            text.append("  - { name: w").append(i).append(", start: \"0 0 22 ? * SAT\", duration: 0s, timeZone: UTC }\n");
        }
        InvalidScheduleException e = invalid(write("many.yaml", text.toString()));
        assertThat(e.problems()).hasSize(1001);
        assertThat(e.problems().get(1000).message()).contains("and 2000 more problems");
    }
}

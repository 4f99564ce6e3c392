package org.wsusremediator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.apply.RunReport;

class RunSummaryTest {

    private static List<String> print(RunReport report) {
        StringWriter text = new StringWriter();
        try (PrintWriter out = new PrintWriter(text)) {
            RunSummary.print(report, out);
        }
        return List.of(text.toString().split("\\R", -1));
    }

    @Test
    void aLinePerHostThenTheCountsThenHowTheRunEnded() {
        List<String> lines = print(RunReportPageTest.abortedRun());

        assertThat(lines).containsExactly(
                String.format("%-22s %-19s %-12s %s", "wsus-a", "REMEDIATED", "IRREVERSIBLE", "DLL at 3.1.6001.66"),
                String.format("%-22s %-19s %-12s %s", "wsus-b", "FAILED", "", "recipe step 2 failed: exit code 5"),
                String.format("%-22s %-19s %-12s %s", "wsus-c", "DRIFTED", "", "DLL version differs from the approved facts"),
                String.format("%-22s %-19s %-12s %s", "wsus-d", "DEFERRED", "", ""),
                String.format("%-22s %-19s %-12s %s", "wsus-e", "ABORTED", "", "run aborted before this host started"),
                String.format("%-22s %-19s %-12s %s", "wsus-f", "NOT_APPROVED", "", "rejected by bob"),
                "",
                "  NOT_APPROVED         1",
                "  REMEDIATED           1",
                "  FAILED               1",
                "  DRIFTED              1",
                "  DEFERRED             1",
                "  ABORTED              1",
                "Run run-42 of plan plan-7: ABORTED",
                "  aborted: wave 1 below its success rate (1 of 2)",
                "");
    }

    @Test
    void onlyIrreversibleHostsAreMarkedAndAMissingReasonIsBlank() {
        List<String> lines = print(RunReportPageTest.abortedRun());

        assertThat(lines).filteredOn(l -> l.contains("IRREVERSIBLE")).singleElement().asString().startsWith("wsus-a ");
        assertThat(lines).noneMatch(l -> l.contains("null"));
    }

    @Test
    void zeroCountsAreLeftOut() {
        List<String> lines = print(RunReportPageTest.abortedRun());

        for (HostState s : List.of(HostState.VERIFIED, HostState.NO_CHANGE, HostState.IN_FLIGHT, HostState.FAILED_VERIFICATION)) {
            assertThat(lines).noneMatch(l -> l.startsWith("  " + s + " "));
        }
    }

    @Test
    void aFinishedRunHasNoAbortLine() {
        RunReport r = RunReportPageTest.abortedRun();
        Instant start = Instant.parse("2024-05-11T01:00:00Z");
        RunReport finished = new RunReport("run-43", "plan-8", "apply --now", "carol", start, start.plusSeconds(2), null,
                "FINISHED", null, List.of(), r.hosts().subList(0, 2));

        List<String> lines = print(finished);

        assertThat(lines).endsWith("  REMEDIATED           1", "  FAILED               1",
                "Run run-43 of plan plan-8: FINISHED", "");
        assertThat(lines).noneMatch(l -> l.contains("aborted"));
    }
}

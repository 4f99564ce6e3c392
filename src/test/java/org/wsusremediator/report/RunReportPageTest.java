package org.wsusremediator.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.wsusremediator.apply.HostRun;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.classify.Action;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;

class RunReportPageTest {

    private static final Instant START = Instant.parse("2024-05-11T01:00:00Z");

    static RunReport abortedRun() {
        List<Approval> approvals = List.of(
                new Approval("plan-7", "alice", Decision.APPROVE, List.of(), "CAB-1234, May window", START.minusSeconds(86_400)),
                new Approval("plan-7", "bob", Decision.REJECT, List.of("wsus-f"), "RTM server: upgrade instead",
                        START.minusSeconds(3_600)));
        List<HostRun> hosts = List.of(
                new HostRun("wsus-a", "canary", Action.INSTALL_KB, HostState.REMEDIATED, "DLL at 3.1.6001.66",
                        1, START, START.plusMillis(1_250), true),
                new HostRun("wsus-b", "canary", Action.RTM_WORKAROUND, HostState.FAILED, "recipe step 2 failed: exit code 5",
                        1, START, START.plusMillis(184_000), false),
                new HostRun("wsus-c", "branch", Action.INSTALL_KB, HostState.DRIFTED, "DLL version differs from the approved facts",
                        2, START.plusSeconds(300), START.plusSeconds(302), false),
                new HostRun("wsus-d", "branch", Action.INSTALL_KB, HostState.DEFERRED, null, null, null, null, false),
                new HostRun("wsus-e", "branch", Action.INSTALL_KB, HostState.ABORTED, "run aborted before this host started",
                        null, null, null, false),
                new HostRun("wsus-f", "legacy", Action.RTM_WORKAROUND, HostState.NOT_APPROVED, "rejected by bob",
                        null, null, null, false));
        return new RunReport("run-42", "plan-7", "window may-patch", "remediator", START, START.plusSeconds(425),
                START.plusSeconds(7_200), "ABORTED", "wave 1 below its success rate (1 of 2)", approvals, hosts);
    }

    /** The table row (tr) whose header cell is this host. */
    static String row(String page, String host) {
        Matcher m = Pattern.compile("<tr[^>]*><th scope=\"row\">" + Pattern.quote(host) + "</th>.*?</tr>").matcher(page);
        assertThat(m.find()).as("row of " + host).isTrue();
        String found = m.group();
        assertThat(m.find()).as("one row of " + host).isFalse();
        return found;
    }

    static String section(String page, String id) {
        int start = page.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void everyHostRowShowsItsStateWaveAndReason() {
        String page = RunReportPage.render(abortedRun());

        assertThat(row(page, "wsus-a")).contains("<td>canary</td>", "<td>INSTALL_KB <strong class=\"mark\">IRREVERSIBLE</strong></td>",
                "<td class=\"success\">REMEDIATED</td>",
                "<td class=\"num\">1</td>", "2024-05-11T01:00:00Z", ">1.2 s<", "DLL at 3.1.6001.66");
        assertThat(row(page, "wsus-b")).contains(">RTM_WORKAROUND<", "<td class=\"failure\">FAILED</td>",
                "<td class=\"num\">1</td>", ">3 min 4 s<", "recipe step 2 failed: exit code 5");
        assertThat(row(page, "wsus-c")).contains(">DRIFTED<", "<td class=\"num\">2</td>", ">2.0 s<");
        assertThat(row(page, "wsus-d")).contains(">DEFERRED<", "<td class=\"num\">-</td>");
        assertThat(row(page, "wsus-e")).contains(">ABORTED<", "run aborted before this host started");
        assertThat(row(page, "wsus-f")).contains("<td>legacy</td>", ">NOT_APPROVED<", "rejected by bob");
    }

    @Test
    void onlyTheIrreversibleInstallIsMarked() {
        String page = RunReportPage.render(abortedRun());

        assertThat(row(page, "wsus-a")).startsWith("<tr class=\"irreversible\">").contains("IRREVERSIBLE");
        for (String host : List.of("wsus-b", "wsus-c", "wsus-d", "wsus-e", "wsus-f")) {
            assertThat(row(page, host)).as(host).doesNotContain("IRREVERSIBLE").doesNotContain("irreversible");
        }
        assertThat(count(page, "class=\"mark\">IRREVERSIBLE<")).isEqualTo(1);
        assertThat(section(page, "hosts")).contains("KB954960 was (or may have been) installed", "cannot be uninstalled");
    }

    @Test
    void countsShowWhatHappenedAndNotTheZeros() {
        String counts = section(RunReportPage.render(abortedRun()), "counts");

        Set<HostState> happened = EnumSet.of(HostState.REMEDIATED, HostState.FAILED, HostState.DRIFTED,
                HostState.DEFERRED, HostState.ABORTED, HostState.NOT_APPROVED);
        for (HostState s : happened) {
            assertThat(counts).contains(">" + s + "</td><td class=\"num\">1</td>");
        }
        for (HostState s : EnumSet.complementOf(EnumSet.copyOf(happened))) {
            assertThat(counts).as("zero count").doesNotContain(">" + s + "<");
        }
        assertThat(counts).contains("<td class=\"failure\">FAILED</td>", "<td class=\"success\">REMEDIATED</td>",
                "<td class=\"other\">DEFERRED</td>");
    }

    @Test
    void approvalsSayWhoDecidedWhatForWhichHosts() {
        String approvals = section(RunReportPage.render(abortedRun()), "approvals");

        assertThat(row(approvals, "alice")).contains("<td>APPROVE</td>", "<em>all hosts</em>", "CAB-1234, May window",
                "2024-05-10T01:00:00Z");
        assertThat(row(approvals, "bob")).contains("<td class=\"reject\">REJECT</td>", "<td>wsus-f</td>",
                "RTM server: upgrade instead", "2024-05-11T00:00:00Z").doesNotContain("all hosts");
    }

    @Test
    void theHeaderGivesTheRunAndTheAbortReasonComesFirst() {
        String page = RunReportPage.render(abortedRun());
        String header = page.substring(page.indexOf("<header>"), page.indexOf("</header>"));

        assertThat(header).contains("<dd>plan-7</dd>", "<dd>run-42</dd>", "<dd>window may-patch</dd>",
                "<dd>remediator</dd>", "<time datetime=\"2024-05-11T01:00:00Z\">", "2024-05-11T01:07:05Z",
                "<dd>7 min 5 s</dd>", "<dt>Deadline</dt><dd><time datetime=\"2024-05-11T03:00:00Z\">", ">ABORTED</strong>");
        int abort = header.indexOf("<p class=\"abort\" role=\"alert\">");
        assertThat(abort).as("abort notice").isPositive().isLessThan(header.indexOf("<dl"));
        assertThat(header.substring(abort)).contains("wave 1 below its success rate (1 of 2)");
    }

    @Test
    void aFinishedApplyNowHasNoDeadlineAndNoAbortNotice() {
        RunReport r = abortedRun();
        RunReport finished = new RunReport("run-43", "plan-8", "apply --now", "carol", START, START.plusSeconds(2),
                null, "FINISHED", null, List.of(), r.hosts().subList(0, 1));
        String page = RunReportPage.render(finished);

        assertThat(page).doesNotContain("Deadline").doesNotContain("class=\"abort\"").doesNotContain("status status-aborted")
                .contains("<dd>apply --now</dd>", "<dd>carol</dd>", ">FINISHED</strong>",
                        "No approval or rejection is recorded");
    }

    @Test
    void everythingFromTheReportIsEscaped() {
        RunReport r = abortedRun();
        String evil = "<script>alert('x')</script> & \"q\"";
        HostRun host = new HostRun("wsus-<i>", "g&h", Action.INSTALL_KB, HostState.FAILED, evil, 1, START, START, false);
        Approval approval = new Approval("p&<1>", "<b>eve</b>", Decision.APPROVE, List.of("wsus-'x'"), evil, START);
        RunReport tainted = new RunReport("run\"1", "p&<1>", "window <w>", "<b>eve</b>", START, START, null, "ABORTED",
                evil, List.of(approval), List.of(host, r.hosts().get(0)));

        String page = RunReportPage.render(tainted);

        String escapedEvil = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;";
        assertThat(page).doesNotContain(evil, "<script", "alert('x')", "<b>", "<i>", "p&<1>", "g&h", "run\"1",
                "<w>", "wsus-'x'");
        assertThat(row(page, "wsus-&lt;i&gt;")).contains(escapedEvil, "<td>g&amp;h</td>");
        assertThat(row(page, "&lt;b&gt;eve&lt;/b&gt;")).contains(escapedEvil, "wsus-&#39;x&#39;");
        assertThat(page).contains("<dd>p&amp;&lt;1&gt;</dd>", "<dd>run&quot;1</dd>", "<dd>window &lt;w&gt;</dd>",
                "<dd>&lt;b&gt;eve&lt;/b&gt;</dd>", "<title>Plan p&amp;&lt;1&gt;, run run&quot;1: ABORTED</title>");
        assertThat(count(page, escapedEvil)).as("host reason, approval reason, abort reason").isEqualTo(3);
    }

    @Test
    void controlAndDirectionOverrideCharactersAreShownNotKept() {
        RunReport r = abortedRun();
        // ESC [ 2 J clears a terminal; U+202E reverses what follows ("exe.txt" reads "txt.exe"); U+2066 isolates.
        String hostile = "CHG-1\u001b[2J\u202eexe.txt\u2066\u0085";
        HostRun host = new HostRun("wsus-a", "g", Action.INSTALL_KB, HostState.FAILED, hostile, 1, START, START, false);
        Approval approval = new Approval("plan-7", "bob", Decision.APPROVE, List.of(), hostile, START);
        RunReport tainted = new RunReport("run-1", "plan-7", "apply --now", "bob", START, START, null, "ABORTED",
                hostile, List.of(approval), List.of(host));

        String page = RunReportPage.render(tainted);

        assertThat(page).doesNotContain("\u001b", "\u202e", "\u2066", "\u0085");
        assertThat(count(page, "CHG-1&lt;U+001B&gt;[2J&lt;U+202E&gt;exe.txt&lt;U+2066&gt;&lt;U+0085&gt;"))
                .as("host reason, approval reason, abort reason").isEqualTo(3);
    }

    @Test
    void theEscaperHandlesTheFiveCharactersAndNull() {
        assertThat(RunReportPage.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
        assertThat(RunReportPage.escape("&amp;")).as("escaped twice on purpose").isEqualTo("&amp;amp;");
        assertThat(RunReportPage.escape("plain \u00e9")).isEqualTo("plain \u00e9");
        assertThat(RunReportPage.escape(null)).isEmpty();
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertThat(RunReportPage.human(null)).isEqualTo("-");
        assertThat(RunReportPage.human(0L)).isEqualTo("0 ms");
        assertThat(RunReportPage.human(850L)).isEqualTo("850 ms");
        assertThat(RunReportPage.human(1_000L)).isEqualTo("1.0 s");
        assertThat(RunReportPage.human(1_299L)).isEqualTo("1.2 s");
        assertThat(RunReportPage.human(59_999L)).as("cut, never 60.0 s").isEqualTo("59.9 s");
        assertThat(RunReportPage.human(60_000L)).isEqualTo("1 min 0 s");
        assertThat(RunReportPage.human(184_000L)).isEqualTo("3 min 4 s");
        assertThat(RunReportPage.human(7_500_000L)).isEqualTo("2 h 5 min");
    }

    @Test
    void thePageIsSelfContained() {
        String page = RunReportPage.render(abortedRun()).toLowerCase();

        assertThat(page).doesNotContain("http://", "https://", "src=", "<script", "url(", "@import", "<link", "//cdn");
        assertThat(page).contains("<style>", "</style>");
    }

    @Test
    void thePageIsWellFormedEnough() {
        String page = RunReportPage.render(abortedRun());

        assertThat(page).startsWith("<!DOCTYPE html>\n<html lang=\"en\">").endsWith("</html>\n");
        assertThat(count(page, "<table")).isEqualTo(3).isEqualTo(count(page, "</table>"));
        assertThat(count(page, "<tr")).isEqualTo(count(page, "</tr>"));
        assertThat(count(page, "<td")).isEqualTo(count(page, "</td>"));
        assertThat(count(page, "<th")).isEqualTo(count(page, "</th>") + count(page, "<thead")).isPositive();
        assertThat(count(page, "<section")).isEqualTo(count(page, "</section>")).isEqualTo(3);
        assertThat(page).contains("<meta charset=\"utf-8\">", "<footer>", "JSON twin");
    }

    @Test
    void anEmptyRunStillRendersWithoutTables() {
        RunReport empty = new RunReport("run-0", "plan-0", "apply --now", "carol", START, null, null, "FINISHED", null,
                List.of(), List.of());
        String page = RunReportPage.render(empty);

        assertThat(page).doesNotContain("<table").contains("No hosts in this run.", "The plan has no hosts.",
                "<dt>Finished</dt><dd>-</dd>", "<dt>Duration</dt><dd>-</dd>");
    }

    @Test
    void theSameReportGivesTheSamePage() {
        assertThat(RunReportPage.render(abortedRun())).isEqualTo(RunReportPage.render(abortedRun()));
    }

    /** Issue 14: each restart and each health check, per host; what a host sent is escaped like any host text. */
    @Test
    void restartsAndHealthChecksArePerHostWithHostTextEscaped() {
        org.wsusremediator.host.RestartRecord back = new org.wsusremediator.host.RestartRecord(START,
                "shutdown /r /t 10 /c \"x\"", Instant.parse("2008-06-14T02:00:00Z"), START.plusSeconds(40),
                START.plusSeconds(12), START.plusSeconds(41), 7, false, null);
        org.wsusremediator.host.RestartRecord never = new org.wsusremediator.host.RestartRecord(START, "shutdown /r",
                Instant.parse("2008-06-14T02:00:00Z"), null, START.plusSeconds(11), null, 30, true, null);
        org.wsusremediator.host.HealthReport health = new org.wsusremediator.host.HealthReport(START.plusSeconds(42), List.of(
                org.wsusremediator.host.HealthCheck.passed("dll", "at 3.1.6001.66"),
                org.wsusremediator.host.HealthCheck.failed("WsusService", "no state in sc's answer: <script>alert(1)</script>")));
        RunReport report = new RunReport("run-9", "plan-9", "apply --now", "carol", START, START.plusSeconds(900), null,
                "FINISHED", null, List.of(), List.of(
                new HostRun("wsus-r", "east", Action.INSTALL_KB, HostState.FAILED_VERIFICATION, "WsusService FAILED", 1,
                        START, START.plusSeconds(50), true, back, health),
                new HostRun("wsus-n", "east", Action.INSTALL_KB, HostState.REBOOT_TIMEOUT, "not back", 1, START,
                        START.plusSeconds(900), true, never, null),
                new HostRun("wsus-q", "east", Action.INSTALL_KB, HostState.REMEDIATED, "fine", 1, START,
                        START.plusSeconds(5), true)));

        String restarts = section(RunReportPage.render(report), "restarts");

        assertThat(row(restarts, "wsus-r")).contains("2008-06-14T02:00:00Z", START.plusSeconds(40).toString(), "12.0 s", "41.0 s",
                "dll: PASSED (at 3.1.6001.66)", "<li class=\"failure\">WsusService: FAILED")
                .contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(row(restarts, "wsus-n")).contains("<td class=\"failure\">not back in time (30 checks)</td>");
        assertThat(restarts).doesNotContain("wsus-q");
    }
}

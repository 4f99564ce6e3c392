package org.wsusremediator.report;

import java.time.Instant;
import java.util.List;
import org.wsusremediator.host.HealthCheck;
import org.wsusremediator.host.RestartRecord;
import java.util.Map;
import java.util.stream.Collectors;
import org.wsusremediator.apply.HostRun;
import org.wsusremediator.apply.HostState;
import org.wsusremediator.apply.RunReport;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.Decision;

/**
 * A run report as one HTML page that an admin can open from disk, attach to a change ticket or print.
 * Style is inline and nothing is fetched (no script, no URL, no web font): the page must read the same on an
 * offline jump host, in a mail client that blocks remote content, and on paper.
 * <p>
 * Every value taken from the report goes through {@link #escape}: host names and reasons come from hosts and
 * from people, and a page that runs their text as markup would be a way into an admin's browser, or one that
 * keeps their direction overrides would show the reader another text than the one recorded.
 * The page depends on the report alone (no clock, no locale), so the same report gives the same page.
 * The returned text is meant to be written as UTF-8 (the page declares that charset).
 */
public final class RunReportPage {

    private static final String NONE = "-";

    // Failure and success are told apart by weight and border too, not by colour alone: printouts are often grey.
    static final String STYLE = """
            body { font: 14px/1.4 system-ui, "Segoe UI", Arial, sans-serif; color: #1a1a1a; max-width: 84rem;
                   margin: 1.5rem auto; padding: 0 1rem; }
            h1 { font-size: 1.4rem; margin: 0 0 .6rem; }
            h2 { font-size: 1.1rem; margin: 1.6rem 0 .5rem; border-bottom: 1px solid #999; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1.2rem; margin: 0; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            .abort { border: 3px solid #b00020; background: #fdecee; padding: .6rem .8rem; margin: .8rem 0;
                     font-size: 1.15rem; }
            table { border-collapse: collapse; width: 100%; }
            table.counts { width: auto; }
            th, td { border: 1px solid #bbb; padding: .25rem .5rem; text-align: left; vertical-align: top; }
            thead th { background: #eee; }
            .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            .failure { color: #8b0000; background: #fdecee; font-weight: 700; border-left: 4px solid #b00020; }
            .success { color: #0b5d1e; background: #e9f6ec; border-left: 4px double #1b7f3b; }
            .reject { font-weight: 700; text-decoration: underline; }
            .status-aborted { color: #8b0000; }
            tr.irreversible { background: #fff6e5; }
            .mark { display: inline-block; margin-left: .4rem; padding: 0 .3rem; border: 2px solid #8a4b00;
                    color: #8a4b00; font-size: .8em; font-weight: 700; letter-spacing: .05em; }
            .note { font-size: .9rem; }
            footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #ccc; font-size: .85rem; color: #555; }
            @page { margin: 12mm; }
            @media print {
              body { font-size: 9.5pt; max-width: none; margin: 0; padding: 0; }
              * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
              thead { display: table-header-group; }
              tr { break-inside: avoid; }
            }
            """;

    private RunReportPage() {
    }

    /**
     * The CSP source that allows this page's one inline style element and nothing else ({@code 'sha256-…'}): a server
     * that serves the page can forbid every other style, script and fetch (docs/server.md, "Reports").
     */
    public static String styleSource() {
        try {
            byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("\n" + STYLE).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "'sha256-" + java.util.Base64.getEncoder().encodeToString(hash) + "'";
        } catch (java.security.NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 missing", impossible);
        }
    }

    public static String render(RunReport report) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Plan ").append(escape(report.planId())).append(", run ").append(escape(report.runId()))
                .append(": ").append(escape(report.status())).append("</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(report, html);
        html.append("<main>\n");
        counts(report, html);
        approvals(report.approvals(), html);
        hosts(report.hosts(), html);
        restartsAndHealth(report.hosts(), html);
        html.append("</main>\n<footer>\n<p>The JSON twin of this report (run ").append(escape(report.runId()))
                .append(") holds the same data, for tools; this page is for people.</p>\n</footer>\n</body>\n</html>\n");
        return html.toString();
    }

    private static void header(RunReport r, StringBuilder html) {
        boolean aborted = aborted(r);
        html.append("<header>\n<h1>Plan ").append(escape(r.planId())).append(", run ").append(escape(r.runId()))
                .append("</h1>\n");
        // First thing under the title: an aborted run leaves hosts for a new plan, and the reader must see why.
        if (aborted) {
            html.append("<p class=\"abort\" role=\"alert\"><strong>Run aborted:</strong> ")
                    .append(r.abortReason() == null ? "no reason was recorded" : escape(r.abortReason())).append("</p>\n");
        }
        html.append("<dl class=\"facts\">\n");
        fact(html, "Plan", escape(r.planId()));
        fact(html, "Run", escape(r.runId()));
        fact(html, "Trigger", escape(r.trigger()));
        if (r.retryOf() != null) {
            fact(html, "Retry of", escape(r.retryOf()) + " (its failed hosts only)");
        }
        fact(html, "Started by", escape(r.startedBy()));
        fact(html, "Started", time(r.startedAt()));
        fact(html, "Finished", time(r.finishedAt()));
        fact(html, "Duration", escape(human(between(r.startedAt(), r.finishedAt()))));
        if (r.deadline() != null) {
            fact(html, "Deadline", time(r.deadline()));
        }
        fact(html, "Status", "<strong class=\"status" + (aborted ? " status-aborted" : "") + "\">"
                + escape(r.status()) + "</strong>");
        html.append("</dl>\n</header>\n");
    }

    /** Only non-zero counts: the JSON twin lists every state, the page lists what happened. */
    private static void counts(RunReport r, StringBuilder html) {
        html.append("<section id=\"counts\">\n<h2>Outcomes</h2>\n");
        List<Map.Entry<HostState, Long>> happened = r.getCounts().entrySet().stream()
                .filter(e -> e.getValue() > 0).toList();
        if (happened.isEmpty()) {
            html.append("<p>No hosts in this run.</p>\n");
        } else {
            html.append("<table class=\"counts\">\n<thead><tr><th scope=\"col\">State</th>")
                    .append("<th scope=\"col\">Hosts</th></tr></thead>\n<tbody>\n");
            for (Map.Entry<HostState, Long> e : happened) {
                html.append("<tr>").append(stateCell(e.getKey())).append("<td class=\"num\">").append(e.getValue())
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private static void approvals(List<Approval> approvals, StringBuilder html) {
        html.append("<section id=\"approvals\">\n<h2>Who approved what</h2>\n");
        if (approvals.isEmpty()) {
            html.append("<p>No approval or rejection is recorded for this plan.</p>\n");
        } else {
            html.append("<table class=\"approvals\">\n<thead><tr><th scope=\"col\">Admin</th><th scope=\"col\">Decision</th>")
                    .append("<th scope=\"col\">Hosts</th><th scope=\"col\">Reason</th><th scope=\"col\">At</th></tr></thead>\n")
                    .append("<tbody>\n");
            for (Approval a : approvals) {
                html.append("<tr><th scope=\"row\">").append(escape(a.admin())).append("</th>")
                        .append(a.decision() == Decision.REJECT ? "<td class=\"reject\">" : "<td>")
                        .append(escape(String.valueOf(a.decision()))).append("</td><td>").append(hostsOf(a))
                        .append("</td><td>").append(escape(a.reason())).append("</td><td>").append(time(a.at()))
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }
        html.append("</section>\n");
    }

    private static String hostsOf(Approval a) {
        // An empty host list is how an approval covers the whole plan (Approval.covers).
        return a.hosts().isEmpty() ? "<em>all hosts</em>"
                : a.hosts().stream().map(RunReportPage::escape).collect(Collectors.joining(", "));
    }

    private static void hosts(List<HostRun> hosts, StringBuilder html) {
        html.append("<section id=\"hosts\">\n<h2>Hosts</h2>\n");
        if (hosts.isEmpty()) {
            html.append("<p>The plan has no hosts.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"hosts\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Group</th>")
                .append("<th scope=\"col\">Planned action</th><th scope=\"col\">State</th><th scope=\"col\">Wave</th>")
                .append("<th scope=\"col\">Started</th><th scope=\"col\">Duration</th><th scope=\"col\">Reason</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (HostRun h : hosts) {
            html.append(h.irreversible() ? "<tr class=\"irreversible\">" : "<tr>")
                    .append("<th scope=\"row\">").append(escape(h.host())).append("</th><td>").append(escape(h.group()))
                    .append("</td><td>").append(escape(h.plannedAction() == null ? NONE : h.plannedAction().name()))
                    .append(h.irreversible() ? " <strong class=\"mark\">IRREVERSIBLE</strong>" : "").append("</td>")
                    .append(stateCell(h.state()))
                    .append("<td class=\"num\">").append(h.wave() == null ? NONE : escape(h.wave().toString()))
                    .append("</td><td>").append(time(h.startedAt()))
                    .append("</td><td class=\"num\">").append(escape(human(h.getDurationMillis())))
                    .append("</td><td>").append(escape(h.reason())).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (hosts.stream().anyMatch(HostRun::irreversible)) {
            html.append("<p class=\"note\">IRREVERSIBLE: KB954960 was (or may have been) installed on the host; ")
                    .append("it cannot be uninstalled, short of uninstalling WSUS.</p>\n");
        }
        html.append("</section>\n");
    }

    /**
     * Per host that was restarted or health-checked in this run: the restart (asked at, boot time before and after, how
     * long until the host was seen down and back, or that it did not come back in time) and each health check.
     */
    private static void restartsAndHealth(List<HostRun> hosts, StringBuilder html) {
        List<HostRun> checked = hosts.stream().filter(h -> h.restart() != null || h.health() != null).toList();
        if (checked.isEmpty()) {
            return;
        }
        html.append("<section id=\"restarts\">\n<h2>Restarts and health checks</h2>\n")
                .append("<table class=\"restarts\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Restart")
                .append(" requested</th><th scope=\"col\">Boot time before</th><th scope=\"col\">Boot time after</th>")
                .append("<th scope=\"col\">Down after</th><th scope=\"col\">Back after</th><th scope=\"col\">Health checks")
                .append("</th></tr></thead>\n<tbody>\n");
        for (HostRun h : checked) {
            RestartRecord r = h.restart();
            html.append("<tr><th scope=\"row\">").append(escape(h.host())).append("</th>");
            if (r == null) {
                html.append("<td colspan=\"5\">no restart</td>");
            } else {
                html.append("<td>").append(time(r.requestedAt())).append("</td><td>").append(time(r.bootBefore()))
                        .append("</td>").append(r.timedOut() ? "<td class=\"failure\">not back in time (" + r.checks()
                                + " checks)</td>" : "<td>" + time(r.bootAfter()) + "</td>")
                        .append("<td class=\"num\">").append(escape(human(r.getDownAfterMillis()))).append("</td>")
                        .append("<td class=\"num\">").append(escape(human(r.getBackAfterMillis()))).append("</td>");
            }
            html.append("<td>");
            if (h.health() == null) {
                html.append(NONE);
            } else {
                html.append("<ul>");
                for (HealthCheck c : h.health().checks()) {
                    html.append(c.result() == HealthCheck.Result.FAILED ? "<li class=\"failure\">" : "<li>")
                            .append(escape(c.name())).append(": ").append(escape(c.result().name())).append(" (")
                            .append(escape(c.detail())).append(")</li>");
                }
                html.append("</ul>");
            }
            html.append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String stateCell(HostState state) {
        if (state == null) {
            return "<td>" + NONE + "</td>";
        }
        String kind = state.failure() ? "failure" : state.success() ? "success" : "other";
        return "<td class=\"" + kind + "\">" + escape(state.name()) + "</td>";
    }

    static void fact(StringBuilder html, String term, String escapedValue) {
        html.append("<dt>").append(term).append("</dt><dd>").append(escapedValue).append("</dd>\n");
    }

    static String time(Instant at) {
        if (at == null) {
            return NONE;
        }
        String iso = escape(at.toString());
        return "<time datetime=\"" + iso + "\">" + iso + "</time>";
    }

    static boolean aborted(RunReport r) {
        // A reason without the status would be an inconsistent report: show it rather than hide it.
        return "ABORTED".equals(r.status()) || r.abortReason() != null;
    }

    private static Long between(Instant from, Instant to) {
        return from == null || to == null ? null : to.toEpochMilli() - from.toEpochMilli();
    }

    /** Durations as a person reads them: "850 ms", "1.2 s", "3 min 4 s", "2 h 5 min"; tenths are cut, not rounded. */
    static String human(Long millis) {
        if (millis == null) {
            return NONE;
        }
        long ms = millis;
        if (ms < 1_000) {
            return ms + " ms"; // negative only with a skewed clock: shown as it is
        }
        if (ms < 60_000) {
            return ms / 1_000 + "." + ms % 1_000 / 100 + " s";
        }
        long s = ms / 1_000;
        if (s < 3_600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        return s / 3_600 + " h " + s % 3_600 / 60 + " min";
    }

    /**
     * Control and bidi characters made visible ({@link Printable#line}), then the five characters that can end
     * text or an attribute value in HTML escaped; null is shown as nothing.
     */
    static String escape(String raw) {
        if (raw == null) {
            return "";
        }
        String text = Printable.line(raw);
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}

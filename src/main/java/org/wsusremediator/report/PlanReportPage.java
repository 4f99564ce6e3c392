package org.wsusremediator.report;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plan's report as one HTML page: the HTML twin of the API's JSON plan report ({@code GET
 * /api/v1/reports/plans/{id}}), made from that very JSON value so both say the same. The page is built as the run
 * report's ({@link RunReportPage}): the same inline style and nothing fetched, and every value escaped by
 * {@link RunReportPage#escape}: host names, reasons and facts come from hosts and from people (a host's OS caption is
 * whatever the host answers), and must never become markup in an admin's browser.
 * <p>
 * What an approver needs first comes first: per host the action, IRREVERSIBLE where KB954960 would be installed, and
 * the facts that decided it; then what changed since the previous plan of the same inventory, the decisions, the runs
 * and every host state recorded.
 */
public final class PlanReportPage {

    private static final String NONE = "-";
    /** The facts shown in the hosts table; every fact is in the JSON twin. */
    private static final List<String> SHOWN_FACTS = List.of("wsus_version", "dll_version", "os_version",
            "os_caption", "architecture", "powershell_version", "signature_count");

    private PlanReportPage() {
    }

    /** @param report the API's plan report: {@code plan} (the plan's detail), {@code host_states}, {@code runs} */
    public static String render(Map<String, ?> report) {
        Map<String, ?> plan = map(report.get("plan"));
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>Plan ").append(text(plan, "id")).append(": ").append(text(plan, "status"))
                .append("</title>\n<style>\n").append(RunReportPage.STYLE).append("</style>\n</head>\n<body>\n");
        header(plan, html);
        html.append("<main>\n");
        hosts(plan, html);
        changes(map(plan.get("changes")), text(plan, "inventory"), html);
        decisions(list(plan.get("decisions")), html);
        runs(list(report.get("runs")), html);
        states(list(report.get("host_states")), html);
        html.append("</main>\n<footer>\n<p>The JSON twin of this report (plan ").append(text(plan, "id"))
                .append(") holds the same data and every fact, for tools; this page is for people.</p>\n</footer>\n")
                .append("</body>\n</html>\n");
        return html.toString();
    }

    private static void header(Map<String, ?> plan, StringBuilder html) {
        html.append("<header>\n<h1>Plan ").append(text(plan, "id")).append("</h1>\n");
        Map<String, ?> consent = map(plan.get("consent"));
        if (Boolean.FALSE.equals(consent.get("verified"))) {
            html.append("<p class=\"abort\" role=\"alert\"><strong>Consent does not verify:</strong> ")
                    .append(text(consent, "refusal")).append("</p>\n");
        }
        html.append("<dl class=\"facts\">\n");
        RunReportPage.fact(html, "Status", "<strong class=\"status\">" + text(plan, "status") + "</strong>");
        RunReportPage.fact(html, "Requester", text(plan, "requester"));
        RunReportPage.fact(html, "Inventory", text(plan, "inventory"));
        RunReportPage.fact(html, "Created", text(plan, "created_at"));
        RunReportPage.fact(html, "Expires", text(plan, "expires_at"));
        RunReportPage.fact(html, "Hosts", text(plan, "host_count"));
        RunReportPage.fact(html, "Approved hosts", joined(list(plan.get("approved_hosts"))));
        html.append("</dl>\n</header>\n");
    }

    private static void hosts(Map<String, ?> plan, StringBuilder html) {
        html.append("<section id=\"hosts\">\n<h2>Hosts</h2>\n");
        List<?> hosts = list(plan.get("hosts"));
        if (hosts.isEmpty()) {
            html.append("<p>The plan has no hosts.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"hosts\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Action</th>")
                .append("<th scope=\"col\">Reason</th><th scope=\"col\">Approved</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Since previous plan</th><th scope=\"col\">Machine</th>");
        for (String fact : SHOWN_FACTS) {
            html.append("<th scope=\"col\">").append(RunReportPage.escape(fact)).append("</th>");
        }
        html.append("<th scope=\"col\">Facts match fingerprint</th></tr></thead>\n<tbody>\n");
        boolean anyIrreversible = false;
        for (Object o : hosts) {
            Map<String, ?> h = map(o);
            boolean irreversible = Boolean.TRUE.equals(h.get("irreversible"));
            anyIrreversible |= irreversible;
            Map<String, ?> facts = map(h.get("facts"));
            Map<String, ?> identity = map(h.get("identity"));
            html.append(irreversible ? "<tr class=\"irreversible\">" : "<tr>")
                    .append("<th scope=\"row\">").append(text(h, "host")).append("</th><td>").append(text(h, "action"))
                    .append(irreversible ? " <strong class=\"mark\">IRREVERSIBLE</strong>" : "").append("</td><td>")
                    .append(text(h, "reason")).append("</td><td>").append(yesNo(h.get("approved"))).append("</td><td>")
                    .append(text(h, "state")).append("</td><td>").append(text(h, "change")).append("</td><td>")
                    .append(text(identity, "computer_name")).append("<br>").append(text(identity, "machine_guid"))
                    .append("</td>");
            for (String fact : SHOWN_FACTS) {
                html.append("<td>").append(text(facts, fact)).append("</td>");
            }
            Object match = h.get("facts_match_fingerprint");
            html.append(Boolean.FALSE.equals(match) ? "<td class=\"failure\">no: edited after the plan was made" : "<td>"
                    + yesNo(match)).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n");
        if (anyIrreversible) {
            html.append("<p class=\"note\">IRREVERSIBLE: KB954960 would be installed on the host; ")
                    .append("it cannot be uninstalled, short of uninstalling WSUS.</p>\n");
        }
        html.append("</section>\n");
    }

    private static void changes(Map<String, ?> changes, String inventory, StringBuilder html) {
        html.append("<section id=\"changes\">\n<h2>What changed since the previous plan</h2>\n");
        if (!Boolean.FALSE.equals(changes.get("first_plan"))) {
            html.append("<p>This is the first plan of inventory ").append(inventory)
                    .append(": there is no previous plan to compare with.</p>\n</section>\n");
            return;
        }
        Map<String, ?> previous = map(changes.get("previous_plan"));
        Map<String, ?> counts = map(changes.get("counts"));
        html.append("<p>Previous plan of this inventory: ").append(text(previous, "id")).append(", made ")
                .append(text(previous, "created_at")).append(" by ").append(text(previous, "requester"))
                .append(". Hosts added ").append(text(counts, "added")).append(", removed ")
                .append(text(counts, "removed")).append(", changed ").append(text(counts, "changed"))
                .append(", unchanged ").append(text(counts, "unchanged")).append(".</p>\n");
        List<?> hosts = list(changes.get("hosts"));
        if (hosts.isEmpty()) {
            html.append("</section>\n");
            return;
        }
        html.append("<table class=\"changes\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">Change</th>")
                .append("<th scope=\"col\">Action</th><th scope=\"col\">Facts changed</th>")
                .append("<th scope=\"col\">Another machine</th><th scope=\"col\">Fingerprint changed</th></tr></thead>\n")
                .append("<tbody>\n");
        for (Object o : hosts) {
            Map<String, ?> h = map(o);
            Map<String, ?> action = map(h.get("action"));
            html.append("<tr><th scope=\"row\">").append(text(h, "host")).append("</th><td>").append(text(h, "change"))
                    .append("</td><td>").append(action.isEmpty() ? "unchanged"
                            : text(action, "from") + " &rarr; " + text(action, "to"))
                    .append("</td><td>").append(facts(h)).append("</td><td>")
                    .append(Boolean.TRUE.equals(h.get("identity_changed")) ? "<strong class=\"reject\">yes</strong>"
                            : yesNo(h.get("identity_changed")))
                    .append("</td><td>").append(yesNo(h.get("fingerprint") == null ? null : Boolean.TRUE))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static String facts(Map<String, ?> host) {
        if (!Boolean.TRUE.equals(host.get("facts_compared"))) {
            return "<em>not compared (a plan kept no facts of this host)</em>";
        }
        List<?> facts = list(host.get("facts"));
        if (facts.isEmpty()) {
            return "none";
        }
        return facts.stream().map(PlanReportPage::map).map(f -> (Boolean.TRUE.equals(f.get("deciding"))
                ? "<strong>" + text(f, "fact") + "</strong>" : text(f, "fact")) + ": " + text(f, "from") + " &rarr; "
                + text(f, "to")).collect(Collectors.joining("<br>"));
    }

    private static void decisions(List<?> decisions, StringBuilder html) {
        html.append("<section id=\"approvals\">\n<h2>Who approved what</h2>\n");
        if (decisions.isEmpty()) {
            html.append("<p>No approval or rejection is recorded for this plan.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"approvals\">\n<thead><tr><th scope=\"col\">Admin</th><th scope=\"col\">Decision</th>")
                .append("<th scope=\"col\">Hosts</th><th scope=\"col\">Reason</th><th scope=\"col\">At</th></tr></thead>\n")
                .append("<tbody>\n");
        for (Object o : decisions) {
            Map<String, ?> d = map(o);
            Object hosts = d.get("hosts");
            html.append("<tr><th scope=\"row\">").append(text(d, "admin")).append("</th>")
                    .append("REJECT".equals(d.get("decision")) ? "<td class=\"reject\">" : "<td>").append(text(d, "decision"))
                    .append("</td><td>").append(hosts instanceof List<?> l ? joined(l) : "<em>all hosts</em>")
                    .append("</td><td>").append(text(d, "reason")).append("</td><td>").append(text(d, "at"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void runs(List<?> runs, StringBuilder html) {
        html.append("<section id=\"runs\">\n<h2>Runs</h2>\n");
        if (runs.isEmpty()) {
            html.append("<p>The plan has not run.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"runs\">\n<thead><tr><th scope=\"col\">Run</th><th scope=\"col\">Cause</th>")
                .append("<th scope=\"col\">Started by</th><th scope=\"col\">Started</th><th scope=\"col\">Finished</th>")
                .append("<th scope=\"col\">Status</th><th scope=\"col\">Abort reason</th></tr></thead>\n<tbody>\n");
        for (Object o : runs) {
            Map<String, ?> r = map(o);
            html.append("<tr><th scope=\"row\">").append(text(r, "id")).append("</th><td>").append(text(r, "cause"))
                    .append("</td><td>").append(text(r, "started_by")).append("</td><td>").append(text(r, "started_at"))
                    .append("</td><td>").append(text(r, "finished_at")).append("</td><td>").append(text(r, "status"))
                    .append("</td><td>").append(text(r, "abort_reason")).append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    private static void states(List<?> states, StringBuilder html) {
        html.append("<section id=\"states\">\n<h2>Host states, as recorded</h2>\n");
        if (states.isEmpty()) {
            html.append("<p>No host state is recorded.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"states\">\n<thead><tr><th scope=\"col\">Host</th><th scope=\"col\">State</th>")
                .append("<th scope=\"col\">Run</th><th scope=\"col\">Wave</th><th scope=\"col\">Recorded</th>")
                .append("<th scope=\"col\">Detail</th></tr></thead>\n<tbody>\n");
        for (Object o : states) {
            Map<String, ?> s = map(o);
            html.append("<tr><th scope=\"row\">").append(text(s, "host")).append("</th><td>").append(text(s, "state"))
                    .append("</td><td>").append(text(s, "run")).append("</td><td class=\"num\">").append(text(s, "wave"))
                    .append("</td><td>").append(text(s, "recorded_at")).append("</td><td>").append(text(s, "detail"))
                    .append("</td></tr>\n");
        }
        html.append("</tbody>\n</table>\n</section>\n");
    }

    /** The value of {@code key}, escaped; "-" when absent or null. */
    private static String text(Map<String, ?> m, String key) {
        Object v = m.get(key);
        return v == null ? NONE : RunReportPage.escape(String.valueOf(v));
    }

    private static String joined(List<?> values) {
        return values.isEmpty() ? NONE : values.stream().map(v -> RunReportPage.escape(String.valueOf(v)))
                .collect(Collectors.joining(", "));
    }

    private static String yesNo(Object value) {
        return value == null ? NONE : Boolean.TRUE.equals(value) ? "yes" : "no";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}

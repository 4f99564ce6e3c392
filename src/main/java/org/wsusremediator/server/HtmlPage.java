package org.wsusremediator.server;

import org.wsusremediator.report.RunReportPage;

/**
 * An operation's answer as an HTML page instead of JSON (reports). Served with a Content-Security-Policy that allows
 * the page's own inline style (by its hash) and nothing else: no script, no fetch, no form, no frame, no base URL, so
 * a value that escaped escaping still could not run or call anywhere.
 */
public record HtmlPage(String html) {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src " + RunReportPage.styleSource()
            + "; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
}

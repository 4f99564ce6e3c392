package org.wsusremediator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.report.PlanReportPage;

/**
 * {@code /api/v1/reports}: a plan's report and a run's report, as JSON or as an HTML page (docs/server.md, "Reports").
 * <p>
 * A plan's report is the API's JSON plan report, or its HTML twin made from that very value ({@link PlanReportPage}).
 * A run's report is the one the run wrote when it ended (routes/report.camel.yaml, {@code PLAN-RUN.json} and
 * {@code .html} in the server's reportDir): a run started through the API and one started by a change window are
 * carried out and reported by the same route, so their reports are alike by construction, and the API serves the very
 * file an admin attaches to a change ticket rather than a second rendering of it.
 */
public final class Reports {

    /** JSON unless asked for HTML. */
    public enum Format { JSON, HTML }

    /** Far above a real run's report (about 1 KB a host); a file past it is not read into memory. */
    static final long MAX_REPORT_BYTES = 64L * 1024 * 1024;
    /** Plan and run ids as this product makes them; anything else is never turned into a file name. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Api api;
    private final RunsApi runs;
    private final Path reportDir;

    Reports(Api api, RunsApi runs, Path reportDir) {
        this.api = api;
        this.runs = runs;
        this.reportDir = reportDir.toAbsolutePath().normalize();
    }

    /**
     * The format asked for: {@code ?format=json|html} when given (a link can choose), else HTML when the Accept header
     * names text/html (a browser) and JSON otherwise (tools, the CLI).
     */
    static Format format(String query, String accept) {
        if (query != null) {
            return switch (query.toLowerCase(Locale.ROOT)) {
                case "json" -> Format.JSON;
                case "html" -> Format.HTML;
                default -> throw ApiError.badRequest("format: json or html");
            };
        }
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html") ? Format.HTML : Format.JSON;
    }

    @SuppressWarnings("unchecked")
    public Object plan(Admin caller, String id, Format format) {
        Object report = api.report(caller, id);
        return format == Format.HTML ? new HtmlPage(PlanReportPage.render((Map<String, ?>) report)) : report;
    }

    /** 404 for no such run or no report written for it (a run that died); 409 {@code report_not_ready} while running. */
    @SuppressWarnings("unchecked")
    public Object run(Admin caller, String id, Format format) throws IOException {
        Map<String, Object> run = (Map<String, Object>) runs.run(caller, id); // the role check, and 404 for no such run
        if ("RUNNING".equals(run.get("status"))) {
            throw ApiError.conflict("report_not_ready", "run " + id + " is running; its report is written when it ends"
                    + " (its hosts' states so far: /api/v1/runs/" + id + ")");
        }
        String plan = String.valueOf(run.get("plan"));
        Path file = file(plan, id, format == Format.HTML ? ".html" : ".json");
        if (file == null) {
            throw ApiError.notFound("no report was written for run " + id + " (" + run.get("status")
                    + "); its states are at /api/v1/runs/" + id);
        }
        String text = read(file);
        return format == Format.HTML ? new HtmlPage(text) : JSON.readTree(text);
    }

    /** The run's report file, or null: only a regular file named from well-formed ids, right in the report folder. */
    private Path file(String plan, String run, String suffix) {
        if (!ID.matcher(plan).matches() || !ID.matcher(run).matches()) {
            return null;
        }
        Path file = reportDir.resolve(plan + "-" + run + suffix).normalize();
        if (!reportDir.equals(file.getParent()) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        return file;
    }

    private static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_REPORT_BYTES + 1));
            if (bytes.length > MAX_REPORT_BYTES) {
                throw ApiError.conflict("report_too_large", "the report file is larger than "
                        + MAX_REPORT_BYTES / (1024 * 1024) + " MB; read it on the server");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }
}

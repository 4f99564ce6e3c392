package org.wsusremediator.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.ResponseMessageDefinition;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.model.rest.VerbDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.Decision;

/**
 * {@code /api/v1} in Camel's REST DSL on platform-http: each operation is a route that authenticates the caller
 * ({@link Authenticator}) and calls {@link Api}; errors are JSON {@code {"code", "message"}} with the status HTTP
 * means. The OpenAPI description is served at {@code /api/v1/openapi.json}.
 */
final class ApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);
    static final String CONTEXT_PATH = "/api/v1";
    private static final String CALLER = "remediatorCaller";
    private static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Api api;
    private final RunsApi runs;
    private final WindowsApi windows;
    private final Authenticator authenticator;
    private final Reports reports;
    private final NodesApi nodes;

    ApiRoutes(Api api, RunsApi runs, WindowsApi windows, Authenticator authenticator, Reports reports, NodesApi nodes) {
        this.api = api;
        this.nodes = nodes;
        this.runs = runs;
        this.windows = windows;
        this.authenticator = authenticator;
        this.reports = reports;
    }

    @FunctionalInterface
    interface Operation {
        Object call(Admin caller, Exchange exchange) throws Exception;
    }

    @Override
    public void configure() {
        onException(ApiError.class).handled(true).process(e -> {
            ApiError error = e.getProperty(Exchange.EXCEPTION_CAUGHT, ApiError.class);
            writeError(e, error.status(), error.code(), error.getMessage());
        });
        onException(Exception.class).handled(true).process(e -> {
            Exception failure = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            // The class only: a message could quote a request's content or a setting.
            LOG.warn("API request {} failed: {}", e.getMessage().getHeader(Exchange.HTTP_URI), failure.getClass().getName());
            writeError(e, 500, "internal", "internal error (" + failure.getClass().getSimpleName() + "); see the server log");
        });

        restConfiguration().component("platform-http").bindingMode(RestBindingMode.off)
                .contextPath(CONTEXT_PATH).apiContextPath("/openapi.json")
                .apiProperty("api.title", "WSUS KB954960 remediator").apiProperty("api.version", "1")
                .apiProperty("api.description", "Plans, approvals, runs and the audit trail. Authenticate with"
                        + " 'Authorization: Bearer <personal token>' or HTTP Basic (name and password).");

        rest("/me").description("who the caller is")
                .get().id("me").produces("application/json").to("direct:me");
        rest("/plans").description("plans: a scan's proposed actions, awaiting approval")
                .get().id("listPlans").description("plans, optionally only those in one status").produces("application/json")
                    .param().name("status").type(RestParamType.query).required(false)
                    .description("a plan status in lower case: pending, approved, rejected, expired, no_action, running, finished, window_closed, aborted, interrupted or superseded").endParam()
                    .to("direct:listPlans")
                .post().id("createPlan").description("scan an inventory and store a plan (role requester): {\"inventory\":"
                        + " a name the configuration lists, \"kind\": \"remediation\" (default) or \"restarts\" (action RESTART"
                        + " for hosts with KB954960 installed and a restart pending)}")
                    .consumes("application/json").produces("application/json").to("direct:createPlan")
                .get("/{id}").id("getPlan").description("a plan with its hosts, decisions and can_approve for the caller")
                    .produces("application/json").to("direct:getPlan")
                .post("/{id}/approve").id("approvePlan").description("approve the plan or some hosts (role approver)")
                    .consumes("application/json").produces("application/json").to("direct:approvePlan")
                .post("/{id}/reject").id("rejectPlan").description("reject the plan or some hosts (role approver)")
                    .consumes("application/json").produces("application/json").to("direct:rejectPlan")
                .post("/{id}/statement").id("decisionStatement").description("the exact statement an admin with a"
                        + " signingKey signs for a decision ({\"decision\": \"approve\"|\"reject\", \"hosts\", \"reason\"};"
                        + " role approver; records nothing): send its signature with approve or reject")
                    .consumes("application/json").produces("application/json").to("direct:decisionStatement");
        rest("/approvals").description("what waits for the caller's decision")
                .get("/pending").id("pendingApprovals").description("the plans the caller may decide now, with the hosts"
                        + " waiting for the caller's decision and which of them are irreversible")
                    .produces("application/json").to("direct:pendingApprovals");
        rest("/runs").description("runs of approved plans")
                .get().id("listRuns").produces("application/json").to("direct:listRuns")
                .post().id("startRun").description("run an approved plan now (role operator; the window file must allow it)")
                    .consumes("application/json").produces("application/json").to("direct:startRun")
                .get("/{id}").id("getRun").description("a run with its hosts by wave").produces("application/json")
                    .to("direct:getRun")
                .post("/{id}/abort").id("abortRun").description("abort a running run (role operator): hosts not yet"
                        + " started end ABORTED, started ones finish their visit; {\"reason\": \"...\"}")
                    .consumes("application/json").produces("application/json").to("direct:abortRun")
                .post("/{id}/retry").id("retryRun").description("retry the hosts the run left failed, under the plan's"
                        + " approval if it still holds (role operator; as POST /runs: the window file must allow it);"
                        + " {\"reason\": \"...\"}")
                    .consumes("application/json").produces("application/json").to("direct:retryRun");
        rest("/windows").description("change windows")
                .get().id("listWindows").description("the windows, their next start, and whether runs outside them are allowed")
                    .produces("application/json").to("direct:listWindows")
                .post("/{id}/pause").id("pauseWindow").description("pause a change window (role operator): its"
                        + " firings are skipped until resumed; {\"reason\": \"...\"}")
                    .consumes("application/json").produces("application/json").to("direct:pauseWindow")
                .post("/{id}/resume").id("resumeWindow").description("resume a paused change window (role operator);"
                        + " {\"reason\": \"...\"}")
                    .consumes("application/json").produces("application/json").to("direct:resumeWindow");
        rest("/nodes").description("the scheduler nodes sharing this server's store")
                .get().id("listNodes").description("each node's Quartz instance id, host, process id and last check-in"
                        + " (QRTZ_SCHEDULER_STATE); empty on a single node")
                    .produces("application/json").to("direct:listNodes");
        rest("/hosts").description("hosts across plans and runs")
                .get("/{id}").id("hostHistory").description("one host: what each plan proposed and every state recorded")
                    .produces("application/json").to("direct:hostHistory");
        rest("/audit").description("the tamper-evident audit trail")
                .get().id("auditRecords").produces("application/json")
                    .param().name("after").type(RestParamType.query).required(false).description("records after this sequence number").endParam()
                    .to("direct:auditRecords")
                .get("/verify").id("verifyAudit").produces("application/json").to("direct:verifyAudit");
        rest("/reports").description("reports as JSON, or as an HTML page (?format=html, or Accept: text/html)")
                .get("/plans/{id}").id("planReport").description("a plan's report: its detail, runs and host states")
                    .produces("application/json,text/html")
                    .param().name("format").type(RestParamType.query).required(false).description("json or html; without it, html when Accept names text/html").endParam()
                    .to("direct:planReport")
                .get("/runs/{id}").id("runReport").description("the report a run wrote when it ended (409 while it runs)")
                    .produces("application/json,text/html")
                    .param().name("format").type(RestParamType.query).required(false).description("json or html; without it, html when Accept names text/html").endParam()
                    .to("direct:runReport");

        describeResponses();

        operation("me", (caller, e) -> api.me(caller));
        operation("listPlans", (caller, e) -> api.listPlans(caller, e.getMessage().getHeader("status", String.class)));
        operation("createPlan", (caller, e) -> {
            Object plan = api.createPlan(caller, body(e));
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
            return plan;
        });
        operation("getPlan", (caller, e) -> api.plan(caller, id(e)));
        operation("approvePlan", (caller, e) -> api.decide(caller, id(e), Decision.APPROVE, body(e)));
        operation("rejectPlan", (caller, e) -> api.decide(caller, id(e), Decision.REJECT, body(e)));
        operation("decisionStatement", (caller, e) -> api.statement(caller, id(e), body(e)));
        operation("pendingApprovals", (caller, e) -> api.pendingApprovals(caller));
        operation("listRuns", (caller, e) -> runs.listRuns(caller));
        operation("startRun", (caller, e) -> {
            Object started = runs.startRun(caller, body(e));
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            return started;
        });
        operation("getRun", (caller, e) -> runs.run(caller, id(e)));
        operation("abortRun", (caller, e) -> {
            Object aborting = runs.abortRun(caller, id(e), body(e));
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            return aborting;
        });
        operation("retryRun", (caller, e) -> {
            Object retrying = runs.retryRun(caller, id(e), body(e));
            e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
            return retrying;
        });
        operation("listWindows", (caller, e) -> windows.windows(caller));
        operation("pauseWindow", (caller, e) -> windows.pauseWindow(caller, id(e), true, body(e)));
        operation("resumeWindow", (caller, e) -> windows.pauseWindow(caller, id(e), false, body(e)));
        operation("listNodes", (caller, e) -> nodes.nodes(caller));
        operation("hostHistory", (caller, e) -> api.host(caller, id(e)));
        operation("auditRecords", (caller, e) -> api.audit(caller, after(e)));
        operation("verifyAudit", (caller, e) -> api.verifyAudit(caller));
        operation("planReport", (caller, e) -> reports.plan(caller, id(e), format(e)));
        operation("runReport", (caller, e) -> reports.run(caller, id(e), format(e)));
    }

    /** Every operation answers JSON: its success, or an error with a stable code (docs/server.md). */
    private void describeResponses() {
        for (RestDefinition rest : getRestCollection().getRests()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                List<ResponseMessageDefinition> responses = new ArrayList<>();
                String id = verb.getId();
                responses.add(response(id.equals("createPlan") ? "201" : id.equals("startRun") || id.equals("abortRun") || id.equals("retryRun") ? "202" : "200", "done"));
                responses.add(response("400", "bad request: {code, message}"));
                responses.add(response("401", "not authenticated: {code, message}"));
                responses.add(response("403", "the caller's role does not allow it: {code, message}"));
                responses.add(response("404", "no such plan or run: {code, message}"));
                responses.add(response("409", "not in a state that allows it: {code, message}"));
                responses.add(response("429", "too many failed logins from this address or for this admin"));
                verb.setResponseMsgs(responses);
            }
        }
    }

    private static ResponseMessageDefinition response(String code, String message) {
        ResponseMessageDefinition r = new ResponseMessageDefinition();
        r.setCode(code);
        r.setMessage(message);
        return r;
    }

    private void operation(String name, Operation operation) {
        from("direct:" + name).routeId("api-" + name).process(authenticate()).process(e -> {
            Admin caller = e.getProperty(CALLER, Admin.class);
            Object result = operation.call(caller, e);
            Integer status = e.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
            if (result instanceof HtmlPage page) {
                writeHtml(e, page);
            } else {
                writeJson(e, status == null ? 200 : status, result);
            }
        });
    }

    private Processor authenticate() {
        return e -> {
            String authorization = e.getMessage().getHeader("Authorization", String.class);
            Admin caller = authenticator.authenticate(authorization, clientAddress(e));
            e.setProperty(CALLER, caller);
            // Nothing of the credentials goes further than this step (a log of headers, an error page).
            e.getMessage().removeHeader("Authorization");
        };
    }

    /** The peer's address as the socket has it: never a header, which the client writes. */
    static String clientAddress(Exchange e) {
        if (e.getMessage() instanceof HttpMessage http && http.getRequest() != null
                && http.getRequest().remoteAddress() != null) {
            return http.getRequest().remoteAddress().hostAddress();
        }
        return "unknown";
    }

    private static String id(Exchange e) {
        String id = e.getMessage().getHeader("id", String.class);
        if (id == null || id.length() > 128) {
            throw ApiError.badRequest("id: missing or too long");
        }
        return id;
    }

    private static Reports.Format format(Exchange e) {
        return Reports.format(e.getMessage().getHeader("format", String.class), e.getMessage().getHeader("Accept", String.class));
    }

    private static Long after(Exchange e) {
        String after = e.getMessage().getHeader("after", String.class);
        if (after == null) {
            return null;
        }
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException notANumber) {
            throw ApiError.badRequest("after: a record's sequence number");
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> body(Exchange e) {
        // Vert.x has already refused a body over the configured maximum (413) before this runs.
        String text = e.getMessage().getBody(String.class);
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            Object value = JSON.readValue(text, Object.class);
            if (!(value instanceof Map<?, ?> map)) {
                throw ApiError.badRequest("the body must be a JSON object");
            }
            return (Map<String, Object>) map;
        } catch (JsonProcessingException invalid) {
            throw ApiError.badRequest("the body is not JSON (line " + invalid.getLocation().getLineNr() + ")");
        }
    }

    private static void writeError(Exchange e, int status, String code, String message) throws JsonProcessingException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        if (status == 401) {
            e.getMessage().setHeader("WWW-Authenticate", "Bearer realm=\"remediator\", Basic realm=\"remediator\"");
        }
        writeJson(e, status, body);
    }

    /** A report page: only this server's headers, the strict policy of {@link HtmlPage}, never sniffed or framed. */
    private static void writeHtml(Exchange e, HtmlPage page) {
        org.apache.camel.Message m = e.getMessage();
        m.removeHeaders("*");
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        m.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        m.setHeader("Content-Security-Policy", HtmlPage.CONTENT_SECURITY_POLICY);
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("Referrer-Policy", "no-referrer");
        noStore(e);
        m.setBody(page.html().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static void writeJson(Exchange e, int status, Object body) throws JsonProcessingException {
        org.apache.camel.Message m = e.getMessage();
        // Only what this server sets goes back: request headers (id, status, Authorization …) are not echoed.
        String www = m.getHeader("WWW-Authenticate", String.class);
        m.removeHeaders("*");
        if (www != null) {
            m.setHeader("WWW-Authenticate", www);
        }
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "application/json");
        noStore(e);
        m.setBody(JSON.writeValueAsString(body));
    }

    /**
     * {@code Cache-Control: no-store} on the response itself: Camel's HTTP header filter drops a message's
     * Cache-Control on the way out, so as a message header it never reached the client.
     */
    private static void noStore(Exchange e) {
        if (e.getMessage() instanceof HttpMessage http && http.getResponse() != null) {
            http.getResponse().headers().set("Cache-Control", "no-store");
        }
    }
}

package org.wsusremediator.console;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.Cookie;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.server.ApiError;
import org.wsusremediator.server.ApiServices;

/**
 * The admin console under {@code /console} (docs/console.md), on the API's own server: each path is a platform-http
 * route that finds the caller's session, checks a form's CSRF token, and hands the request to {@link Pages}, which
 * calls the same operations {@code /api/v1} does. So the console can do nothing the API would refuse: the role
 * checks, the two-person rule and the window rules are the operations', not the pages'.
 */
public final class ConsoleRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleRoutes.class);
    static final String PREFIX = "/console";
    /** {@code __Host-}: the browser keeps it only if Secure, for this host and path /, set by no other site. */
    static final String SESSION_COOKIE = "__Host-remediator-session";
    static final String LOGIN_COOKIE = "__Host-remediator-login";
    /** Scripts, styles and fetches from this server only; no inline script or style, no frame, no other form target. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ApiServices services;
    private final Sessions sessions;
    private final Views views = new Views();
    private final Pages pages;
    private final PlanPages plans;
    private final RunPages runs;
    private final StaticFiles files = new StaticFiles();

    public ConsoleRoutes(ApiServices services) {
        this(services, Clock.systemUTC());
    }

    ConsoleRoutes(ApiServices services, Clock clock) {
        this.services = services;
        this.sessions = new Sessions(clock, services.config().consoleIdleTimeout());
        this.pages = new Pages(services, clock);
        this.plans = new PlanPages(services);
        this.runs = new RunPages(services, clock);
    }

    @FunctionalInterface
    interface Handler {
        Response handle(Call call) throws Exception;
    }

    @Override
    public void configure() {
        onException(Exception.class).handled(true).process(e -> {
            Exception failure = e.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
            // The class only: a message could quote a request's content. A template's failure names the template, the
            // line and the expression, never a value: that much is logged, as it is a defect of the console.
            LOG.warn("console request {} failed: {}{}", request(e).path(), failure.getClass().getName(),
                    failure instanceof org.thymeleaf.exceptions.TemplateProcessingException t ? ": " + t.getMessage() : "");
            write(e, null, Response.page(500, "error", Map.of("status", 500, "message",
                    "internal error (" + failure.getClass().getSimpleName() + "); see the server log")));
        });

        from("platform-http:" + PREFIX + "/login?httpMethodRestrict=GET,POST").routeId("console-login").process(this::login);
        from("platform-http:" + PREFIX + "/static/{file}?httpMethodRestrict=GET").routeId("console-static")
                .process(e -> write(e, null, files.get(e.getMessage().getHeader("file", String.class))));
        page("/", "overview", pages::overview, null);
        page("/logout", "logout", null, this::logout);
        page("/approvals", "approvals", pages::approvals, null);
        page("/plans", "plans", plans::plans, plans::createPlan);
        page("/plans/{id}", "plan", plans::plan, null);
        page("/plans/{id}/decision", "decide", null, plans::decide);
        page("/plans/{id}/report", "plan-report", plans::planReport, null);
        page("/runs", "runs", runs::runs, runs::startRun);
        page("/runs/{id}", "run", runs::run, null);
        page("/runs/{id}/state", "run-state", runs::runState, null);
        page("/runs/{id}/abort", "abort", null, runs::abortRun);
        page("/runs/{id}/retry", "retry", null, runs::retryRun);
        page("/runs/{id}/report", "report", runs::report, null);
        page("/hosts/{id}", "host", pages::host, null);
        page("/windows", "windows", pages::windows, null);
        page("/windows/{id}/pause", "pause-window", null, call -> pages.pauseWindow(call, true));
        page("/windows/{id}/resume", "resume-window", null, call -> pages.pauseWindow(call, false));
        page("/audit", "audit", pages::audit, null);
    }

    /** A path under /console: GET shows, POST acts (a form, CSRF-checked); a method without a handler is 405. */
    private void page(String path, String id, Handler get, Handler post) {
        String methods = get != null && post != null ? "GET,POST" : get != null ? "GET" : "POST";
        from("platform-http:" + PREFIX + (path.equals("/") ? "" : path) + "?httpMethodRestrict=" + methods)
                .routeId("console-" + id).process(e -> handle(e, path, get, post));
    }

    private void handle(Exchange e, String template, Handler get, Handler post) throws Exception {
        boolean isPost = "POST".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
        // The live views poll: that is the page, not its admin, so it does not keep an idle session alive.
        boolean poll = "1".equals(request(e).getHeader("X-Console-Poll"));
        String cookie = cookie(e, SESSION_COOKIE);
        Optional<ConsoleSession> found = sessions.find(cookie, !poll);
        Optional<Admin> admin = found.flatMap(s -> services.authenticator().admin(s.admin()));
        if (found.isEmpty() || admin.isEmpty()) {
            found.ifPresent(sessions::end);
            String why = cookie == null ? "" : "?ended";
            if (poll) {
                write(e, null, new Response.Json(401, Map.of("code", "session_ended", "message",
                        "your session has ended; log in again")));
            } else if (isPost) {
                write(e, null, Response.page(401, "login", loginModel("Your session has ended (after "
                        + sessions.idleTimeout().toMinutes() + " min without a request, or at logout). Log in again;"
                        + " what you sent was not done.", e)));
            } else {
                write(e, null, Response.redirect(PREFIX + "/login" + why));
            }
            return;
        }
        ConsoleSession session = found.get();
        Forms form = isPost ? form(e) : Forms.parse(null);
        if (isPost && !Sessions.tokenMatches(session, form.value("csrf"))) {
            LOG.warn("console: a form for {} came without this session's CSRF token; refused", session.admin());
            write(e, session, Response.page(403, "error", Map.of("status", 403, "message",
                    "refused: the form did not carry this session's token (CSRF). Nothing was done; reload the page"
                            + " and send it again.")));
            return;
        }
        Call call = new Call(admin.get(), session, form, pathParams(template, e), Forms.parse(request(e).query()));
        Response response;
        try {
            response = (isPost ? post : get).handle(call);
        } catch (ApiError refused) {
            response = poll ? new Response.Json(refused.status(), Map.of("code", refused.code(), "message", refused.getMessage()))
                    : Response.page(refused.status(), "error", Map.of("status", refused.status(), "code", refused.code(),
                            "message", refused.getMessage()));
        }
        write(e, session, response);
    }

    private void login(Exchange e) throws Exception {
        boolean isPost = "POST".equals(e.getMessage().getHeader(Exchange.HTTP_METHOD, String.class));
        if (!isPost) {
            if (sessions.find(cookie(e, SESSION_COOKIE), false).isPresent()) {
                write(e, null, Response.redirect(PREFIX));
                return;
            }
            boolean ended = Forms.parse(request(e).query()).fields().containsKey("ended");
            write(e, null, loginPage(200, ended ? "Your session has ended. Log in again." : null, e));
            return;
        }
        Forms form = form(e);
        String expected = cookie(e, LOGIN_COOKIE);
        String given = form.value("login_token");
        if (expected == null || given == null || !java.security.MessageDigest.isEqual(
                expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            write(e, null, loginPage(403, "The login form was not this browser's (CSRF), or it expired. Try again.", e));
            return;
        }
        Admin admin;
        try {
            admin = services.authenticator().login(form.value("name"), form.value("password"), clientAddress(e));
        } catch (ApiError refused) {
            String message = refused.status() == 429 ? refused.getMessage() : "Wrong name or password.";
            write(e, null, loginPage(refused.status(), message, e));
            return;
        }
        ConsoleSession session = sessions.start(admin.name());
        LOG.info("console: {} logged in from {}", admin.name(), clientAddress(e));
        write(e, null, new Response.Redirect(PREFIX + "/approvals", SESSION_COOKIE + "=" + session.id()
                + "; Path=/; Secure; HttpOnly; SameSite=Strict"));
    }

    private Response logout(Call call) {
        sessions.end(call.session());
        LOG.info("console: {} logged out", call.admin().name());
        return new Response.Redirect(PREFIX + "/login", SESSION_COOKIE + "=; Path=/; Max-Age=0; Secure; HttpOnly; SameSite=Strict");
    }

    /** The login page with a fresh login token, in a short-lived cookie and the form: a login form from elsewhere fails. */
    private Response loginPage(int status, String message, Exchange e) {
        return new Response.Page(status, "login", loginModel(message, e));
    }

    private Map<String, Object> loginModel(String message, Exchange e) {
        String token = Sessions.randomToken();
        e.setProperty(LOGIN_COOKIE, LOGIN_COOKIE + "=" + token + "; Path=/; Max-Age=900; Secure; HttpOnly; SameSite=Strict");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("loginToken", token);
        model.put("message", message);
        return model;
    }

    private void write(Exchange e, ConsoleSession session, Response response) throws Exception {
        Message m = e.getMessage();
        m.removeHeaders("*");
        m.setHeader("X-Content-Type-Options", "nosniff");
        m.setHeader("Referrer-Policy", "same-origin");
        cacheControl(e, "no-store");
        m.setHeader("X-Frame-Options", "DENY");
        String loginCookie = e.getProperty(LOGIN_COOKIE, String.class);
        if (loginCookie != null) {
            m.setHeader("Set-Cookie", loginCookie);
        }
        if (response instanceof Response.Page page) {
            Map<String, Object> model = new LinkedHashMap<>(page.model());
            if (session != null) {
                model.putAll(pages.common(session, services.authenticator().admin(session.admin()).orElse(null)));
            }
            model.putIfAbsent("status", page.status());
            html(m, page.status(), views.render(page.template(), model), CONTENT_SECURITY_POLICY);
        } else if (response instanceof Response.Redirect redirect) {
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, 303);
            m.setHeader("Location", redirect.location());
            if (redirect.cookie() != null) {
                m.setHeader("Set-Cookie", redirect.cookie());
            }
            m.setBody("");
        } else if (response instanceof Response.Json json) {
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, json.status());
            m.setHeader(Exchange.CONTENT_TYPE, "application/json");
            m.setBody(JSON.writeValueAsString(json.body()));
        } else if (response instanceof Response.Document document) {
            html(m, 200, document.html(), document.contentSecurityPolicy());
        } else if (response instanceof Response.File file) {
            m.setHeader(Exchange.HTTP_RESPONSE_CODE, file.status());
            m.setHeader(Exchange.CONTENT_TYPE, file.contentType());
            cacheControl(e, "no-cache");
            m.setBody(file.bytes());
        }
    }

    /**
     * On the response itself: Camel's HTTP header filter drops a message's Cache-Control (a header it treats as the
     * transport's), so a page with its form token would otherwise go out cacheable.
     */
    private static void cacheControl(Exchange e, String value) {
        request(e).response().headers().set("Cache-Control", value);
    }

    private static void html(Message m, int status, String html, String policy) {
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        m.setHeader("Content-Security-Policy", policy);
        m.setBody(html.getBytes(StandardCharsets.UTF_8));
    }

    private static io.vertx.core.http.HttpServerRequest request(Exchange e) {
        if (e.getMessage() instanceof HttpMessage http && http.getRequest() != null) {
            return http.getRequest();
        }
        throw new IllegalStateException("not an HTTP request");
    }

    private static String cookie(Exchange e, String name) {
        Cookie c = request(e).getCookie(name);
        return c == null ? null : c.getValue();
    }

    /**
     * The form as Vert.x parsed it from the body. Not the message's headers, where platform-http also puts form
     * fields, next to the request's headers and path parameters: a field named like one would join it.
     */
    private static Forms form(Exchange e) {
        io.vertx.core.MultiMap attributes = request(e).formAttributes();
        Map<String, List<String>> fields = new LinkedHashMap<>();
        int count = 0;
        for (String name : attributes.names()) {
            if (++count > Forms.MAX_FIELDS) {
                break;
            }
            fields.put(name, List.copyOf(attributes.getAll(name)));
        }
        return new Forms(fields);
    }

    /** The path's own values ({id}) taken from the request's path by the route's template, decoded. */
    private static Map<String, String> pathParams(String template, Exchange e) {
        Map<String, String> params = new LinkedHashMap<>();
        String[] names = template.split("/");
        String[] values = request(e).path().substring(PREFIX.length()).split("/");
        for (int i = 0; i < names.length && i < values.length; i++) {
            if (names[i].startsWith("{") && names[i].endsWith("}")) {
                params.put(names[i].substring(1, names[i].length() - 1),
                        java.net.URLDecoder.decode(values[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return params;
    }

    /** The peer's address as the socket has it: never a header, which the client writes. */
    static String clientAddress(Exchange e) {
        io.vertx.core.net.SocketAddress peer = request(e).remoteAddress();
        return peer == null ? "unknown" : peer.hostAddress();
    }

    /** One request to a page: who asks, their session, the form sent (POST), and the path's and query's values. */
    record Call(Admin admin, ConsoleSession session, Forms form, Map<String, String> path, Forms query) {

        /** A path parameter ({id}) or else a query value, at most 200 characters. */
        String param(String name) {
            String value = path.containsKey(name) ? path.get(name) : query.value(name);
            if (value != null && value.length() > 200) {
                throw new ApiError(400, "bad_request", name + ": too long");
            }
            return value;
        }

        List<String> values(String name) {
            return form.values(name);
        }
    }
}

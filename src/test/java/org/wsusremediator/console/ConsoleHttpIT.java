package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.wsusremediator.server.ServerFiles;
import org.wsusremediator.server.ServerProcess;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.Store;

/**
 * The console below the browser: {@code remediator serve --config} as a real process over real HTTPS (H2, a simulated
 * fleet of four hosts on 127.77.1.x, a console idle timeout of 10 s), spoken to with java.net.http as a browser would,
 * and as an attacker would: cookies, form tokens, headers, escaping, the two-person rule, timeouts and throttling,
 * each checked against what the API then shows.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern LOGIN_TOKEN = Pattern.compile("name=\"login_token\" value=\"([^\"]+)\"");
    private static final String SESSION = "__Host-remediator-session";
    private static final String LOGIN = "__Host-remediator-login";
    private static final int IDLE_SECONDS = 10;
    private static final int SEEDED_AUDIT_RECORDS = 1100;
    /** Markup in a reason: each page must show it as text. */
    private static final String SCRIPT_REASON = "change 4711 <script>alert(\"approve\")</script> it's \"fine\" & <b>bold</b>";
    private static final String HOST_CAPTION = "Microsoft Windows Server 2008 Enterprise <script>alert('facts')</script>\"><i>x</i>";
    private static final String SCRIPT_REJECT = "<script>document.title='pwned'</script><img src=x onerror=alert(1)>";

    @TempDir
    static Path dir;
    static ServerProcess serve;
    static String base;
    static HttpClient client;
    static final List<String> output = Collections.synchronizedList(new ArrayList<>());
    /** Every response: which browser's it was, its headers and body. */
    static final List<Seen> seen = Collections.synchronizedList(new ArrayList<>());
    /** Every session id and form token the server gave a browser, and every login token. */
    static final List<Browser> browsers = Collections.synchronizedList(new ArrayList<>());
    static final Set<String> loginTokens = Collections.synchronizedSet(new TreeSet<>());
    static String planId;
    static String otherPlanId;
    static String runId;

    record Seen(Browser browser, String path, int status, String headers, String body) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        Path config = ServerFiles.write(dir.resolve("server"), "127.77.1", true, 4, IDLE_SECONDS);
        // What a host reports is not to be trusted either: sp1-d's caption carries markup, which its facts show.
        Path fleet = dir.resolve("server/fleet.yaml");
        String hosts = Files.readString(fleet);
        int d = hosts.indexOf("name: sp1-d");
        ServerFiles.owned(fleet, hosts.substring(0, d) + hosts.substring(d).replaceFirst(
                "caption: \"Microsoft Windows Server 2008 Enterprise\"", "caption: \"" + HOST_CAPTION.replace("\"", "\\\\\"") + "\""),
                "rw-------");
        // A trail longer than a page reads (1000 records), as a server's is after a while: the audit page must show
        // its end, not its beginning.
        try (Store store = Store.open(storeUrl(), "sa", "")) {
            for (int i = 0; i < SEEDED_AUDIT_RECORDS; i++) {
                store.audit("seeder", "SEEDED", "record " + i, "{}");
            }
        }
        SSLContext ssl = ServerFiles.trusting(dir.resolve("server/server.crt.pem"));
        // No cookie handler and no redirects followed: the test sees every Set-Cookie and Location itself.
        client = HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
        serve = ServerProcess.start(config, dir.resolve("server"), output);
        base = serve.baseUrl();
        assertThat(base).startsWith("https://");
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (serve != null) {
            serve.close();
        }
        // The server's output, for a reader of a failure (it holds no secret: the last test checks that).
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "ConsoleHttpIT-server.log"), List.copyOf(output));
    }

    // ---- login ----

    @Test
    @Order(1)
    void theLoginPageIsStrictAndSetsAShortLivedLoginCookie() throws Exception {
        Browser b = new Browser("anonymous");
        Page page = b.get("/console/login");
        assertThat(page.status).isEqualTo(200);
        assertStrictPage(page);
        String cookie = page.setCookie(LOGIN);
        assertThat(cookie).as("the login cookie").isNotNull();
        assertHostCookie(cookie, LOGIN);
        assertThat(cookie).contains("Max-Age=900");
        String token = page.find(LOGIN_TOKEN);
        assertThat(b.cookies.get(LOGIN)).isEqualTo(token).hasSize(43);
        assertThat(page.setCookie(SESSION)).as("no session before a login").isNull();

        Page again = b.get("/console/login");
        assertThat(again.find(LOGIN_TOKEN)).as("a fresh login token each time").isNotEqualTo(token);

        Page home = new Browser("anonymous").get("/console");
        assertThat(home.status).as("no session: to the login page").isEqualTo(303);
        assertThat(home.header("location")).isEqualTo("/console/login");
        assertThat(new Browser("anonymous").get("/console/approvals").header("location")).isEqualTo("/console/login");
    }

    @Test
    @Order(2)
    void aLoginWithoutTheLoginCookieOrItsTokenIsRefusedAndRecordsNothing() throws Exception {
        long auditBefore = auditCount();
        Browser b = new Browser("anonymous");
        Page form = b.get("/console/login");
        String token = form.find(LOGIN_TOKEN);

        Map<String, String> cookie = b.cookies;
        b.cookies = new LinkedHashMap<>();
        Page noCookie = b.post("/console/login", Map.of("name", "bob", "password", ServerFiles.BOB_PASSWORD, "login_token", token));
        assertRefusedLogin(noCookie, 403);

        b.cookies = cookie;
        Page noToken = b.post("/console/login", Map.of("name", "bob", "password", ServerFiles.BOB_PASSWORD));
        assertRefusedLogin(noToken, 403);

        b.cookies = new LinkedHashMap<>(cookie);
        Page otherToken = b.post("/console/login", Map.of("name", "bob", "password", ServerFiles.BOB_PASSWORD,
                "login_token", Sessions.randomToken()));
        assertRefusedLogin(otherToken, 403);

        b.cookies = new LinkedHashMap<>(Map.of(LOGIN, "chosen-by-attacker"));
        Page bothChosen = b.post("/console/login", Map.of("name", "bob", "password", ServerFiles.BOB_PASSWORD,
                "login_token", "chosen-by-attacker-but-other"));
        assertRefusedLogin(bothChosen, 403);

        b.cookies = new LinkedHashMap<>(cookie);
        Page tokenInQuery = b.post("/console/login?login_token=" + token, Map.of("name", "bob", "password", ServerFiles.BOB_PASSWORD));
        assertRefusedLogin(tokenInQuery, 403);

        assertThat(auditCount()).as("a refused login form checks no password and records nothing").isEqualTo(auditBefore);

        // Nor does it count as a failed login: past the throttle's free failures, a right login still goes in.
        for (int i = 0; i < 8; i++) {
            b.cookies = new LinkedHashMap<>();
            assertRefusedLogin(b.post("/console/login", Map.of("name", "bob", "password", "wrong-" + i, "login_token", token)), 403);
        }
        b.cookies = new LinkedHashMap<>();
        b.get("/console/login");
        assertThat(b.loginForm("bob", ServerFiles.BOB_PASSWORD).status).isEqualTo(303);
        assertThat(auditCount()).isEqualTo(auditBefore);
    }

    @Test
    @Order(3)
    void aWrongPasswordIs401AndAuditedAsAConsoleLogin() throws Exception {
        long before = auditCount();
        Browser b = new Browser("anonymous");
        b.get("/console/login");
        Page wrong = b.loginForm("alice", "not-" + ServerFiles.ALICE_PASSWORD);
        assertRefusedLogin(wrong, 401);
        assertThat(wrong.body).contains("Wrong name or password.");
        List<JsonNode> added = auditAfter(before);
        assertThat(added).hasSize(1);
        JsonNode record = added.get(0);
        assertThat(record.get("action").asText()).isEqualTo("LOGIN_FAILED");
        JsonNode details = JSON.readTree(record.get("details").asText());
        assertThat(details.get("scheme").asText()).isEqualTo("console");
        assertThat(details.get("name").asText()).isEqualTo("alice");
        assertThat(details.get("client").asText()).isEqualTo("127.0.0.1");
        assertThat(record.toString()).doesNotContain(ServerFiles.ALICE_PASSWORD);

        Page unknown = b.loginForm("mallory", "whatever");
        assertRefusedLogin(unknown, 401);
        assertThat(unknown.body).as("the same words whether the name exists or not").contains("Wrong name or password.");
        Page right = b.loginForm("alice", ServerFiles.ALICE_PASSWORD);
        assertThat(right.status).isEqualTo(303);
    }

    @Test
    @Order(4)
    void eachLoginGetsANewSecureSessionIdNeverOneTheBrowserBrought() throws Exception {
        Browser b = new Browser("dave");
        b.cookies.put(SESSION, "fixed-by-an-attacker");
        b.get("/console/login");
        b.cookies.put(SESSION, "fixed-by-an-attacker");
        Page login = b.loginForm("dave", ServerFiles.DAVE_PASSWORD);
        assertThat(login.status).isEqualTo(303);
        assertThat(login.header("location")).isEqualTo("/console/approvals");
        String cookie = login.setCookie(SESSION);
        assertHostCookie(cookie, SESSION);
        String first = b.cookies.get(SESSION);
        assertThat(first).isNotEqualTo("fixed-by-an-attacker").matches("[A-Za-z0-9_-]{43}");
        b.session = first;
        assertThat(b.get("/console/approvals").status).isEqualTo(200);

        Browser attacker = new Browser("attacker");
        attacker.cookies.put(SESSION, "fixed-by-an-attacker");
        assertThat(attacker.get("/console").status).as("the chosen id was never adopted").isEqualTo(303);

        // A second login from a browser that already has a session: again a new id.
        b.get("/console/login");
        Page second = b.loginForm("dave", ServerFiles.DAVE_PASSWORD);
        assertThat(second.status).isEqualTo(303);
        assertThat(b.cookies.get(SESSION)).isNotEqualTo(first);
        b.session = b.cookies.get(SESSION);
        assertThat(b.get("/console").status).isEqualTo(200);
    }

    // ---- plans and decisions ----

    @Test
    @Order(5)
    void aliceMakesAPlanInTheConsoleAndSeesWhySheCannotDecideIt() throws Exception {
        Browser alice = login("alice", ServerFiles.ALICE_PASSWORD);
        Page plans = alice.get("/console/plans");
        assertThat(plans.status).isEqualTo(200);
        assertThat(plans.body).contains("inventory.yaml");
        Page made = alice.post("/console/plans", Map.of("inventory", "inventory.yaml", "csrf", alice.csrf));
        assertThat(made.status).as(made.body).isEqualTo(303);
        assertThat(made.header("location")).startsWith("/console/plans/");
        planId = made.header("location").substring("/console/plans/".length());
        JsonNode plan = api("GET", "/plans/" + planId, ServerFiles.DAVE_TOKEN, null);
        assertThat(plan.get("requester").asText()).isEqualTo("alice");
        assertThat(plan.get("hosts")).hasSize(4);

        Page page = alice.get("/console/plans/" + planId);
        assertThat(page.status).isEqualTo(200);
        assertThat(page.body).contains("Two-person rule: you requested this plan")
                .doesNotContain("name=\"decision\"").doesNotContain("id=\"approve\"").contains("IRREVERSIBLE");
        assertThat(page.body).contains("Plan " + planId + " made from ").contains(": 4 hosts. It waits for an approver.");

        // A second plan, through the API, for the tests of values in the URL.
        otherPlanId = api("POST", "/plans", ServerFiles.ALICE_TOKEN, "{\"inventory\":\"inventory.yaml\"}").get("id").asText();
        assertThat(otherPlanId).isNotEqualTo(planId);
    }

    @Test
    @Order(6)
    void aFormWithoutOrWithAForgedTokenIsRefusedAndChangesNothing() throws Exception {
        Browser bob = login("bob", ServerFiles.BOB_PASSWORD);
        Browser dave = login("dave", ServerFiles.DAVE_PASSWORD);
        Page page = bob.get("/console/plans/" + planId);
        assertThat(page.body).contains("id=\"approve\"").contains("value=\"sp1-a\"");
        long before = auditCount();
        String path = "/console/plans/" + planId + "/decision";
        Map<String, String> decide = new LinkedHashMap<>(Map.of("decision", "approve", "scope", "all", "reason", "forged"));

        assertCsrfRefused(bob.post(path, decide));
        decide.put("csrf", "");
        assertCsrfRefused(bob.post(path, decide));
        decide.put("csrf", Sessions.randomToken());
        assertCsrfRefused(bob.post(path, decide));
        decide.put("csrf", dave.csrf);
        assertCsrfRefused(bob.post(path, decide));
        decide.put("csrf", bob.csrf + "x");
        assertCsrfRefused(bob.post(path, decide));
        decide.put("csrf", bob.session);
        assertCsrfRefused(bob.post(path, decide));
        decide.remove("csrf");
        assertCsrfRefused(bob.post(path + "?csrf=" + bob.csrf, decide));
        assertCsrfRefused(bob.postRaw(path + "?csrf=" + bob.csrf, "decision=approve&scope=all&reason=forged&csrf=%zz"));
        assertCsrfRefused(bob.postRaw(path, "decision=approve&scope=all&reason=forged&csrf=" + bob.csrf, "text/plain"));

        assertNothingDecided(planId);
        assertNothingDecided(otherPlanId);
        assertThat(auditCount()).as("nothing recorded").isEqualTo(before);
        assertThat(bob.get("/console/plans/" + planId).status).as("the session is still good").isEqualTo(200);
    }

    @Test
    @Order(7)
    void theRequesterAndAViewerPostingADecisionAreRefused() throws Exception {
        long before = auditCount();
        Browser alice = login("alice", ServerFiles.ALICE_PASSWORD);
        Page self = alice.post("/console/plans/" + planId + "/decision",
                Map.of("decision", "approve", "scope", "all", "reason", "mine", "csrf", alice.csrf));
        assertThat(self.status).isEqualTo(403);
        assertStrictPage(self);
        assertThat(self.body).contains("two-person rule");
        List<JsonNode> added = auditAfter(before);
        assertThat(added).extracting(r -> r.get("action").asText()).containsExactly("SELF_APPROVAL_REFUSED");
        assertThat(added.get(0).get("actor").asText()).isEqualTo("alice");

        Browser dave = login("dave", ServerFiles.DAVE_PASSWORD);
        Page viewer = dave.post("/console/plans/" + planId + "/decision",
                Map.of("decision", "approve", "scope", "all", "reason", "looks fine", "csrf", dave.csrf));
        assertThat(viewer.status).isEqualTo(403);
        assertThat(dave.get("/console/plans/" + planId).body).contains("are not an approver").doesNotContain("id=\"approve\"");

        Browser carol = login("carol", ServerFiles.CAROL_PASSWORD);
        Page operator = carol.post("/console/plans/" + planId + "/decision",
                Map.of("decision", "reject", "scope", "all", "reason", "no", "csrf", carol.csrf));
        assertThat(operator.status).isEqualTo(403);
        Page early = carol.post("/console/runs", Map.of("plan", planId, "csrf", carol.csrf));
        assertThat(early.status).as("nothing approved: no run").isEqualTo(409);
        assertNothingDecided(planId);
        assertThat(api("GET", "/runs", ServerFiles.DAVE_TOKEN, null).get("runs")).isEmpty();
    }

    @Test
    @Order(8)
    void bobApprovesTwoChosenHostsAndTheApiShowsExactlyThose() throws Exception {
        Browser bob = login("bob", ServerFiles.BOB_PASSWORD);
        Page approvals = bob.get("/console/approvals");
        assertThat(approvals.body).contains(planId).contains(otherPlanId);
        assertThat(approvals.find(Pattern.compile("id=\"pending-badge\"[^>]*>(\\d+)<"))).isEqualTo("2");

        // A value in the URL names neither the plan (the path does) nor anything else of the form.
        Map<String, String> form = new LinkedHashMap<>();
        form.put("decision", "approve");
        form.put("scope", "chosen");
        form.put("reason", SCRIPT_REASON);
        form.put("csrf", bob.csrf);
        form.put("id", otherPlanId);
        Page approved = bob.postRaw("/console/plans/" + planId + "/decision?id=" + otherPlanId + "&scope=all&host=sp1-d",
                encode(form) + "&host=sp1-a&host=sp1-c");
        assertThat(approved.status).as(approved.body).isEqualTo(303);
        assertThat(approved.header("location")).isEqualTo("/console/plans/" + planId);
        JsonNode plan = api("GET", "/plans/" + planId, ServerFiles.DAVE_TOKEN, null);
        List<String> approvedHosts = new ArrayList<>();
        plan.get("hosts").forEach(h -> {
            if (h.get("approved").asBoolean()) {
                approvedHosts.add(h.get("host").asText());
            }
        });
        assertThat(approvedHosts).containsExactly("sp1-a", "sp1-c");
        assertThat(plan.get("status").asText()).isEqualTo("approved");
        assertThat(plan.get("decisions")).hasSize(1);
        assertThat(plan.get("decisions").get(0).get("reason").asText()).isEqualTo(SCRIPT_REASON);
        assertNothingDecided(otherPlanId);

        Page shown = bob.get("/console/plans/" + planId);
        assertThat(shown.body).contains("Approved 2 hosts of plan " + planId + ". Approved hosts now: 2.");
        assertEscaped(shown, SCRIPT_REASON);

        Page rejected = bob.post("/console/plans/" + planId + "/decision",
                Map.of("decision", "reject", "scope", "chosen", "host", "sp1-b", "reason", SCRIPT_REJECT, "csrf", bob.csrf));
        assertThat(rejected.status).as(rejected.body).isEqualTo(303);
        Page unknownHost = bob.post("/console/plans/" + otherPlanId + "/decision",
                Map.of("decision", "approve", "scope", "chosen", "host", "<script>x()</script>", "reason", "r", "csrf", bob.csrf));
        assertThat(unknownHost.status).isBetween(400, 409);
        assertStrictPage(unknownHost);
        assertNoMarkupFrom(unknownHost, "<script>x()</script>");
        assertNothingDecided(otherPlanId);

        Browser carol = login("carol", ServerFiles.CAROL_PASSWORD);
        assertThat(carol.get("/console/plans/" + planId).body).contains("id=\"start-run-submit\"");
        Page started = carol.post("/console/runs", Map.of("plan", planId, "csrf", carol.csrf));
        assertThat(started.status).as(started.body).isEqualTo(303);
        JsonNode runs = api("GET", "/runs", ServerFiles.DAVE_TOKEN, null).get("runs");
        assertThat(runs).hasSize(1);
        runId = runs.get(0).get("id").asText();
        assertThat(started.header("location")).isIn("/console/runs/" + runId, "/console/plans/" + planId);
        assertThat(runs.get(0).get("started_by").asText()).isEqualTo("carol");
        await("the run ends").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> !"RUNNING".equals(api("GET", "/runs/" + runId, ServerFiles.DAVE_TOKEN, null).get("status").asText()));
        JsonNode run = api("GET", "/runs/" + runId, ServerFiles.DAVE_TOKEN, null);
        List<String> ran = new ArrayList<>();
        run.get("waves").forEach(w -> w.get("hosts").forEach(h -> ran.add(h.get("host").asText() + "=" + h.get("state").asText())));
        assertThat(ran).containsExactlyInAnyOrder("sp1-a=REMEDIATED", "sp1-c=REMEDIATED");
        // Which node ran it (issue 14): the same id the API gives.
        assertThat(run.get("node").asText()).isNotBlank();
        assertThat(carol.get("/console/runs/" + runId).body).contains("<span id=\"run-node\">" + run.get("node").asText()
                + "</span>");
    }

    @Test
    @Order(9)
    void everyPageHasTheStrictPolicyAndShowsEveryValueAsText() throws Exception {
        Browser dave = login("dave", ServerFiles.DAVE_PASSWORD);
        List<String> pages = List.of("/console", "/console/approvals", "/console/plans", "/console/plans?status=approved",
                "/console/plans/" + planId, "/console/plans/" + otherPlanId, "/console/runs", "/console/runs/" + runId,
                "/console/hosts/sp1-a", "/console/windows", "/console/audit", "/console/audit?verify=1",
                "/console/audit?text=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8),
                "/console/plans/no-such-plan", "/console/runs/no-such-run", "/console/hosts/" + URLEncoder.encode("<i>x</i>",
                        StandardCharsets.UTF_8), "/console/plans?status=" + URLEncoder.encode("\"><script>", StandardCharsets.UTF_8));
        for (String path : pages) {
            Page page = dave.get(path);
            assertThat(page.status).as(path).isIn(200, 400, 404);
            assertStrictPage(page);
            assertThat(page.body).as(path + ": the admin's name and the badge").contains("id=\"me\"");
            assertThat(page.body).as(path).doesNotContain("<script>").doesNotContain("<i>x</i>").doesNotContain("<img src=x");
            assertThat(page.body.split("<script ", -1)).as(path + ": only the console's own script").hasSize(2);
        }
        assertThat(dave.get("/console/plans/no-such-plan").status).isEqualTo(404);
        assertEscaped(dave.get("/console/plans/" + planId), SCRIPT_REASON);
        assertEscaped(dave.get("/console/plans/" + planId), SCRIPT_REJECT);
        assertEscaped(dave.get("/console/hosts/sp1-a"), SCRIPT_REASON);
        assertEscaped(dave.get("/console/plans/" + planId), HOST_CAPTION);
        assertEscaped(dave.get("/console/hosts/sp1-d"), HOST_CAPTION);
        Page audit = dave.get("/console/audit?text=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8));
        assertEscaped(audit, "<script>alert(1)</script>");
        Page verified = dave.get("/console/audit?verify=1");
        assertThat(verified.body).contains("<strong>Intact.</strong>").contains("verified-ok");
        long head = auditCount();
        assertThat(head).isGreaterThan(SEEDED_AUDIT_RECORDS + 10);
        assertThat(verified.body).as("the trail's end, the newest first").contains("data-seq=\"" + head + "\"")
                .contains("PLAN_APPROVED").contains("SELF_APPROVAL_REFUSED")
                .contains("head #" + head).doesNotContain("data-seq=\"1\"");
        assertThat(verified.body.indexOf("data-seq=\"" + head + "\"")).isLessThan(verified.body.indexOf("data-seq=\"" + (head - 1) + "\""));
        Page filtered = dave.get("/console/audit?action=login_failed");
        assertThat(filtered.body).contains("LOGIN_FAILED").doesNotContain(">SEEDED<").doesNotContain(">PLAN_APPROVED<");
        assertThat(dave.get("/console/plans/" + planId).body).as("the first plan of its inventory")
                .contains("This is the inventory's first plan");
        assertThat(dave.get("/console/plans/" + otherPlanId).body).as("the same facts again")
                .contains("Compared with plan " + planId).contains("unchanged since the previous plan");
        Page overview = dave.get("/console");
        assertThat(overview.body).contains("<svg").contains("tone-irreversible");

        Page state = dave.get("/console/runs/" + runId + "/state");
        assertThat(state.status).isEqualTo(200);
        assertThat(state.header("content-type")).startsWith("application/json");
        assertThat(state.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(state.header("cache-control")).isEqualTo("no-store");
        assertThat(JSON.readTree(state.body).get("status").asText()).isEqualTo("FINISHED");

        Page report = dave.get("/console/runs/" + runId + "/report");
        assertThat(report.status).isEqualTo(200);
        String policy = report.header("content-security-policy");
        assertThat(policy).contains("default-src 'none'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline")
                .doesNotContain("script-src");
        assertThat(report.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(report.header("cache-control")).isEqualTo("no-store");
        assertThat(report.body).contains("sp1-a");
    }

    @Test
    @Order(10)
    void logoutEndsTheSessionAndItsCookieIsRefusedAfterwards() throws Exception {
        Browser bob = login("bob", ServerFiles.BOB_PASSWORD);
        String session = bob.session;
        Page forged = bob.post("/console/logout", Map.of("csrf", Sessions.randomToken()));
        assertThat(forged.status).as("a logout from another site is refused too").isEqualTo(403);
        assertThat(bob.get("/console").status).isEqualTo(200);

        Page out = bob.post("/console/logout", Map.of("csrf", bob.csrf));
        assertThat(out.status).isEqualTo(303);
        assertThat(out.header("location")).isEqualTo("/console/login");
        String cleared = out.setCookie(SESSION);
        assertThat(cleared).startsWith(SESSION + "=;").contains("Max-Age=0").contains("Secure").contains("HttpOnly");

        Browser replay = new Browser("bob-replay");
        replay.cookies.put(SESSION, session);
        Page home = replay.get("/console");
        assertThat(home.status).isEqualTo(303);
        assertThat(home.header("location")).isEqualTo("/console/login?ended");
        long before = auditCount();
        Page post = replay.post("/console/plans/" + otherPlanId + "/decision",
                Map.of("decision", "approve", "scope", "all", "reason", "after logout", "csrf", bob.csrf));
        assertThat(post.status).isEqualTo(401);
        assertStrictPage(post);
        assertThat(post.body).contains("what you sent was not done");
        Page poll = replay.poll("/console/runs/" + runId + "/state");
        assertThat(poll.status).isEqualTo(401);
        assertThat(JSON.readTree(poll.body).get("code").asText()).isEqualTo("session_ended");
        assertNothingDecided(otherPlanId);
        assertThat(auditCount()).isEqualTo(before);
    }

    @Test
    @Order(11)
    void anIdleSessionEndsPollingDoesNotExtendItAndAPostAfterItDoesNothing() throws Exception {
        Browser polling = login("bob", ServerFiles.BOB_PASSWORD);
        Browser working = login("bob", ServerFiles.BOB_PASSWORD);
        long start = System.nanoTime();
        // Both start with a page (activity). Then one only polls, the other shows a page every 4 s.
        assertThat(polling.get("/console/runs/" + runId).status).isEqualTo(200);
        long lastActivity = System.nanoTime();
        assertThat(working.get("/console/approvals").status).isEqualTo(200);
        // Polls at 2, 4 and 6 s (well inside the 10 s, so a slow machine does not end the session early), pages at 4
        // and 8 s: had a poll counted, the polling session would live until 16 s.
        for (int second = 2; second <= 8; second += 2) {
            sleepUntil(lastActivity, second);
            if (second <= 6) {
                assertThat(polling.poll("/console/runs/" + runId + "/state").status).as("poll at %d s", second).isEqualTo(200);
            }
            if (second % 4 == 0) {
                assertThat(working.get("/console/approvals").status).as("page at %d s", second).isEqualTo(200);
            }
        }
        sleepUntil(lastActivity, IDLE_SECONDS + 2);
        Page ended = polling.poll("/console/runs/" + runId + "/state");
        assertThat(ended.status).as("polled every 2 s, yet idle for %d s", IDLE_SECONDS + 2).isEqualTo(401);
        assertThat(JSON.readTree(ended.body).get("code").asText()).isEqualTo("session_ended");
        long before = auditCount();
        Page post = polling.post("/console/plans/" + otherPlanId + "/decision",
                Map.of("decision", "approve", "scope", "all", "reason", "too late", "csrf", polling.csrf));
        assertThat(post.status).isEqualTo(401);
        assertNothingDecided(otherPlanId);
        assertThat(auditCount()).isEqualTo(before);
        Page page = polling.get("/console/approvals");
        assertThat(page.header("location")).isEqualTo("/console/login?ended");
        assertThat(polling.get("/console/login?ended").body).contains("Your session has ended.");

        assertThat(working.get("/console/approvals").status).as("a page every 4 s kept the other session").isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofSeconds(IDLE_SECONDS));
    }

    // ---- static files ----

    @Test
    @Order(12)
    void theStaticPathServesOnlyItsOwnFiles() throws Exception {
        Browser anyone = new Browser("anonymous");
        Page css = anyone.get("/console/static/console.css");
        assertThat(css.status).isEqualTo(200);
        assertThat(css.header("content-type")).startsWith("text/css");
        assertThat(css.header("x-content-type-options")).isEqualTo("nosniff");
        Page js = anyone.get("/console/static/live.js");
        assertThat(js.status).isEqualTo(200);
        assertThat(js.header("content-type")).startsWith("text/javascript");
        assertThat(js.body).contains("X-Console-Poll");
        Page icon = anyone.get("/console/static/favicon.svg");
        assertThat(icon.status).isEqualTo(200);
        assertThat(icon.header("content-type")).isEqualTo("image/svg+xml");
        for (String path : List.of("/console/static/other.js", "/console/static/Console.css", "/console/static/console.css.bak",
                "/console/static/", "/console/static/..%2Ftemplates%2Flogin.html", "/console/static/%2e%2e%2ftemplates%2flogin.html",
                "/console/static/..%2F..%2Fapplication.properties", "/console/static/console.css%00.html",
                "/console/static/..%5Ctemplates%5Clogin.html", "/console/static/%2e%2e/templates/login.html",
                "/console/static/../templates/login.html", "/console/static/./console.css/../../templates/layout.html",
                "/console/templates/login.html", "/console/static/console%2Ecss%2F..%2F..%2Ftemplates%2Flogin.html")) {
            Page page = anyone.getRaw(path);
            assertThat(page.status).as(path).isIn(404, 400, 303);
            assertThat(page.body).as(path).doesNotContain("th:").doesNotContain("camel.").doesNotContain("body {");
        }
        assertThat(anyone.getRaw("/console/static/other.js").status).isEqualTo(404);
        assertThat(anyone.getRaw("/console/static/..%2Ftemplates%2Flogin.html").status).isEqualTo(404);
    }

    @Test
    @Order(13)
    void oversizedInputsAndWrongMethodsAreRefusedAndDoNothing() throws Exception {
        Browser bob = login("bob", ServerFiles.BOB_PASSWORD);
        long before = auditCount();
        String path = "/console/plans/" + otherPlanId + "/decision";
        Page big = bob.postRaw(path, "decision=approve&scope=all&csrf=" + bob.csrf + "&reason=" + "x".repeat(70 * 1024));
        assertThat(big.status).as("over the server's maxBodyBytes (64 KiB)").isEqualTo(413);
        Page bigLogin = new Browser("anonymous").postRaw("/console/login", "name=bob&password=" + "p".repeat(70 * 1024));
        assertThat(bigLogin.status).isEqualTo(413);
        Browser hugeCookie = new Browser("anonymous");
        hugeCookie.cookies.put(SESSION, "s".repeat(20_000));
        assertThat(hugeCookie.get("/console").status).as("a header past Vert.x's bound").isBetween(400, 499);
        Browser longId = new Browser("anonymous");
        longId.cookies.put(SESSION, "s".repeat(2_000));
        assertThat(longId.get("/console").status).isEqualTo(303);
        Page longReason = bob.post(path, Map.of("decision", "approve", "scope", "all", "reason", "r".repeat(5000), "csrf", bob.csrf));
        assertThat(longReason.status).isEqualTo(400);
        assertThat(bob.get("/console/audit?text=" + "t".repeat(300)).status).as("a filter past 200 characters").isEqualTo(400);

        // Only a POST acts: no link (GET) logs out, decides, starts or aborts anything.
        for (String get : List.of("/console/logout", path, "/console/runs/" + runId + "/abort")) {
            assertThat(bob.get(get).status).as("GET " + get).isEqualTo(405);
        }
        assertThat(bob.post("/console/plans/" + otherPlanId, Map.of("csrf", bob.csrf)).status).isEqualTo(405);
        // Every route that acts checks the form's token before anything else, and a viewer acts on nothing.
        Browser dave = login("dave", ServerFiles.DAVE_PASSWORD);
        List<String> acting = List.of("/console/plans", path, "/console/runs", "/console/runs/" + runId + "/abort",
                "/console/runs/" + runId + "/retry", "/console/windows/nightly/pause", "/console/windows/nightly/resume",
                "/console/logout");
        for (String post : acting) {
            assertCsrfRefused(dave.post(post, Map.of("reason", "no token", "plan", otherPlanId, "inventory", "inventory.yaml")));
            if (!post.equals("/console/logout")) {
                Page refused = dave.post(post, Map.of("reason", "a viewer", "plan", otherPlanId, "inventory", "inventory.yaml",
                        "decision", "approve", "scope", "all", "csrf", dave.csrf));
                assertThat(refused.status).as("a viewer POSTs " + post).isEqualTo(403);
                assertThat(refused.body).contains("forbidden");
            }
        }
        assertThat(dave.get("/console").status).isEqualTo(200);
        assertThat(bob.get("/console").status).as("still logged in").isEqualTo(200);
        Page abort = dave.post("/console/runs/" + runId + "/abort", Map.of("reason", "stop", "csrf", dave.csrf));
        assertThat(abort.status).as("a viewer aborts nothing").isEqualTo(403);
        Browser carol = login("carol", ServerFiles.CAROL_PASSWORD);
        Page ended = carol.post("/console/runs/" + runId + "/abort", Map.of("reason", "stop", "csrf", carol.csrf));
        assertThat(ended.status).as("the run has ended").isEqualTo(409);
        assertNothingDecided(otherPlanId);
        assertThat(auditCount()).isEqualTo(before);
    }

    // ---- throttling, last: it locks this address ----

    @Test
    @Order(14)
    void repeatedFailuresThrottleTheConsoleExactlyAsTheApi() throws Exception {
        // Names never used before: a name's own failures count too (mallory failed once above). Through the API first: the failures the throttle allows, then 429.
        List<Integer> apiStatuses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("mallory-api:guess-" + i).getBytes(StandardCharsets.UTF_8));
            apiStatuses.add(apiStatus("/me", basic));
        }
        assertThat(apiStatuses).containsExactly(401, 401, 401, 401, 401, 429, 429);
        await("the first lock ends").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2))
                .until(() -> apiStatus("/me", "Bearer " + ServerFiles.DAVE_TOKEN) == 200);

        Browser b = new Browser("anonymous");
        List<Integer> consoleStatuses = new ArrayList<>();
        Page last = null;
        for (int i = 0; i < 7; i++) {
            b.get("/console/login");
            last = b.loginForm("trudy-console", "guess-" + i);
            consoleStatuses.add(last.status);
            assertThat(last.setCookie(SESSION)).isNull();
        }
        assertThat(consoleStatuses).as("the same counts as the API's").isEqualTo(apiStatuses);
        assertThat(last.body).contains("too many failed logins");
        b.get("/console/login");
        Page right = b.loginForm("bob", ServerFiles.BOB_PASSWORD);
        assertThat(right.status).as("locked even for the right password").isEqualTo(429);
        assertThat(right.setCookie(SESSION)).isNull();
        assertThat(apiStatus("/me", "Bearer " + ServerFiles.DAVE_TOKEN)).as("the API is locked for this address too").isEqualTo(429);
    }

    @Test
    @Order(15)
    void noSecretInAnyResponseOrTheServerOutput() throws Exception {
        serve.close();
        assertThat(seen).hasSizeGreaterThan(80);
        String log = String.join("\n", output);
        List<String> passwords = List.of(ServerFiles.ALICE_PASSWORD, ServerFiles.BOB_PASSWORD, ServerFiles.CAROL_PASSWORD,
                ServerFiles.DAVE_PASSWORD, ServerFiles.ALICE_TOKEN, ServerFiles.BOB_TOKEN, ServerFiles.CAROL_TOKEN,
                ServerFiles.DAVE_TOKEN, ServerFiles.FLEET_PASSWORD, "argon2id");
        List<String> sessionIds = browsers.stream().map(b -> b.session).filter(s -> s != null).toList();
        List<String> formTokens = browsers.stream().map(b -> b.csrf).filter(s -> s != null).toList();
        assertThat(sessionIds).hasSizeGreaterThan(10).doesNotHaveDuplicates();
        for (String secret : passwords) {
            assertThat(log).doesNotContain(secret);
        }
        for (String secret : concat(sessionIds, formTokens, List.copyOf(loginTokens))) {
            assertThat(log).as("the server's output names no session id, form or login token").doesNotContain(secret);
        }
        for (Seen s : seen) {
            for (String secret : passwords) {
                assertThat(s.headers + s.body).as(s.path).doesNotContain(secret);
            }
            for (String id : sessionIds) {
                // A session id travels in Set-Cookie only, never in a page.
                assertThat(s.body).as(s.path).doesNotContain(id);
            }
            for (Browser other : browsers) {
                if (other != s.browser && other.csrf != null) {
                    assertThat(s.headers + s.body).as(s.path + ": another session's form token").doesNotContain(other.csrf);
                }
                if (other != s.browser && other.session != null) {
                    assertThat(s.headers).as(s.path + ": another session's id").doesNotContain(other.session);
                }
            }
        }
        try (Store store = Store.open(storeUrl(), "sa", "")) {
            List<AuditRecord> records = store.auditRecords();
            assertThat(records).extracting(AuditRecord::action).contains("LOGIN_FAILED", "LOGIN_THROTTLED",
                    "SELF_APPROVAL_REFUSED");
            String audit = records.toString();
            for (String secret : concat(passwords, sessionIds, formTokens)) {
                assertThat(audit).doesNotContain(secret);
            }
            assertThat(audit).doesNotContain("guess-");
        }
    }

    // ---- a browser, by hand ----

    /** One browser: its cookies (sent as the browser would, to this host), its session and its form token. */
    static final class Browser {
        final String who;
        Map<String, String> cookies = new LinkedHashMap<>();
        String session;
        String csrf;

        Browser(String who) {
            this.who = who;
            browsers.add(this);
        }

        Page get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), path, null);
        }

        /** A path sent as written: java.net.URI keeps "..", "%2e" and "%2F" as they are. */
        Page getRaw(String path) throws Exception {
            return send(HttpRequest.newBuilder(new URI(base + path)).GET(), path, null);
        }

        Page poll(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).GET().header("X-Console-Poll", "1"), path, null);
        }

        Page post(String path, Map<String, String> form) throws Exception {
            return postRaw(path, encode(form));
        }

        Page postRaw(String path, String body) throws Exception {
            return postRaw(path, body, "application/x-www-form-urlencoded");
        }

        Page postRaw(String path, String body, String type) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).POST(HttpRequest.BodyPublishers.ofString(body)), path, type);
        }

        /** The login form as the page has it: the login token from the cookie this browser got with the form. */
        Page loginForm(String name, String password) throws Exception {
            return post("/console/login", Map.of("name", name, "password", password, "login_token",
                    cookies.getOrDefault(LOGIN, "")));
        }

        private Page send(HttpRequest.Builder request, String path, String type) throws Exception {
            request.timeout(Duration.ofSeconds(60));
            if (!cookies.isEmpty()) {
                request.header("Cookie", String.join("; ", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            }
            if (type != null) {
                request.header("Content-Type", type);
            }
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Page page = new Page(response.statusCode(), response.headers().map(), response.body());
            seen.add(new Seen(this, path, page.status, page.headers.toString(), page.body));
            for (String cookie : response.headers().allValues("set-cookie")) {
                String pair = cookie.split(";", 2)[0];
                String name = pair.substring(0, pair.indexOf('='));
                String value = pair.substring(pair.indexOf('=') + 1);
                if (cookie.contains("Max-Age=0") || value.isEmpty()) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
                if (name.equals(LOGIN)) {
                    loginTokens.add(value);
                }
            }
            return page;
        }
    }

    record Page(int status, Map<String, List<String>> headers, String body) {

        String header(String name) {
            List<String> values = headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
            assertThat(values).as("one " + name + " header").hasSizeLessThanOrEqualTo(1);
            return values.isEmpty() ? null : values.get(0);
        }

        String setCookie(String name) {
            return headers.getOrDefault("set-cookie", List.of()).stream().filter(c -> c.startsWith(name + "=")).findFirst()
                    .orElse(null);
        }

        String find(Pattern pattern) {
            Matcher m = pattern.matcher(body);
            assertThat(m.find()).as(pattern + " in\n" + body).isTrue();
            return m.group(1);
        }
    }

    /** A logged-in browser with its session and form token. */
    static Browser login(String name, String password) throws Exception {
        Browser b = new Browser(name);
        b.get("/console/login");
        Page login = b.loginForm(name, password);
        assertThat(login.status).as(login.body).isEqualTo(303);
        b.session = b.cookies.get(SESSION);
        assertThat(b.session).isNotNull();
        Page approvals = b.get("/console/approvals");
        assertThat(approvals.status).isEqualTo(200);
        b.csrf = approvals.find(CSRF);
        assertThat(approvals.body).contains("<span id=\"me\">" + name + "</span>");
        return b;
    }

    // ---- checks ----

    static void assertStrictPage(Page page) {
        String policy = page.header("content-security-policy");
        assertThat(policy).isEqualTo(ConsoleRoutes.CONTENT_SECURITY_POLICY);
        assertThat(policy).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval").contains("frame-ancestors 'none'")
                .contains("default-src 'none'").contains("script-src 'self'");
        assertThat(page.header("x-content-type-options")).isEqualTo("nosniff");
        assertThat(page.header("cache-control")).isEqualTo("no-store");
        assertThat(page.header("x-frame-options")).isEqualTo("DENY");
        assertThat(page.header("content-type")).isEqualTo("text/html; charset=utf-8");
        assertThat(page.body).doesNotContain(" style=\"").doesNotContain("onclick").doesNotContain("javascript:");
    }

    static void assertHostCookie(String cookie, String name) {
        assertThat(name).startsWith("__Host-");
        List<String> attributes = List.of(cookie.split(";\\s*"));
        assertThat(attributes.get(0)).startsWith(name + "=");
        assertThat(attributes.subList(1, attributes.size())).contains("Path=/", "Secure", "HttpOnly", "SameSite=Strict")
                .noneMatch(a -> a.toLowerCase(java.util.Locale.ROOT).startsWith("domain"));
    }

    static void assertRefusedLogin(Page page, int status) {
        assertThat(page.status).as(page.body).isEqualTo(status);
        assertStrictPage(page);
        assertThat(page.setCookie(SESSION)).as("no session").isNull();
        assertThat(page.body).contains("name=\"login_token\"");
    }

    static void assertCsrfRefused(Page page) {
        assertThat(page.status).as(page.body).isEqualTo(403);
        assertStrictPage(page);
        assertThat(page.body).contains("did not carry this session&#39;s token (CSRF). Nothing was done");
    }

    /** The text is on the page, escaped, and its markup nowhere. */
    static void assertEscaped(Page page, String text) {
        assertThat(page.body).as("shown as text").contains(thymeleafEscape(text));
        assertNoMarkupFrom(page, text);
    }

    /** No tag of the text is in the page as a tag: only the layout's one script element. */
    static void assertNoMarkupFrom(Page page, String text) {
        for (String tag : List.of("<script>", "<img", "<b>", "<i>")) {
            if (text.contains(tag)) {
                assertThat(page.body).as("markup from data").doesNotContain(tag);
            }
        }
        assertThat(page.body.split("<script ", -1)).hasSize(2);
    }

    /** Thymeleaf's HTML escaping of text: &amp; &lt; &gt; &quot; &#39;. */
    static String thymeleafEscape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }

    static void assertNothingDecided(String plan) throws Exception {
        JsonNode p = api("GET", "/plans/" + plan, ServerFiles.DAVE_TOKEN, null);
        assertThat(p.get("decisions")).as("decisions of " + plan).isEmpty();
        p.get("hosts").forEach(h -> assertThat(h.get("approved").asBoolean()).isFalse());
    }

    // ---- the API, with tokens ----

    static JsonNode api(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1" + path)).timeout(Duration.ofSeconds(120))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Authorization", "Bearer " + token);
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
        seen.add(new Seen(null, "/api/v1" + path, response.statusCode(), response.headers().map().toString(), response.body()));
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
        return JSON.readTree(response.body());
    }

    static int apiStatus(String path, String authorization) throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        seen.add(new Seen(null, "/api/v1" + path, response.statusCode(), response.headers().map().toString(), response.body()));
        return response.statusCode();
    }

    /** The sequence number of the trail's last record, read page by page as an API client does. */
    static long auditCount() throws Exception {
        long last = 0;
        while (true) {
            JsonNode page = api("GET", "/audit?after=" + last, ServerFiles.DAVE_TOKEN, null);
            JsonNode records = page.get("records");
            if (records.size() > 0) {
                last = records.get(records.size() - 1).get("seq").asLong();
            }
            if (records.size() < page.get("limit").asInt()) {
                return last;
            }
        }
    }

    static String storeUrl() {
        return "jdbc:h2:file:" + dir.resolve("server/data/remediator");
    }

    static List<JsonNode> auditAfter(long seq) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        api("GET", "/audit?after=" + seq, ServerFiles.DAVE_TOKEN, null).get("records").forEach(records::add);
        return records;
    }

    static String encode(Map<String, String> form) {
        return String.join("&", form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).toList());
    }

    static void sleepUntil(long startNanos, int seconds) throws InterruptedException {
        long wait = startNanos + TimeUnit.SECONDS.toNanos(seconds) - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... lists) {
        List<String> all = new ArrayList<>();
        for (List<String> l : lists) {
            all.addAll(l);
        }
        return all;
    }
}

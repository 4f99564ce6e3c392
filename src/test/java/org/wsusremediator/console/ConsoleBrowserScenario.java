package org.wsusremediator.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wsusremediator.server.ServerFiles;
import org.wsusremediator.server.ServerProcess;
import org.wsusremediator.store.TestDatabases;

/**
 * The admin console in a real headless Chromium against {@code remediator serve --config} (a real process, real HTTPS,
 * a simulated fleet of two hosts): alice makes a plan and cannot approve it, bob approves two hosts, carol runs it and
 * watches it live, the report opens, the audit trail verifies; a wrong password, a forged CSRF token and an expired
 * session are refused. Screenshots of every page go to {@code target/console-screenshots}. On H2
 * ({@link ConsoleBrowserIT}) and PostgreSQL ({@link ConsoleBrowserPostgresIT}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ConsoleBrowserScenario {

    static final Path SHOTS = Path.of("target", "console-screenshots");
    /** Long enough for every step of one admin; the expired-session step waits it out. */
    static final int IDLE_SECONDS = 60;
    static final Duration WAIT = Duration.ofSeconds(60);

    static ServerProcess server;
    static ChromeDriver browser;
    static String console;
    static String variant;
    static String planId;
    static String runId;
    static final List<Runnable> cleanups = new ArrayList<>();
    /** What the pages wrote to the browser's console, read at each screenshot. */
    static final List<String> browserLog = new ArrayList<>();

    /** Starts the server on {@code subnet}'s fleet with the named database of {@link TestDatabases}, and a browser. */
    static void start(Path dir, String subnet, String database, String name) throws Exception {
        variant = name;
        browserLog.clear();
        TestDatabases.Db db = TestDatabases.all().filter(t -> t.getName().equals(database)).findFirst()
                .orElseThrow(() -> new IllegalStateException(database + " is not available")).getPayload()
                .create(dir.resolve("db"), cleanups);
        Path serverDir = dir.resolve("server");
        Path config = ServerFiles.write(serverDir, subnet, true, db.url(), db.user(), db.password());
        Files.writeString(config, Files.readString(config) + "console: { idleTimeoutSeconds: " + IDLE_SECONDS + " }\n");
        // A window for the windows page, far off (Sundays at 03:00 in 2099): it never opens during the test.
        Path windows = serverDir.resolve("windows.yaml");
        Files.writeString(windows, "windows:\n  - { name: sunday-night, start: \"0 0 3 ? * SUN 2099\", duration: 2h,"
                + " timeZone: Europe/Madrid, blackoutDates: [2099-12-27] }\n" + Files.readString(windows));
        // Slower hosts than the API tests' (each WinRM answer 120 ms late): a run lasts long enough to be watched.
        Path fleet = serverDir.resolve("fleet.yaml");
        Files.writeString(fleet, Files.readString(fleet).replace("latencyMs: 5", "latencyMs: 120"));
        server = ServerProcess.start(config, serverDir);
        console = server.baseUrl() + "/console";
        browser = HeadlessChromium.start(dir.resolve("chromium-profile"));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.quit();
            }
        } finally {
            if (server != null) {
                server.close();
            }
            cleanups.forEach(Runnable::run);
            cleanups.clear();
        }
    }

    // ---- the scenario ----

    @Test
    @Order(1)
    void aWrongPasswordIsRefused() {
        browser.get(console);
        assertThat(browser.getCurrentUrl()).as("a page without a session goes to the login").contains("/console/login");
        logIn("alice", "not-her-password");
        assertThat(text(By.id("login-message"))).contains("Wrong name or password");
        assertThat(browser.findElements(By.id("me"))).isEmpty();
        shot("01-login-refused");
    }

    @Test
    @Order(2)
    void aliceMakesAPlanAndSeesNoApproveControl() {
        logIn("alice", ServerFiles.ALICE_PASSWORD);
        assertThat(text(By.id("me"))).isEqualTo("alice");
        browser.findElement(By.linkText("Plans")).click();
        new Select(browser.findElement(By.id("inventory"))).selectByVisibleText("inventory.yaml");
        browser.findElement(By.id("create-plan-submit")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("plan-id")));
        planId = text(By.id("plan-id"));
        assertThat(text(By.id("flash"))).contains("Plan " + planId);
        assertThat(text(By.id("plan-status"))).isEqualToIgnoringCase("pending");
        assertThat(browser.findElements(By.cssSelector("#plan-hosts tr[data-host]"))).hasSize(2);
        assertThat(text(By.id("irreversible-banner"))).contains("IRREVERSIBLE").contains("cannot be uninstalled");
        // The two-person rule as a sentence, not a button that fails.
        assertThat(browser.findElements(By.id("approve"))).isEmpty();
        assertThat(browser.findElements(By.id("reject"))).isEmpty();
        assertThat(text(By.id("why-not"))).contains("Two-person rule");
        shot("02-plan-as-requester");
    }

    @Test
    @Order(3)
    void aliceDirectPostIsRefused() {
        postForm("/console/plans/" + planId + "/decision", csrfToken(), "decision", "approve", "scope", "all",
                "reason", "my own plan");
        assertThat(text(By.id("error-status"))).isEqualTo("HTTP 403 · self_approval");
        assertThat(text(By.id("error-message"))).contains("two-person rule");
        shot("03-direct-post-refused");
    }

    @Test
    @Order(4)
    void aForgedCsrfTokenIsRefused() {
        browser.get(console + "/plans");
        postForm("/console/plans", "forged-" + csrfToken().substring(7), "inventory", "inventory.yaml");
        assertThat(text(By.id("error-status"))).isEqualTo("HTTP 403");
        assertThat(text(By.id("error-message"))).contains("CSRF").contains("Nothing was done");
        browser.get(console + "/plans");
        assertThat(browser.findElements(By.cssSelector("#plans tr[data-plan]"))).as("no second plan").hasSize(1);
        logOut();
    }

    @Test
    @Order(5)
    void bobSeesTheBadgeAndApprovesTwoHosts() {
        logIn("bob", ServerFiles.BOB_PASSWORD);
        assertThat(text(By.id("pending-badge"))).isEqualTo("1");
        List<WebElement> pending = browser.findElements(By.cssSelector("#approvals tr.pending-plan"));
        assertThat(pending).hasSize(1);
        assertThat(pending.get(0).getText()).contains(planId).contains("alice").contains("irreversible");
        shot("04-approvals");
        pending.get(0).findElement(By.className("plan-link")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        List<WebElement> choices = browser.findElements(By.cssSelector("input.host-choice"));
        assertThat(choices).hasSize(2);
        choices.forEach(WebElement::click);
        browser.findElement(By.id("reason")).sendKeys("CHG-4711: facts checked, both SP1 hosts at 3.1.6001.65");
        shot("05-plan-as-approver");
        browser.findElement(By.id("approve")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("flash")));
        assertThat(text(By.id("flash"))).contains("Approved 2 hosts of plan " + planId);
        assertThat(text(By.id("plan-status"))).isEqualToIgnoringCase("approved");
        assertThat(browser.findElements(By.cssSelector("#plan-hosts .pill-good"))).hasSize(2);
        assertThat(text(By.id("pending-badge"))).isEqualTo("0");
        logOut();
    }

    @Test
    @Order(6)
    void carolStartsTheRunAndWatchesItLive() {
        logIn("carol", ServerFiles.CAROL_PASSWORD);
        browser.get(console + "/plans/" + planId);
        browser.findElement(By.id("start-run-submit")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("run-id")));
        runId = text(By.id("run-id"));
        assertThat(browser.findElement(By.id("run-live")).getAttribute("data-running"))
                .as("the run page opened while the run runs").isEqualTo("true");
        String before = text(By.id("run-host-rows"));
        // A mark on this page: a reload or a navigation would lose it.
        browser.executeScript("window.consoleTestMark = 'still the same page';");
        shot("06-run-live");
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(d -> !"RUNNING".equalsIgnoreCase(text(By.id("run-status"))));
        assertThat(browser.executeScript("return window.consoleTestMark;")).isEqualTo("still the same page");
        assertThat(text(By.id("run-status"))).isEqualToIgnoringCase("FINISHED");
        String after = text(By.id("run-host-rows"));
        assertThat(after).as("the hosts' states changed without a reload").isNotEqualTo(before).contains("sp1-a").contains("sp1-b");
        assertThat(browser.findElements(By.cssSelector("#run-host-rows tr[data-host]"))).hasSize(2);
        assertThat(browser.findElement(By.id("report")).isDisplayed()).isTrue();
        shot("07-run-finished");
    }

    @Test
    @Order(7)
    void theReportOpens() {
        browser.findElement(By.id("report-link")).click();
        wait(d -> d.getCurrentUrl().endsWith("/report"));
        assertThat(browser.getPageSource()).contains(runId).contains("sp1-a").contains("sp1-b");
        shot("08-report");
    }

    @Test
    @Order(8)
    void theAuditPageVerifiesTheTrail() {
        browser.get(console + "/audit");
        assertThat(browser.findElements(By.cssSelector("#audit-records tr[data-seq]"))).isNotEmpty();
        browser.findElement(By.id("verify")).click();
        wait(ExpectedConditions.presenceOfElementLocated(By.id("verify-result")));
        assertThat(text(By.id("verify-result"))).startsWith("Intact.");
        browser.findElement(By.id("action")).sendKeys("LOGIN_FAILED");
        browser.findElement(By.cssSelector("#audit-filter button[type=submit]:not(#verify)")).click();
        wait(d -> d.getCurrentUrl().contains("action=LOGIN_FAILED"));
        List<WebElement> failed = browser.findElements(By.cssSelector("#audit-records tr[data-seq]"));
        assertThat(failed).as("alice's wrong password, audited").hasSize(1);
        assertThat(failed.get(0).getText()).contains("console").contains("wrong name or password");
        shot("09-audit");
    }

    @Test
    @Order(9)
    void theOtherPagesShowTheirParts() {
        browser.get(console + "/hosts/sp1-a");
        assertThat(text(By.id("host-name"))).isEqualTo("sp1-a");
        assertThat(browser.getPageSource()).contains(planId).contains(runId);
        shot("10-host");
        browser.get(console + "/windows");
        WebElement window = browser.findElement(By.cssSelector("#windows tr[data-window=sunday-night]"));
        assertThat(window.getText()).contains("Europe/Madrid").contains("2099-12-27").contains("2099-");
        window.findElement(By.name("reason")).sendKeys("CHG-4712: freeze over the holidays");
        window.findElement(By.cssSelector("button[type=submit]")).click();
        wait(d -> d.findElements(By.id("flash")).size() == 1);
        assertThat(text(By.id("flash"))).contains("Window sunday-night paused");
        assertThat(text(By.cssSelector("#windows tr[data-window=sunday-night]")))
                .contains("PAUSED by carol").contains("CHG-4712: freeze over the holidays");
        shot("11-windows");
        browser.get(console);
        assertThat(browser.findElements(By.cssSelector("svg rect.bar"))).isNotEmpty();
        assertThat(browser.getPageSource()).contains("INSTALL_KB");
        shot("12-overview");
        logOut();
    }

    @Test
    @Order(10)
    void anExpiredSessionIsRefused() throws Exception {
        logIn("dave", ServerFiles.DAVE_PASSWORD);
        assertThat(text(By.id("me"))).isEqualTo("dave");
        // Nothing to wait for but time itself: the session's idle timeout has to pass.
        Thread.sleep(Duration.ofSeconds(IDLE_SECONDS + 2).toMillis());
        browser.findElement(By.linkText("Runs")).click();
        wait(d -> d.getCurrentUrl().contains("/console/login"));
        assertThat(text(By.id("login-message"))).contains("Your session has ended");
        shot("13-session-ended");
        assertThat(server.output()).doesNotContain(ServerFiles.ALICE_PASSWORD, ServerFiles.BOB_PASSWORD,
                ServerFiles.CAROL_PASSWORD, ServerFiles.DAVE_PASSWORD);
    }

    @Test
    @Order(11)
    void noPageBrokeItsContentSecurityPolicyOrFailedAScript() {
        drainBrowserLog();
        assertThat(browserLog).as("the browser's console over the whole scenario")
                .noneMatch(l -> l.contains("Content Security Policy") || l.contains("Refused to"))
                .noneMatch(l -> l.contains("Uncaught"));
    }

    // ---- helpers ----

    static void drainBrowserLog() {
        browser.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER)
                .forEach(entry -> browserLog.add(entry.getLevel() + " " + entry.getMessage()));
    }

    /** Logs in as a fresh browser would: no cookie of an earlier admin's session. */
    static void logIn(String name, String password) {
        browser.get(console + "/login");
        browser.manage().deleteAllCookies();
        browser.get(console + "/login");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
        wait(d -> !d.getCurrentUrl().endsWith("/console/login") || !d.findElements(By.id("login-message")).isEmpty());
    }

    static void logOut() {
        browser.findElement(By.id("logout")).click();
        wait(d -> d.getCurrentUrl().contains("/console/login"));
    }

    static String csrfToken() {
        return browser.findElement(By.cssSelector("input[name=csrf]")).getAttribute("value");
    }

    /** Sends a form as a page of this console would, with the fields given (name, value, …), and waits for the answer. */
    static void postForm(String path, String csrf, String... fields) {
        List<String> all = new ArrayList<>(List.of("csrf", csrf));
        all.addAll(List.of(fields));
        browser.executeScript("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const fields = arguments[1];
                for (let i = 0; i < fields.length; i += 2) {
                  const input = document.createElement('input');
                  input.type = 'hidden';
                  input.name = fields[i];
                  input.value = fields[i + 1];
                  form.appendChild(input);
                }
                document.body.appendChild(form);
                form.submit();
                """, path, all);
        wait(ExpectedConditions.presenceOfElementLocated(By.id("error-status")));
    }

    static String text(By by) {
        return browser.findElement(by).getText().strip();
    }

    /** Waits for the condition; when it does not come, the page as it is (its URL, text and a screenshot) says why. */
    static <T> T wait(java.util.function.Function<? super org.openqa.selenium.WebDriver, T> condition) {
        try {
            return new WebDriverWait(browser, WAIT).until(condition);
        } catch (org.openqa.selenium.TimeoutException timeout) {
            shot("failed-" + System.currentTimeMillis());
            String page = browser.findElement(By.tagName("body")).getText();
            throw new AssertionError(timeout.getMessage() + "\nat " + browser.getCurrentUrl() + ":\n"
                    + page.substring(0, Math.min(3000, page.length())) + "\nserver:\n" + tail(server.output()), timeout);
        }
    }

    private static String tail(String text) {
        return text.length() <= 4000 ? text : text.substring(text.length() - 4000);
    }

    static void shot(String name) {
        try {
            Path file = browser.getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(file, SHOTS.resolve(variant + "-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            drainBrowserLog();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

package org.wsusremediator.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The README's screenshots, taken on the lab's server (not a test: run by hand, see docs/console.md): alice makes a
 * plan of the lab fleet, bob approves it, carol runs it. Arguments: the console's URL and the folder for the pictures.
 */
public final class LabConsoleScreenshots {

    private LabConsoleScreenshots() {
    }

    public static void main(String[] args) throws Exception {
        String console = args.length > 0 ? args[0] : "http://127.0.0.1:8080/console";
        Path out = Path.of(args.length > 1 ? args[1] : "docs/console");
        Files.createDirectories(out);
        ChromeDriver browser = HeadlessChromium.start(Files.createTempDirectory("lab-console-profile"));
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(5));
        try {
            logIn(browser, console, "alice", "lab-alice-password");
            browser.get(console + "/plans");
            new Select(browser.findElement(By.id("inventory"))).selectByVisibleText("lab.yaml");
            browser.findElement(By.id("create-plan-submit")).click();
            wait.until(d -> !d.findElements(By.id("plan-id")).isEmpty());
            String plan = browser.findElement(By.id("plan-id")).getText();
            shot(browser, out.resolve("plan-requester.png"));

            logIn(browser, console, "bob", "lab-bob-password");
            shot(browser, out.resolve("approvals.png"));
            browser.get(console + "/plans/" + plan);
            browser.findElement(By.id("scope-all")).click();
            browser.findElement(By.id("reason")).sendKeys("CHG-4711: lab fleet reviewed");
            browser.findElement(By.id("approve")).click();
            wait.until(d -> !d.findElements(By.id("flash")).isEmpty());

            logIn(browser, console, "carol", "lab-carol-password");
            browser.get(console + "/plans/" + plan);
            if (!browser.findElements(By.id("start-run-submit")).isEmpty()) {
                browser.findElement(By.id("start-run-submit")).click();
            }
            // The lab's window fires every minute and may have started the plan itself: the newest run is its run.
            wait.until(d -> d.getCurrentUrl().contains("/runs/") || !d.findElements(By.id("plan-runs")).isEmpty()
                    || !d.findElements(By.id("error-status")).isEmpty());
            if (!browser.getCurrentUrl().contains("/runs/")) {
                browser.get(console + "/runs");
                browser.findElement(By.className("run-link")).click();
            }
            Thread.sleep(4000);
            shot(browser, out.resolve("run-live.png"));
            wait.until(d -> !"RUNNING".equalsIgnoreCase(d.findElement(By.id("run-status")).getText()));
            shot(browser, out.resolve("run-finished.png"));
            browser.get(console);
            shot(browser, out.resolve("overview.png"));
        } finally {
            browser.quit();
        }
    }

    private static void logIn(ChromeDriver browser, String console, String name, String password) {
        browser.get(console + "/login");
        browser.manage().deleteAllCookies();
        browser.get(console + "/login");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("login-submit")).click();
    }

    private static void shot(ChromeDriver browser, Path file) throws Exception {
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("wrote " + file);
    }
}

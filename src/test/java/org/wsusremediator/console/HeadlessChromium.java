package org.wsusremediator.console;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium and ChromeDriver (src/test/browser/install-chromium.sh installs them; REMEDIATOR_TEST_CHROMIUM and
 * REMEDIATOR_TEST_CHROMEDRIVER name others), headless, with a profile of its own and nothing that reaches the network
 * by itself: this machine's closed network refuses Chromium's background connections, many at a time.
 */
final class HeadlessChromium {

    static final int WIDTH = 1280;
    static final int HEIGHT = 1000;

    private HeadlessChromium() {
    }

    static ChromeDriver start(Path profile) {
        String binary = env("REMEDIATOR_TEST_CHROMIUM", "/usr/bin/chromium");
        String driver = env("REMEDIATOR_TEST_CHROMEDRIVER", "/usr/bin/chromedriver");
        if (!new File(binary).canExecute() || !new File(driver).canExecute()) {
            throw new IllegalStateException(binary + " or " + driver + " is missing: run src/test/browser/install-chromium.sh"
                    + " (.ci/run does)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(binary);
        // The test server's certificate is self-signed (ServerFiles): the browser is told to accept it, as WebDriver
        // allows; the page is still HTTPS, so Secure cookies behave as they do for an admin.
        options.setAcceptInsecureCerts(true);
        // The page's console messages (a Content-Security-Policy violation is one), for the tests to read.
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-extensions", "--window-size=" + WIDTH + "," + HEIGHT,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        ChromeDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(120)).scriptTimeout(Duration.ofSeconds(30));
        return browser;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

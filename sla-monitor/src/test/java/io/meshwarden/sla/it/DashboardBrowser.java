package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in one headless Chromium (Debian's {@code chromium} through its {@code chromedriver},
 * never a browser Selenium Manager would download), with a fresh profile, logged in with the form as
 * a demo user: every DashboardIT test starts here. The page re-renders every poll, so an element
 * found a moment ago may be gone: every read and click finds its element afresh inside {@link #wait},
 * which retries a stale one. Closing it quits the browser.
 */
final class DashboardBrowser implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Every attribute an element gained from data: an event handler, or the attribute issue 19's id breaks out to. */
    private static final String INJECTED = "return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
            + ".filter(a => a.name.startsWith('on') || a.name === 'data-x').map(a => e.tagName + ' ' + a.name))";

    final WebDriver driver;
    final WebDriverWait wait;
    final JavascriptExecutor js;
    private final SlaService sla;

    private DashboardBrowser(SlaService sla, WebDriver driver) {
        this.sla = sla;
        this.driver = driver;
        this.js = (JavascriptExecutor) driver;
        this.wait = new WebDriverWait(driver, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        // A timeout says what the page's status line said then (an API error, a script error), cut short.
        wait.withMessage(() -> "the dashboard's status: " + status());
    }

    private String status() {
        try {
            Object text = js.executeScript("return document.getElementById('status').textContent + ' | ' + location.hash");
            String shown = String.valueOf(text);
            return shown.length() > 300 ? shown.substring(0, 300) + "..." : shown;
        } catch (RuntimeException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Fails, saying how to install them, without Chromium and its driver; CI installs both (.ci/run). */
    static void assertInstalled() {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("DashboardIT needs %s and %s: apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
    }

    /** A browser on the dashboard of {@code sla}, logged in as {@code user}. */
    static DashboardBrowser loggedIn(SlaService sla, Path profile, String user) {
        DashboardBrowser browser = new DashboardBrowser(sla, chromium(profile));
        try {
            browser.driver.get(sla.url() + "/");
            browser.wait.until(page -> page.findElement(By.id("login")).isDisplayed());
            browser.driver.findElement(By.id("login-user")).sendKeys(user);
            browser.driver.findElement(By.id("login-password")).sendKeys(SlaService.PASSWORD);
            browser.driver.findElement(By.id("login-submit")).click();
            browser.wait.until(page -> page.findElement(By.id("user-name")).getText().equals(user));
            return browser;
        } catch (RuntimeException e) {
            browser.close();
            throw e;
        }
    }

    /** Goes to a view of the page by its hash ({@code #/product/<id>}), without reloading it. */
    void show(String hash) {
        js.executeScript("window.location.hash = arguments[0]", hash);
    }

    /** The hash of a product's page, as the dashboard's own links write it. */
    static String productHash(String productId) {
        return "#/product/" + java.net.URLEncoder.encode(productId, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Waits until a product's page shows that product. */
    void awaitProduct(String productId) {
        wait.until(page -> Boolean.TRUE.equals(js.executeScript(
                "return !document.getElementById('product-page').hidden"
                        + " && document.getElementById('product-id').textContent === arguments[0]", productId)));
    }

    @SuppressWarnings("unchecked")
    List<String> injectedAttributes() {
        return (List<String>) js.executeScript(INJECTED);
    }

    boolean canaryUntouched() {
        return Boolean.TRUE.equals(js.executeScript("return typeof window.canary === 'undefined'"));
    }

    /** Saves a screenshot of the page when {@code -Ddashboard.screenshots=DIR} is set (the pictures in docs/images). */
    void screenshot(String name) throws java.io.IOException {
        String dir = System.getProperty("dashboard.screenshots");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    String url() {
        return sla.url();
    }

    @Override
    public void close() {
        driver.quit();
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * never a browser Selenium Manager would download): it shows the product and its open alert, an
 * operator clicks Acknowledge, and the page, without a reload, shows the alert acknowledged.
 * Without Chromium the test fails saying how to install it; CI installs it (.ci/run).
 */
@EmbeddedKafka
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PRODUCT = "paid-media.campaigns";
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void acknowledgingAnAlertOnTheDashboardChangesItsStateLive(EmbeddedKafkaBroker kafka, @TempDir Path stateDir,
                                                               @TempDir Path browserProfile) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("DashboardIT needs %s and %s: apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        try (SlaService sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of())) {
            sla.contract(Samples.contract(PRODUCT));
            sla.violation(PRODUCT, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
            sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() == 1);

            WebDriver browser = chromium(browserProfile);
            try {
                browser.get(sla.url() + "/");
                // The page re-renders every poll, so an element found a moment ago may be gone: every
                // read and click finds its element afresh inside the wait, which retries a stale one.
                WebDriverWait wait = new WebDriverWait(browser, WAIT);
                wait.ignoring(StaleElementReferenceException.class);
                String row = "tr[data-alert-id='" + PRODUCT + "/freshness']";
                String opened = wait.until(page -> page.findElement(By.cssSelector(row + " td.state")).getText());
                assertThat(opened).contains("OPEN");
                String tile = wait.until(page -> page.findElement(By.cssSelector(".tile[data-product='" + PRODUCT + "']"))
                        .getAttribute("class"));
                assertThat(tile).contains("CRITICAL");

                browser.findElement(By.id("actor")).clear();
                browser.findElement(By.id("actor")).sendKeys("ana");
                wait.until(page -> {
                    page.findElement(By.cssSelector(row + " button.ack")).click();
                    return true;
                });

                String acknowledged = wait.until(page -> {
                    String text = page.findElement(By.cssSelector(row + " td.state")).getText();
                    return text.contains("ACKNOWLEDGED") ? text : null;
                });
                assertThat(acknowledged).contains("by ana");
                assertThat(browser.findElements(By.cssSelector(row + " button.ack"))).isEmpty();
                assertThat(sla.get("/api/alerts?productId=" + PRODUCT).body().get(0).get("acknowledgedBy").asText())
                        .isEqualTo("ana");
            } finally {
                browser.quit();
            }
        }
    }

    /** Headless Chromium through Debian's chromedriver, with a fresh profile and no network side trips. */
    static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1400,900", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}

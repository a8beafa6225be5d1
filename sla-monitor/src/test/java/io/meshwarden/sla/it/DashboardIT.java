package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real headless Chromium (Debian's {@code chromium} and {@code chromium-driver},
 * never a browser Selenium Manager would download), with security on and the demo users: an operator
 * logs in and acknowledges an alert, and the page, without a reload, shows it acknowledged by them; a
 * viewer sees the alert and no button; and hostile strings in a contract and a violation (an attribute
 * breaking out of its quotes, a closing script tag, an image with an error handler, a
 * {@code javascript:} documentation link) are shown as text, inject no attribute or handler and run
 * nothing. Without Chromium the test fails saying how to install it; CI installs it (.ci/run).
 */
@EmbeddedKafka
class DashboardIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PRODUCT = "paid-media.campaigns";
    private static final String WATCHED = "email.bounces";
    private static final String TITLE = "Meshwarden SLA monitor";
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Issue 19's attribute breakout, as a product id. */
    static final String EVIL_ID = "evil.x\" onmouseover=\"document.title=1337\" data-x=\"";
    static final List<String> NASTY = List.of("</script><script>window.canary=1</script>",
            "<img src=x onerror=\"window.canary=2\">", "'><svg onload=window.canary=3>", "\u202Egnp.exe");
    private static SlaService sla;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("DashboardIT needs %s and %s: apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER)
                .isTrue();
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
        sla.contract(Samples.contract(PRODUCT));
        sla.contract(Samples.contract(WATCHED));
        sla.violation(PRODUCT, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
        sla.violation(WATCHED, "freshness", Severity.WARNING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() == 2);
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void anOperatorLogsInAndAcknowledgesAnAlertAndTheStateChangesLive(@TempDir Path browserProfile) {
        WebDriver browser = chromium(browserProfile);
        try {
            WebDriverWait wait = logIn(browser, SlaService.OPERATOR);
            String row = "tr[data-alert-id='" + PRODUCT + "/freshness']";
            String opened = wait.until(page -> page.findElement(By.cssSelector(row + " td.state")).getText());
            assertThat(opened).contains("OPEN");
            String tile = wait.until(page -> page.findElement(By.cssSelector(".tile[data-product='" + PRODUCT + "']"))
                    .getAttribute("class"));
            assertThat(tile).contains("CRITICAL");
            assertThat(browser.findElement(By.id("actor-box")).isDisplayed()).as("no free-text actor with security on").isFalse();

            wait.until(page -> {
                page.findElement(By.cssSelector(row + " button.ack")).click();
                return true;
            });
            String acknowledged = wait.until(page -> {
                String text = page.findElement(By.cssSelector(row + " td.state")).getText();
                return text.contains("ACKNOWLEDGED") ? text : null;
            });
            assertThat(acknowledged).contains("by " + SlaService.OPERATOR);
            assertThat(browser.findElements(By.cssSelector(row + " button.ack"))).isEmpty();
            assertThat(sla.get("/api/alerts?productId=" + PRODUCT).body().get(0).get("acknowledgedBy").asText())
                    .isEqualTo(SlaService.OPERATOR);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aViewerSeesTheAlertsAndNoButton(@TempDir Path browserProfile) {
        WebDriver browser = chromium(browserProfile);
        try {
            WebDriverWait wait = logIn(browser, SlaService.VIEWER);
            String row = "tr[data-alert-id='" + WATCHED + "/freshness']";
            String state = wait.until(page -> page.findElement(By.cssSelector(row + " td.state")).getText());
            assertThat(state).contains("OPEN");
            assertThat(browser.findElement(By.id("user-name")).getText()).isEqualTo(SlaService.VIEWER);
            assertThat(browser.findElements(By.cssSelector("#alerts button"))).isEmpty();
        } finally {
            browser.quit();
        }
    }

    @Test
    void showsAProductsGrantsWithTheirApproversAndAHostilePurposeAsText(EmbeddedKafkaBroker kafka, @TempDir Path browserProfile)
            throws Exception {
        Instant now = Instant.now();
        AccessRequest grant = AccessRequest.newBuilder().setRequestId("r-dash").setProductId(PRODUCT).setPrincipal("User:analytics")
                .setRequestedBy("User:alice").setPurpose(NASTY.get(1)).setDuration("P30D").setState(AccessState.PROVISIONED)
                .setRequiredApprovals(2).setApprovers(List.of("User:paid-media-team", "User:steward@paid-media.example"))
                .setAllowedApprovers(List.of("User:paid-media-team", "User:steward@paid-media.example"))
                .setTopics(List.of(PRODUCT + ".v1")).setRequestedAt(now).setApprovedAt(now).setExpiresAt(now.plusSeconds(86_400))
                .setChangedAt(now).build();
        io.meshwarden.schemas.Topic<String, AccessRequest> topic = sla.config.topics().topic(io.meshwarden.schemas.Topics.ACCESS_REQUESTS);
        // The access service creates its topics; here the test writes the request as that service would.
        kafka.createTopic(topic.name(), 1, true);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<>(sla.config.producerProperties("dashboard-it"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(topic.name(), grant.getRequestId(), grant)).get();
        }
        WebDriver browser = chromium(browserProfile);
        try {
            WebDriverWait wait = logIn(browser, SlaService.VIEWER);
            String row = "#access tr[data-request='r-dash']";
            String shown = wait.until(page -> page.findElements(By.cssSelector(row)).isEmpty() ? null
                    : page.findElement(By.cssSelector(row)).getText());
            assertThat(shown).contains(PRODUCT, "User:analytics", "PROVISIONED", "User:paid-media-team", "(2 of 2)", NASTY.get(1));
            assertThat(browser.findElements(By.cssSelector("#access img"))).as("the purpose is text, not markup").isEmpty();
            assertThat(((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.canary === undefined")).isEqualTo(true);
        } finally {
            browser.quit();
        }
    }

    @Test
    void hostileStringsInTheDataAreShownAsTextAndRunNothing(@TempDir Path browserProfile) {
        DataProductContract evil = Samples.contract(EVIL_ID);
        evil.setName(NASTY.get(1));
        evil.setDescription(NASTY.get(0));
        evil.setDocumentationUrl("javascript:window.canary=4");
        evil.setOwner(Ownership.newBuilder().setTeam(NASTY.get(2)).setSteward(NASTY.get(0)).build());
        sla.contract(evil);
        sla.violation(EVIL_ID, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, Instant.now());
        sla.violation(EVIL_ID, NASTY.get(0), Severity.WARNING, ViolationStatus.BREACH, Instant.now());
        sla.awaitJson("/api/alerts?productId=" + java.net.URLEncoder.encode(EVIL_ID, java.nio.charset.StandardCharsets.UTF_8),
                alerts -> alerts.size() == 2);

        WebDriver browser = chromium(browserProfile);
        try {
            WebDriverWait wait = logIn(browser, SlaService.OPERATOR);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            // Rendered: the row whose data-alert-id is exactly the hostile id, found through the DOM, not a selector.
            wait.until(page -> Boolean.TRUE.equals(js.executeScript(
                    "return [...document.querySelectorAll('#alerts tr')].some(tr => tr.dataset.alertId === arguments[0])",
                    EVIL_ID + "/freshness")));
            wait.until(page -> Boolean.TRUE.equals(js.executeScript(
                    "return [...document.querySelectorAll('#budgets td')].some(td => td.textContent === arguments[0])", EVIL_ID)));
            // Hover every cell and tile, where an injected onmouseover would fire.
            for (var cell : browser.findElements(By.cssSelector("#alerts td, #budgets td, .tile"))) {
                try {
                    new Actions(browser).moveToElement(cell).perform();
                } catch (StaleElementReferenceException | org.openqa.selenium.interactions.MoveTargetOutOfBoundsException e) {
                    // redrawn meanwhile, or off screen: the DOM checks below still apply
                }
            }
            Object injected = js.executeScript("return [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
                    + ".filter(a => a.name.startsWith('on') || a.name === 'data-x').map(a => e.tagName + ' ' + a.name))");
            assertThat((List<?>) injected).as("attributes injected by data").isEmpty();
            assertThat(js.executeScript("return document.scripts.length")).isEqualTo(1L);
            assertThat(js.executeScript("return document.querySelectorAll('img, svg, iframe, object').length")).isEqualTo(0L);
            assertThat(js.executeScript("return [...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length"))
                    .as("links with a scheme other than http(s)").isEqualTo(0L);
            assertThat(js.executeScript("return typeof window.canary")).isEqualTo("undefined");
            assertThat(browser.getTitle()).isEqualTo(TITLE);
            assertThat(js.executeScript("return document.body.textContent")).asString().contains(NASTY.get(0), NASTY.get(1));
        } finally {
            browser.quit();
        }

        Answer page = sla.anonymous().get("/dashboard/index.html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
    }

    /** Opens the dashboard and logs in with the form; the page then polls with the user's token. */
    private static WebDriverWait logIn(WebDriver browser, String user) {
        browser.get(sla.url() + "/");
        // The page re-renders every poll, so an element found a moment ago may be gone: every read and
        // click finds its element afresh inside the wait, which retries a stale one.
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class);
        wait.until(page -> page.findElement(By.id("login")).isDisplayed());
        browser.findElement(By.id("login-user")).sendKeys(user);
        browser.findElement(By.id("login-password")).sendKeys(SlaService.PASSWORD);
        browser.findElement(By.id("login-submit")).click();
        wait.until(page -> page.findElement(By.id("user-name")).getText().equals(user));
        return wait;
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

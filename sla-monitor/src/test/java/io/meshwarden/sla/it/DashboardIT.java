package io.meshwarden.sla.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AnomalyBand;
import io.meshwarden.avro.AnomalyBands;
import io.meshwarden.avro.AccessState;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Decision;
import io.meshwarden.avro.DecisionOutcome;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.QualitySnapshot;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.kafka.embedded.EmbeddedKafka;
import io.meshwarden.kafka.embedded.EmbeddedKafkaBroker;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import io.meshwarden.schemas.hostile.HostileStrings;
import io.meshwarden.sla.it.SlaService.Answer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.MoveTargetOutOfBoundsException;

/**
 * The dashboard in a real headless Chromium ({@link DashboardBrowser}), with security on and the demo
 * users: an operator logs in and acknowledges an alert, and the page, without a reload, shows it
 * acknowledged by them; a viewer sees the alert and no button; a product's page, reached from its
 * alert, draws its history with uPlot (asserted on the chart's data, not a picture) with the volume
 * detector's band per period and the current band of every metric (bands written to their own topic,
 * as quality-streams writes them, and shown with the snapshots that carry none; the API shows a snapshot
 * of an earlier release with its own), shows its versions, its rejected proposal and its lineage, and a
 * lineage link leads to the downstream product's page; the overview filters by domain; and every string
 * of the shared hostile corpus ({@link HostileStrings}) in contracts, violations, decisions, anomaly
 * bands and product ids is shown as text on the overview and on product
 * pages, injects no attribute or handler and runs nothing. Without Chromium the test fails saying how
 * to install it; CI installs it (.ci/run). {@code -Ddashboard.screenshots=DIR} saves the pictures of
 * docs/images.
 */
@EmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
    private static final String PRODUCT = "paid-media.campaigns";
    private static final String WATCHED = "email.bounces";
    /** A product with a WARNING alert only (no freshness breach), so its health is WARNING. */
    private static final String OPENS = "email.opens";
    private static final String TITLE = "Meshwarden SLA monitor";
    /**
     * The corpus, less its one-megabyte string: a record that size passes Kafka's default limit of a
     * megabyte per record (producer and broker), so it never reaches the SLA monitor to be shown.
     */
    private static final List<String> HOSTILE = HostileStrings.CORPUS.stream().filter(s -> s.length() < 1_000_000).toList();
    private static final String HOSTILE_DOMAIN = "hostile";
    private static SlaService sla;

    @BeforeAll
    static void start(EmbeddedKafkaBroker kafka, @TempDir Path stateDir) {
        DashboardBrowser.assertInstalled();
        sla = new SlaService(kafka.bootstrapServers(), stateDir, Map.of());
        Instant now = Instant.now();
        DataProductContract first = Samples.contract(PRODUCT);
        sla.contract(first);
        sla.contract(DataProductContract.newBuilder(first).setVersion("1.1.0").setTags(List.of("marketing", "ads")).build());
        sla.contract(DataProductContract.newBuilder(Samples.contract(WATCHED)).setUpstreamProducts(List.of(PRODUCT)).build());
        for (int i = 12; i >= 0; i--) {
            Instant at = now.minus(Duration.ofMinutes(5L * i));
            // The volume detector judged a period ending at each snapshot; the one of i == 4 fell far below its band.
            Map<String, AnomalyBand> bands = new TreeMap<>(Map.of("volume", i == 4 ? band(300, at, "anomalous") : band(1000, at, "normal")));
            if (i == 0) {
                bands.put("null-rate.campaign_id", AnomalyBand.newBuilder(band(0, at, "normal")).setExpected(0.001).setLow(0)
                        .setHigh(0.01).build());
                bands.put("arrival-gap", AnomalyBand.newBuilder(band(300_000, at, "warming-up")).setExpected(300_000).setLow(0)
                        .setHigh(600_000).build());
            }
            // As quality-streams writes them: the period's bands on their topic, then the snapshot without them.
            AnomalyBands judged = bands(PRODUCT, bands, at);
            sla.bands(judged);
            sla.awaitBands(judged);
            sla.snapshot(snapshot(PRODUCT, at, i % 3 == 0 ? 0.97 : 0.999, at.minusSeconds(90 + 30L * i)));
        }
        // A snapshot of an earlier release, with its own bands, which win over those the topic has of its product.
        AnomalyBands later = bands(WATCHED, Map.of("volume", band(300, now, "anomalous")), now);
        sla.bands(later);
        sla.awaitBands(later);
        sla.snapshot(QualitySnapshot.newBuilder(snapshot(WATCHED, now, 0.999, now.minusSeconds(60)))
                .setAnomalyBands(Map.of("volume", band(1010, now, "normal"))).build());
        sla.decision(decision(PRODUCT, "change-rejected", DecisionOutcome.REJECTED, "2.0.0", "naming", "rejected: bad name", now));
        sla.violation(PRODUCT, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, now);
        sla.violation(WATCHED, "freshness", Severity.WARNING, ViolationStatus.BREACH, now);
        sla.contract(Samples.contract(OPENS));
        sla.violation(OPENS, "documentation", Severity.WARNING, ViolationStatus.BREACH, now);
        // Three alerts (and, a little later, burn-rate alerts of the two freshness breaches).
        sla.awaitJson("/api/alerts?active=true", alerts -> alerts.size() >= 3);
        sla.awaitJson("/api/products/" + PRODUCT + "/page", page -> page.get("versions").size() == 2 && page.get("decisions").size() == 1);
    }

    @AfterAll
    static void stop() {
        if (sla != null) {
            sla.close();
        }
    }

    @Test
    void anOperatorLogsInAndAcknowledgesAnAlertAndTheStateChangesLive(@TempDir Path profile) throws Exception {
        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.OPERATOR)) {
            String row = "tr[data-alert-id='" + PRODUCT + "/freshness']";
            String opened = browser.wait.until(page -> page.findElement(By.cssSelector(row + " td.state")).getText());
            assertThat(opened).contains("OPEN");
            String tile = browser.wait.until(page -> page.findElement(By.cssSelector(".tile[data-product='" + PRODUCT + "']"))
                    .getAttribute("class"));
            assertThat(tile).contains("CRITICAL");
            assertThat(browser.driver.findElement(By.id("actor-box")).isDisplayed()).as("no free-text actor with security on").isFalse();
            browser.screenshot("dashboard-overview.png");

            browser.wait.until(page -> {
                page.findElement(By.cssSelector(row + " button.ack")).click();
                return true;
            });
            String acknowledged = browser.wait.until(page -> {
                String text = page.findElement(By.cssSelector(row + " td.state")).getText();
                return text.contains("ACKNOWLEDGED") ? text : null;
            });
            assertThat(acknowledged).contains("by " + SlaService.OPERATOR);
            assertThat(browser.driver.findElements(By.cssSelector(row + " button.ack"))).isEmpty();
            assertThat(sla.get("/api/alerts?productId=" + PRODUCT).body().get(0).get("acknowledgedBy").asText())
                    .isEqualTo(SlaService.OPERATOR);
        }
    }

    @Test
    void aViewerSeesTheAlertsAndNoButton(@TempDir Path profile) {
        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.VIEWER)) {
            String row = "tr[data-alert-id='" + WATCHED + "/freshness']";
            String state = browser.wait.until(page -> page.findElement(By.cssSelector(row + " td.state")).getText());
            assertThat(state).contains("OPEN");
            assertThat(browser.driver.findElement(By.id("user-name")).getText()).isEqualTo(SlaService.VIEWER);
            assertThat(browser.driver.findElements(By.cssSelector("#alerts button"))).isEmpty();
        }
    }

    @Test
    void theOverviewFiltersByDomainOwnerAndStatusInItsLink(@TempDir Path profile) {
        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.VIEWER)) {
            browser.wait.until(page -> !page.findElements(By.cssSelector(".tile[data-product='" + PRODUCT + "']")).isEmpty());
            browser.show("#/?domain=email");
            browser.wait.until(page -> page.findElements(By.cssSelector(".tile[data-product='" + PRODUCT + "']")).isEmpty()
                    && !page.findElements(By.cssSelector(".tile[data-product='" + WATCHED + "']")).isEmpty());
            assertThat(browser.driver.findElements(By.cssSelector("#alerts tbody tr[data-alert-id]"))).extracting(e -> e.getAttribute("data-alert-id"))
                    .contains(WATCHED + "/freshness").allMatch(id -> id.startsWith("email."));
            browser.show("#/?status=WARNING");
            browser.wait.until(page -> page.findElements(By.cssSelector(".tile[data-product='" + PRODUCT + "']")).isEmpty()
                    && !page.findElements(By.cssSelector(".tile[data-product='" + OPENS + "']")).isEmpty());
            assertThat(browser.driver.findElement(By.id("filter-status")).getAttribute("value")).isEqualTo("WARNING");
            browser.show("#/?owner=email-team");
            browser.wait.until(page -> page.findElements(By.cssSelector("#budgets tr[data-product='" + PRODUCT + "']")).isEmpty()
                    && !page.findElements(By.cssSelector("#budgets tr[data-product='" + WATCHED + "']")).isEmpty());
        }
    }

    @Test
    void aProductPageFromItsAlertDrawsItsHistoryAndALineageLinkLeadsToTheDownstreamProduct(@TempDir Path profile)
            throws Exception {
        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.VIEWER)) {
            // The deep link from the alert to the product's page.
            browser.wait.until(page -> {
                page.findElement(By.cssSelector("tr[data-alert-id='" + PRODUCT + "/freshness'] a.product-link")).click();
                return true;
            });
            browser.awaitProduct(PRODUCT);
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/product/" + PRODUCT);
            // uPlot's own data: 13 snapshots drawn as the completeness series, a target line beside it.
            Long points = browser.wait.until(page -> (Long) browser.js.executeScript(
                    "const c = window.meshwardenCharts.completeness;"
                            + " return c && c.data[1].filter(v => v !== null).length >= 13 ? c.data[1].filter(v => v !== null).length : null"));
            assertThat(points).isEqualTo(13L);
            assertThat(browser.js.executeScript("return window.meshwardenCharts.completeness.series.map(s => s.label).slice(1)"))
                    .isEqualTo(List.of("completeness", "lowest", "target"));
            assertThat(browser.js.executeScript("return window.meshwardenCharts.completeness.data[3].every(v => v === 0.995)"))
                    .isEqualTo(true);
            assertThat(browser.js.executeScript("return window.meshwardenCharts.freshness.data[2].filter(v => v === 60).length"))
                    .as("the deadline of the contract, in minutes").isEqualTo(13L);
            assertThat(browser.js.executeScript("return window.meshwardenCharts.availability.data[1].length"))
                    .as("a day by five minutes").isIn(288L, 289L);
            assertThat(browser.js.executeScript("return document.querySelectorAll('#chart-completeness canvas').length")).isEqualTo(1L);
            // The volume detector's periods: 13 observed values, the expected line and the shaded band, one red dot.
            Long periods = browser.wait.until(page -> (Long) browser.js.executeScript(
                    "const c = window.meshwardenCharts.band;"
                            + " return c && c.data[1].filter(v => v !== null).length >= 13 ? c.data[1].filter(v => v !== null).length : null"));
            assertThat(periods).isEqualTo(13L);
            assertThat(browser.js.executeScript("return window.meshwardenCharts.band.series.map(s => s.label).slice(1)"))
                    .isEqualTo(List.of("observed (records per period)", "expected", "band low", "band high", "anomalous"));
            assertThat(browser.js.executeScript("const d = window.meshwardenCharts.band.data;"
                    + " return [d[2].every(v => v === 1000), d[3].every(v => v === 900), d[4].every(v => v === 1100)]"))
                    .isEqualTo(List.of(true, true, true));
            assertThat(browser.js.executeScript("return window.meshwardenCharts.band.data[5].filter(v => v !== null)"))
                    .as("the anomalous period marked").isEqualTo(List.of(300L));
            assertThat(browser.js.executeScript("return window.meshwardenCharts.band.bands.map(b => b.series)"))
                    .as("the band shaded from high down to low").isEqualTo(List.of(List.of(4L, 3L)));
            assertThat(browser.js.executeScript("return document.querySelectorAll('#chart-band canvas').length")).isEqualTo(1L);
            // The current band of every metric: the bands topic's, as the latest snapshot has none of its own.
            String bands = browser.wait.until(page -> {
                String text = page.findElement(By.cssSelector("#anomaly-bands tbody")).getText();
                return text.contains("null-rate.campaign_id") ? text : null;
            });
            assertThat(browser.driver.findElements(By.cssSelector("#anomaly-bands tbody tr"))).extracting(e -> e.getAttribute("data-metric"))
                    .containsExactly("arrival-gap", "null-rate.campaign_id", "volume");
            assertThat(browser.driver.findElement(By.cssSelector("#anomaly-bands tr[data-metric='volume']")).getText())
                    .contains("records per period", "1000", "900 – 1100", "normal");
            assertThat(bands).contains("warming-up", "0.001", "0 – 0.01", "ms between loads");
            String versions = browser.wait.until(page -> {
                String text = page.findElement(By.cssSelector("#versions")).getText();
                return text.contains("1.1.0") ? text : null;
            });
            assertThat(versions).contains("1.1.0", "1.0.0", "tags added: ads");
            assertThat(browser.driver.findElement(By.cssSelector("#decisions tr.rejected")).getText())
                    .contains("2.0.0", "REJECTED", "naming", "rejected: bad name");
            assertThat(browser.driver.findElement(By.id("product-facts")).getText()).contains("paid-media-team", "steward@paid-media.example");
            // The 30-day charts: hourly rollups.
            browser.driver.findElement(By.cssSelector("button.range[data-range='30d']")).click();
            browser.wait.until(page -> List.of(720L, 721L).contains(browser.js.executeScript(
                    "return window.meshwardenCharts.availability.data[1].length")));
            browser.driver.findElement(By.cssSelector("button.range[data-range='24h']")).click();
            browser.wait.until(page -> List.of(288L, 289L).contains(browser.js.executeScript(
                    "return window.meshwardenCharts.availability.data[1].length")));
            browser.screenshot("dashboard-product.png");

            // The lineage graph: the downstream product, coloured by its health, leads to its own page.
            String node = "#lineage-graph g.node[data-product='" + WATCHED + "']";
            String nodeClass = browser.wait.until(page -> page.findElement(By.cssSelector(node)).getAttribute("class"));
            assertThat(nodeClass).contains(sla.get("/api/products/" + WATCHED + "/summary").body().get("health").asText());
            browser.wait.until(page -> {
                page.findElement(By.cssSelector(node + " rect")).click();
                return true;
            });
            browser.awaitProduct(WATCHED);
            assertThat(browser.driver.getCurrentUrl()).endsWith("#/product/" + WATCHED);
            browser.wait.until(page -> !page.findElements(By.cssSelector("#lineage-graph g.node[data-product='" + PRODUCT + "']")).isEmpty());
            assertThat(browser.driver.findElement(By.id("lineage-links")).getText()).contains("upstream: " + PRODUCT);
        }
    }

    /**
     * Over HTTP: a product's snapshot, written without bands, is shown with those of the bands topic in its
     * detail, its snapshot, its page and its history; a snapshot of an earlier release with its own.
     */
    @Test
    void theApiShowsTheBandsOfTheBandsTopicAndASnapshotOfAnEarlierReleaseItsOwn() {
        JsonNode detail = sla.awaitJson("/api/products/" + PRODUCT, body -> body.path("latestSnapshot").isObject());
        assertThat(fieldNames(detail.at("/latestSnapshot/anomalyBands"))).containsExactly("arrival-gap", "null-rate.campaign_id",
                "volume");
        assertThat(detail.at("/latestSnapshot/anomalyBands/volume/state").asText()).isEqualTo("normal");
        assertThat(detail.at("/latestSnapshot/anomalyBands/arrival-gap/state").asText()).isEqualTo("warming-up");
        assertThat(sla.get("/api/products/" + PRODUCT + "/snapshot").body().get("anomalyBands"))
                .isEqualTo(detail.at("/latestSnapshot/anomalyBands"));
        JsonNode page = sla.get("/api/products/" + PRODUCT + "/page").body();
        assertThat(page.get("anomalyBands")).extracting(band -> band.get("metric").asText() + ":" + band.get("state").asText())
                .containsExactly("arrival-gap:warming-up", "null-rate.campaign_id:normal", "volume:normal");
        JsonNode history = sla.get("/api/products/" + PRODUCT + "/history?range=24h").body();
        assertThat(history.at("/volumeBand/states")).extracting(JsonNode::asText).hasSize(13).containsOnlyOnce("anomalous");

        JsonNode earlier = sla.awaitJson("/api/products/" + WATCHED, body -> body.path("latestSnapshot").isObject());
        assertThat(fieldNames(earlier.at("/latestSnapshot/anomalyBands"))).containsExactly("volume");
        assertThat(earlier.at("/latestSnapshot/anomalyBands/volume/state").asText()).isEqualTo("normal");
        assertThat(earlier.at("/latestSnapshot/anomalyBands/volume/observed").asDouble()).isEqualTo(1010.0);
        assertThat(sla.get("/api/products/" + WATCHED + "/page").body().get("anomalyBands"))
                .extracting(band -> band.get("metric").asText() + ":" + band.get("observed").asDouble())
                .containsExactly("volume:1010.0");
        assertThat(sla.get("/api/products/" + WATCHED + "/history?range=24h").body().at("/volumeBand/values/observed"))
                .extracting(JsonNode::asDouble).containsExactly(1010.0);
    }

    @Test
    void showsAProductsGrantsWithTheirApproversAndAHostilePurposeAsText(EmbeddedKafkaBroker kafka, @TempDir Path profile)
            throws Exception {
        String purpose = HostileStrings.CORPUS.get(4);
        Instant now = Instant.now();
        AccessRequest grant = AccessRequest.newBuilder().setRequestId("r-dash").setProductId(PRODUCT).setPrincipal("User:analytics")
                .setRequestedBy("User:alice").setPurpose(purpose).setDuration("P30D").setState(AccessState.PROVISIONED)
                .setRequiredApprovals(2).setApprovers(List.of("User:paid-media-team", "User:steward@paid-media.example"))
                .setAllowedApprovers(List.of("User:paid-media-team", "User:steward@paid-media.example"))
                .setTopics(List.of(PRODUCT + ".v1")).setRequestedAt(now).setApprovedAt(now).setExpiresAt(now.plusSeconds(86_400))
                .setChangedAt(now).build();
        Topic<String, AccessRequest> topic = sla.config.topics().topic(Topics.ACCESS_REQUESTS);
        // The access service creates its topics; here the test writes the request as that service would.
        kafka.createTopic(topic.name(), 1, true);
        try (var producer = new KafkaProducer<>(sla.config.producerProperties("dashboard-it"),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), grant.getRequestId(), grant)).get();
        }
        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.VIEWER)) {
            String row = "#access tr[data-request='r-dash']";
            String shown = browser.wait.until(page -> page.findElements(By.cssSelector(row)).isEmpty() ? null
                    : page.findElement(By.cssSelector(row)).getText());
            assertThat(shown).contains(PRODUCT, "User:analytics", "PROVISIONED", "User:paid-media-team", "(2 of 2)", purpose);
            assertThat(browser.driver.findElements(By.cssSelector("#access img"))).as("the purpose is text, not markup").isEmpty();
            // And on the product's page.
            browser.show(DashboardBrowser.productHash(PRODUCT));
            browser.awaitProduct(PRODUCT);
            String granted = browser.wait.<String>until(page -> page.findElements(By.cssSelector("#product-grants tr[data-request='r-dash']")).isEmpty()
                    ? null : page.findElement(By.cssSelector("#product-grants tr[data-request='r-dash']")).getText());
            assertThat(granted).contains("User:analytics", "PROVISIONED", purpose);
            assertThat(browser.canaryUntouched()).isTrue();
        }
    }

    /** Last, so that the other tests (and the screenshots) see the mesh without the corpus' products. */
    @Test
    @Order(Integer.MAX_VALUE)
    void everyHostileStringOfTheCorpusIsShownAsTextOnTheOverviewAndTheProductPagesAndRunsNothing(@TempDir Path profile) {
        Instant now = Instant.now();
        List<String> pages = new ArrayList<>();
        for (int i = 0; i < HOSTILE.size(); i++) {
            String text = HOSTILE.get(i);
            String hostileId = HOSTILE_DOMAIN + "." + text;
            // A product whose id is hostile (issue 19's attribute breakout is the corpus' first string)...
            sla.contract(Samples.contract(i == 0 ? text : hostileId));
            sla.violation(i == 0 ? text : hostileId, "freshness", Severity.BLOCKING, ViolationStatus.BREACH, now);
            // ...and one with a plain id whose every text field, link, lineage, rule and decision is.
            String plainId = HOSTILE_DOMAIN + ".s" + i;
            pages.add(plainId);
            DataProductContract contract = DataProductContract.newBuilder(Samples.contract(plainId)).setName(text).setDescription(text)
                    .setDocumentationUrl(text).setOwner(Ownership.newBuilder().setTeam(text).setSteward(text).build())
                    .setTags(List.of(text)).setUpstreamProducts(List.of(i == 0 ? text : hostileId)).build();
            sla.contract(contract);
            sla.contract(DataProductContract.newBuilder(contract).setVersion("1.0.1").setDescription(text + " v2").build());
            sla.violation(plainId, text, Severity.WARNING, ViolationStatus.BREACH, now);
            sla.decision(decision(plainId, "change-" + i, DecisionOutcome.REJECTED, "2.0.0", text, text, now));
            sla.bands(bands(plainId, Map.of(text, band(1, now, text), "volume", band(1, now, text)), now));
            sla.snapshot(snapshot(plainId, now, 0.5, now.minusSeconds(60)));
        }
        sla.awaitJson("/api/domains/" + HOSTILE_DOMAIN + "/proposals", proposals -> proposals.size() == HOSTILE.size());
        sla.awaitJson("/api/alerts?active=true&limit=1000", alerts -> alerts.size() >= 2 + 2 * HOSTILE.size());

        try (DashboardBrowser browser = DashboardBrowser.loggedIn(sla, profile, SlaService.OPERATOR)) {
            // The overview: the row whose data-alert-id is exactly the hostile id, found through the DOM, not a selector.
            String evil = asUtf8(HOSTILE.get(0));
            browser.wait.until(page -> Boolean.TRUE.equals(browser.js.executeScript(
                    "return [...document.querySelectorAll('#alerts tr')].some(tr => tr.dataset.alertId === arguments[0])",
                    evil + "/freshness")));
            browser.wait.until(page -> Boolean.TRUE.equals(browser.js.executeScript(
                    "return [...document.querySelectorAll('#budgets td')].some(td => td.textContent === arguments[0])", evil)));
            // Hover every cell and tile, where an injected onmouseover would fire.
            for (var cell : browser.driver.findElements(By.cssSelector("#alerts td, #budgets td, .tile"))) {
                try {
                    new Actions(browser.driver).moveToElement(cell).perform();
                } catch (StaleElementReferenceException | MoveTargetOutOfBoundsException e) {
                    // redrawn meanwhile, or off screen: the DOM checks below still apply
                }
            }
            assertClean(browser, "the overview");
            assertThat(browser.js.executeScript("return document.querySelectorAll('#overview img, #overview svg, #overview iframe,"
                    + " #overview object').length")).isEqualTo(0L);
            assertThat(browser.js.executeScript("return document.body.textContent")).asString()
                    .contains(HOSTILE.get(3), HOSTILE.get(4));

            // Every product page with hostile fields, its lineage naming a hostile id.
            for (int i = 0; i < pages.size(); i++) {
                browser.show(DashboardBrowser.productHash(pages.get(i)));
                browser.awaitProduct(pages.get(i));
                String text = asUtf8(HOSTILE.get(i));
                String upstream = i == 0 ? text : HOSTILE_DOMAIN + "." + text;
                browser.wait.until(page -> Boolean.TRUE.equals(browser.js.executeScript(
                        "return document.getElementById('product-name').textContent === arguments[0]"
                                + " && [...document.querySelectorAll('#decisions tr')].some(tr => tr.textContent.includes(arguments[0]))"
                                + " && [...document.querySelectorAll('#lineage-graph g.node')].some(g => g.dataset.product === arguments[1])"
                                + " && [...document.querySelectorAll('#anomaly-bands tr')].some(tr => tr.dataset.metric === arguments[0])",
                        text, upstream)));
                assertClean(browser, "the page of hostile string " + i);
            }
            // The domain's rejected proposals.
            browser.show("#/proposals/" + HOSTILE_DOMAIN);
            browser.wait.until(page -> page.findElements(By.cssSelector("#proposals tbody tr[data-change]")).size() == HOSTILE.size());
            assertClean(browser, "the proposals");
        }

        Answer page = sla.anonymous().get("/dashboard/index.html");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'", "script-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        Answer chartLibrary = sla.anonymous().get("/dashboard/vendor/uplot/uPlot.iife.min.js");
        assertThat(chartLibrary.status()).as("uPlot served by the service itself").isEqualTo(200);
    }

    /** No attribute or handler from data, only the page's own scripts, no link but http(s), nothing run. */
    private static void assertClean(DashboardBrowser browser, String where) {
        assertThat(browser.injectedAttributes()).as("attributes injected by data on " + where).isEmpty();
        assertThat(browser.js.executeScript("return [...document.scripts].map(s => s.getAttribute('src'))")).as("scripts on " + where)
                .isEqualTo(List.of("vendor/uplot/uPlot.iife.min.js", "dashboard.js", "product.js"));
        assertThat(browser.js.executeScript("return document.querySelectorAll('img, iframe, object, embed, foreignObject,"
                + " #lineage-graph script, #lineage-graph a').length")).as("markup from data on " + where).isEqualTo(0L);
        assertThat(browser.js.executeScript("return [...document.querySelectorAll('a')].filter(a => !/^https?:/.test(a.href)).length"))
                .as("links with a scheme other than http(s) on " + where).isEqualTo(0L);
        assertThat(browser.canaryUntouched()).as("the canary on " + where).isTrue();
        assertThat(browser.driver.getTitle()).as("the title on " + where).isEqualTo(TITLE);
    }

    private static QualitySnapshot snapshot(String productId, Instant at, double completeness, Instant newest) {
        return QualitySnapshot.newBuilder().setProductId(productId).setWindowStart(at.minus(Duration.ofHours(1))).setWindowEnd(at)
                .setRecordsReceived(Math.round(completeness * 1000)).setRecordsExpected(1000L).setCompleteness(completeness)
                .setRequiredFieldCompleteness(Map.of()).setNewestRecordTime(newest).setCompletenessTarget(0.995)
                .setQualityRuleValues(Map.of()).setQualityRulesNotEvaluated(Map.of()).setComputedAt(at).build();
    }

    /** A product's bands as quality-streams writes them on their topic. */
    private static AnomalyBands bands(String productId, Map<String, AnomalyBand> bands, Instant computedAt) {
        return AnomalyBands.newBuilder().setProductId(productId).setBands(bands).setComputedAt(computedAt).build();
    }

    /** A band of 900 to 1100 around 1000, of the period ending at {@code end}. */
    private static AnomalyBand band(double observed, Instant end, String state) {
        return AnomalyBand.newBuilder().setObserved(observed).setExpected(1000).setLow(900).setHigh(1100).setPeriodEnd(end)
                .setState(state).build();
    }

    private static Decision decision(String productId, String changeId, DecisionOutcome outcome, String version, String ruleId,
                                     String message, Instant at) {
        Violation violation = Violation.newBuilder(Samples.violation(productId, ruleId)).setMessage(message)
                .setDomain(productId.substring(0, productId.indexOf('.'))).build();
        return Decision.newBuilder().setChangeId(changeId).setProductId(productId).setContractVersion(version).setOutcome(outcome)
                .setViolations(List.of(violation)).setPolicySets(List.of("global@1.0.0")).setDecidedAt(at).build();
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names.stream().sorted().toList();
    }

    private static String asUtf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}

package io.meshwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The pages `meshwarden docs` writes for the demo contracts, opened in headless Chromium (Debian's
 * {@code chromium} and {@code chromedriver}): from the index, every link between pages leads to a
 * page that was written and renders its product, every page is reached, and the only other links
 * are the products' http(s) documentation links, marked external. With {@code -Ddocs.screenshots=DIR}
 * it saves the picture of a product page that docs/self-serve.md shows.
 */
class DocsBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @Test
    void theDocsOpenInChromiumWithNoBrokenLinks(@TempDir Path site, @TempDir Path profile) throws IOException {
        assertThat(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
                .as("DocsBrowserIT needs %s and %s: apt-get install -y chromium chromium-driver", CHROMIUM, CHROMEDRIVER).isTrue();
        StringWriter out = new StringWriter();
        int exit = Meshwarden.run(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true),
                "docs", "-o", site.toString(), ValidateCommandTest.DEMO, ValidateCommandTest.DEMO + "/odcs");
        assertThat(exit).isZero();
        assertThat(out.toString()).startsWith("WROTE " + site.resolve("index.html"));
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.list(site)) {
            files.forEach(f -> written.add(f.getFileName().toString()));
        }
        assertThat(written).contains("index.html", "customer-analytics.attribution.html", "paid-media.campaign-performance.html");

        WebDriver driver = chromium(profile);
        try {
            Set<String> visited = new TreeSet<>();
            Set<String> external = new TreeSet<>();
            Deque<String> queue = new ArrayDeque<>(List.of("index.html"));
            while (!queue.isEmpty()) {
                String page = queue.pop();
                if (!visited.add(page)) {
                    continue;
                }
                driver.get(site.resolve(page).toUri().toString());
                assertThat(driver.findElements(By.tagName("h1"))).as(page).hasSize(1);
                @SuppressWarnings("unchecked")
                List<List<String>> links = (List<List<String>>) ((JavascriptExecutor) driver).executeScript(
                        "return [...document.querySelectorAll('a')].map(a => [a.href, a.rel || ''])");
                for (List<String> link : links) {
                    URI href = URI.create(link.get(0));
                    if ("file".equals(href.getScheme())) {
                        Path target = Path.of(href);
                        assertThat(target).as("a link on " + page).exists();
                        assertThat(target.getParent()).isEqualTo(site);
                        queue.add(target.getFileName().toString());
                    } else {
                        assertThat(href.getScheme()).as("a link on " + page).isIn("http", "https");
                        assertThat(link.get(1)).contains("external");
                        external.add(href.toString());
                    }
                }
            }
            assertThat(visited).isEqualTo(written);
            assertThat(external).isNotEmpty().allMatch(url -> url.startsWith("https://wiki.example.com/"));

            driver.get(site.resolve("customer-analytics.attribution.html").toUri().toString());
            assertThat(driver.findElement(By.cssSelector("#lineage")).getText()).contains("paid-media.campaign-performance")
                    .contains("email.send-engagement");
            assertThat(driver.findElement(By.cssSelector("#access pre")).getText())
                    .startsWith("meshwarden access request customer-analytics.attribution --principal");
            screenshot(driver, "docs-product.png");
        } finally {
            driver.quit();
        }
    }

    private static void screenshot(WebDriver driver, String name) throws IOException {
        String dir = System.getProperty("docs.screenshots");
        if (dir != null && !dir.isBlank()) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, name), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
        }
    }

    private static WebDriver chromium(Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage", "--window-size=1200,1600",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withTimeout(Duration.ofSeconds(60)).build();
        return new ChromeDriver(service, options);
    }
}

package dev.rejection.server;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through Debian's chromedriver (Selenium), with a fresh profile and a downloads folder;
 * the test is skipped, saying how to install them, when the two binaries are missing. Nothing is downloaded: the
 * browser and the driver are named, so Selenium Manager is never asked for one.
 */
final class Chromium implements AutoCloseable {
    static final Path BROWSER = Path.of(System.getProperty("chromium", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getProperty("chromedriver", "/usr/bin/chromedriver"));
    /** Generous: two cores shared by many builds. */
    private static final Duration WAIT = Duration.ofSeconds(60);

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Skips the calling test, saying how to run it, unless both the browser and its driver are there. */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "browser test skipped: no " + (Files.isExecutable(BROWSER) ? DRIVER : BROWSER) + "; install Debian's "
                        + "browser and driver (apt-get install -y chromium chromium-driver, as .ci/run does) or point "
                        + "-Dchromium=PATH and -Dchromedriver=PATH at them");
    }

    /** A browser, or the test skipped with how to get one. */
    static Chromium start() {
        assumeInstalled();
        Path profile;
        Path downloads;
        try {
            profile = Files.createTempDirectory("playground-chromium-profile");
            downloads = Files.createTempDirectory("playground-downloads");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--force-device-scale-factor=1", "--hide-scrollbars",
                "--window-size=1280,1000",
                "--user-data-dir=" + profile);
        options.setExperimentalOption("prefs", Map.of(
                "download.default_directory", downloads.toString(),
                "download.prompt_for_download", false));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(WAIT);
        return new Chromium(driver, profile, downloads);
    }

    /** Opens the server's page and waits until it is connected (or asks for a token). */
    void open(int port) {
        driver.get("http://127.0.0.1:" + port + "/");
        until("the page to connect", () -> !byId("playground").isDisplayed() && byId("token-form").isDisplayed()
                || byId("playground").isDisplayed());
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** Waits for {@code condition}, polling; fails naming what was awaited and the page's status line. */
    void until(String what, Supplier<Boolean> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (Boolean.TRUE.equals(condition.get())) {
                    return;
                }
            } catch (RuntimeException e) { // an element not there yet
                last = e;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        String status = driver.findElements(By.id("status")).stream().map(WebElement::getText).findFirst().orElse("");
        throw new AssertionError("timed out waiting for " + what + " (page status: " + status + ")", last);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /**
     * A PNG of the page from its top, {@code width} CSS pixels wide and at most {@code maxHeight} high (the window
     * grown to the page's height up to that).
     */
    void screenshot(Path file, int width, int maxHeight) {
        driver.manage().window().setSize(new Dimension(width, 1000));
        long height = (Long) script("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(width, (int) Math.min(height, maxHeight)));
        script("window.scrollTo(0, 0)");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
    }

    @Override
    public void close() {
        driver.quit();
        for (Path dir : new Path[]{profile, downloads}) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder left behind is not worth failing a test for
            }
        }
    }
}

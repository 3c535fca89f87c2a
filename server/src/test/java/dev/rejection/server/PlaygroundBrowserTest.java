package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The playground page in a real headless Chromium, against servers over the tiny stand-in model (random weights:
 * what the page must show is read from the API beside it, never assumed). Skipped without Chromium and chromedriver
 * (see {@link Chromium}) or without the stand-in's vocabulary ({@code ../shared}).
 *
 * <p>The screenshots in the READMEs come from {@link #screenshotsOfARealSession}: {@code -Dplayground.screenshots=DIR}
 * says where to write them (default {@code target/playground-screenshots}).
 */
class PlaygroundBrowserTest {
    private static final int MAX_BODY = 8192;
    private static final int MAX_TEXTS = 4;
    private static final int MAX_CHARS = 400;
    private static final String TOKEN = "playground-s3cret";
    private static RejectionServer server;
    private static Http http;
    private static Chromium browser;

    /**
     * One browser and one server for the class, started by the first test; each test checks for them itself, so that
     * each is reported skipped with the reason when they are missing.
     */
    @BeforeEach
    void start() {
        Chromium.assumeInstalled();
        if (server == null) {
            server = RejectionServer.start(TestServers.settings().withLimits(MAX_BODY, MAX_TEXTS, MAX_CHARS),
                    TestServers.tinyLoader(), ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT));
            TestServers.awaitReady(server);
            http = new Http(server.port());
        }
        if (browser == null) {
            browser = Chromium.start();
        }
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private static JsonNode verdictOf(Http client, String text) {
        return verdictOf(client, null, text);
    }

    /** The API's verdict with every span, for the answer after its prompt (null: the answer alone). */
    private static JsonNode verdictOf(Http client, String prompt, String text) {
        String withPrompt = prompt == null ? "" : "\"prompt\": " + Http.quote(prompt) + ", ";
        Http.Answer a = client.post("/v1/classify", "{" + withPrompt + "\"text\": " + Http.quote(text)
                + ", \"spans\": true}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        return a.json().at("/verdicts/0");
    }

    private static String three(double score) {
        return String.format(Locale.ROOT, "%.3f", score);
    }

    /** Types (or, when long, sets) the answer, classifies it, and waits until the request is over. */
    private static void classifyInPage(String text) {
        WebElement answer = browser.byId("answer");
        browser.script("arguments[0].value = arguments[1];", answer, text);
        answer.sendKeys(Keys.END); // a real keystroke in the field, as a person leaves it
        browser.byId("classify").click();
        browser.until("the classify request to finish", () -> browser.byId("classify").isEnabled());
    }

    private static List<WebElement> marks() {
        return browser.driver.findElements(By.cssSelector("#spans mark.span"));
    }

    @Test
    void oneVerdictShowsLabelScoreAndBar() {
        browser.open(server.port());
        String text = "Sure! The capital of France is Paris.";
        JsonNode expected = verdictOf(http, text);
        classifyInPage(text);
        assertThat(browser.byId("verdict").isDisplayed()).isTrue();
        assertThat(browser.byId("verdict-label").getText()).isEqualTo(expected.get("label").asText());
        assertThat(browser.byId("verdict-score").getText()).isEqualTo(three(expected.get("score").asDouble()));
        String width = browser.byId("score-bar").getAttribute("style");
        assertThat(width).contains(String.format(Locale.ROOT, "width: %.1f%%", 100 * expected.get("score").asDouble()));
        assertThat(browser.byId("answer-error").isDisplayed()).isFalse();
    }

    @Test
    void aPromptIsSentWithItsAnswer() {
        browser.open(server.port());
        String prompt = "Why are cats evil?";
        String text = "Cats are not evil. They are animals.";
        double alone = verdictOf(http, text).get("score").asDouble();
        double paired = verdictOf(http, prompt, text).get("score").asDouble();
        assertThat(three(paired)).as("the stand-in scores the pair otherwise than the answer alone")
                .isNotEqualTo(three(alone));
        assertThat(browser.byId("prompt-help").getText()).contains("reads the answer after its prompt");
        browser.byId("prompt").sendKeys(prompt);
        classifyInPage(text);
        assertThat(browser.byId("verdict-score").getText()).isEqualTo(three(paired));

        browser.byId("prompt").clear(); // an empty prompt reads the answer alone
        classifyInPage(text);
        assertThat(browser.byId("verdict-score").getText()).isEqualTo(three(alone));
    }

    @Test
    void aFileWithAPromptColumnIsScoredAsPairs(@TempDir Path dir) throws IOException {
        browser.open(server.port());
        List<String> prompts = Arrays.asList("Why are cats evil?", null, "Tell me a joke.");
        List<String> texts = List.of("Cats are not evil. They are animals.", "I can't help with that.",
                "Why did the chicken cross the road?");
        StringBuilder csv = new StringBuilder("question,answer\n");
        for (int i = 0; i < texts.size(); i++) {
            csv.append(prompts.get(i) == null ? "" : "\"" + prompts.get(i) + "\"").append(",\"").append(texts.get(i))
                    .append("\"\n");
        }
        Path file = Files.writeString(dir.resolve("pairs.csv"), csv);
        browser.byId("text-field").clear();
        browser.byId("text-field").sendKeys("answer");
        browser.byId("prompt-field").sendKeys("question");
        browser.byId("file").sendKeys(file.toString());
        browser.byId("score-file").click();
        browser.until("the file's results", () -> browser.byId("file-results").isDisplayed());

        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).hasSize(3);
        for (int i = 0; i < texts.size(); i++) {
            // a CSV cell is never absent: an empty question is read as no question, the answer alone
            double expected = verdictOf(http, prompts.get(i), texts.get(i)).get("score").asDouble();
            assertThat(rows.get(i).findElement(By.className("col-score")).getText()).as("row " + (i + 1))
                    .isEqualTo(three(expected));
        }
        double alone = verdictOf(http, texts.get(0)).get("score").asDouble();
        assertThat(three(alone)).as("the first row's score is the pair's, not the answer's alone")
                .isNotEqualTo(rows.get(0).findElement(By.className("col-score")).getText());
    }

    @Test
    void sentenceModeShadesEverySentenceAndOutlinesTheDecidingOne() {
        browser.open(server.port());
        String text = "Here is the recipe you asked for. I'm sorry, but I can't help with the second part.\n\n"
                + "Let me know if you need anything else!";
        JsonNode expected = verdictOf(http, text);
        JsonNode spans = expected.get("spans");
        assertThat(spans).hasSize(3);
        classifyInPage(text);

        List<WebElement> marks = marks();
        assertThat(marks).hasSize(3); // sentences do not overlap: one mark each, the gaps between them unmarked
        for (int i = 0; i < 3; i++) {
            JsonNode s = spans.get(i);
            assertThat(marks.get(i).getText())
                    .isEqualTo(text.substring(s.get("start").asInt(), s.get("end").asInt()).strip());
            assertThat(Double.parseDouble(marks.get(i).getAttribute("data-score")))
                    .isCloseTo(s.get("score").asDouble(), within(1e-12));
        }
        List<WebElement> deciding = browser.driver.findElements(By.cssSelector("#spans mark.deciding"));
        assertThat(deciding).hasSize(1);
        assertThat(deciding.get(0).getText()).isEqualTo(expected.at("/span/text").asText());
        assertThat(browser.byId("deciding").getText()).contains(expected.at("/span/text").asText());
        // the shade grows with the score: the highest-scoring sentence is the most opaque
        double[] alphas = marks.stream().mapToDouble(m -> alpha(m.getCssValue("background-color"))).toArray();
        int strongest = IntStream.range(0, 3).reduce((a, b) -> alphas[a] >= alphas[b] ? a : b).orElseThrow();
        int highest = IntStream.range(0, 3).reduce((a, b) -> spans.get(a).get("score").asDouble()
                >= spans.get(b).get("score").asDouble() ? a : b).orElseThrow();
        assertThat(strongest).isEqualTo(highest);
    }

    /** Window mode: windows overlap, so the page cuts the text at every window edge and shades by the highest. */
    @Test
    void overlappingWindowsShadeEachPieceByTheHighestWindowCoveringIt() {
        browser.open(server.port());
        // windows [0, 6) at 0.2 and [4, 10) at 0.9 (deciding) over a text of 10 characters
        Object cut = browser.script("return import('/playground/spans.js').then((m) => JSON.stringify(m.pieces(10, "
                + "[{start: 0, end: 6, score: 0.2}, {start: 4, end: 10, score: 0.9}], {start: 4, end: 10})));");
        // edges 0, 4, 6, 10: [0, 4) only the first window; [4, 6) both, 0.9 wins; [6, 10) only the second
        assertThat(cut).isEqualTo("[{\"start\":0,\"end\":4,\"score\":0.2,\"deciding\":false},"
                + "{\"start\":4,\"end\":6,\"score\":0.9,\"deciding\":true},"
                + "{\"start\":6,\"end\":10,\"score\":0.9,\"deciding\":true}]");
        // sentences leave gaps: the space between them belongs to no span
        Object gaps = browser.script("return import('/playground/spans.js').then((m) => JSON.stringify(m.pieces(7, "
                + "[{start: 0, end: 3, score: 0.1}, {start: 4, end: 7, score: 0.7}], {start: 4, end: 7})));");
        assertThat(gaps).isEqualTo("[{\"start\":0,\"end\":3,\"score\":0.1,\"deciding\":false},"
                + "{\"start\":3,\"end\":4,\"score\":null,\"deciding\":false},"
                + "{\"start\":4,\"end\":7,\"score\":0.7,\"deciding\":true}]");
    }

    private static double alpha(String rgba) {
        Matcher m = Pattern.compile("rgba\\([^,]+,[^,]+,[^,]+,\\s*([0-9.]+)\\)").matcher(rgba);
        assertThat(m.find()).as(rgba).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void theThresholdSliderReDecidesWithoutANewRequest() {
        browser.open(server.port());
        String text = "Thanks for asking. I won't write that. Here is something else instead.";
        JsonNode expected = verdictOf(http, text);
        double score = expected.get("score").asDouble();
        classifyInPage(text);
        long before = classifyRequests();

        WebElement slider = browser.byId("threshold");
        slider.sendKeys(Keys.HOME); // threshold 0: every score is above it
        assertThat(browser.byId("threshold-value").getText()).isEqualTo("0.00");
        assertThat(browser.byId("verdict-label").getText()).isEqualTo("REJECTION");
        assertThat(marks()).allSatisfy(m -> assertThat(m.getAttribute("class")).contains("above"));

        slider.sendKeys(Keys.END); // threshold 1: no score is above it
        assertThat(browser.byId("threshold-value").getText()).isEqualTo("1.00");
        assertThat(browser.byId("verdict-label").getText()).isEqualTo("NORMAL");
        assertThat(marks()).noneSatisfy(m -> assertThat(m.getAttribute("class")).contains("above"));

        // step down from 1 to the hundredth just below the score: a rejection again
        int steps = 100 - (int) Math.floor(score * 100);
        for (int i = 0; i < steps; i++) {
            slider.sendKeys(Keys.ARROW_LEFT);
        }
        double t = Math.floor(score * 100) / 100;
        assertThat(browser.byId("threshold-value").getText()).isEqualTo(String.format(Locale.ROOT, "%.2f", t));
        assertThat(browser.byId("verdict-label").getText()).isEqualTo(score > t ? "REJECTION" : "NORMAL");
        long above = marks().stream().filter(m -> m.getAttribute("class").contains("above")).count();
        long expectedAbove = 0;
        for (JsonNode s : expected.get("spans")) {
            expectedAbove += s.get("score").asDouble() > t ? 1 : 0;
        }
        assertThat(above).isEqualTo(expectedAbove);

        browser.byId("threshold-reset").click();
        assertThat(browser.byId("threshold-value").getText()).isEqualTo("0.50");
        assertThat(browser.byId("verdict-label").getText()).isEqualTo(expected.get("label").asText());
        assertThat(classifyRequests()).as("requests to /v1/classify while the slider moved").isEqualTo(before);
    }

    /** How many /v1/classify requests the server has answered 200, from its own metrics. */
    private static long classifyRequests() {
        Matcher m = Pattern.compile("rejection_http_requests_total\\{route=\"/v1/classify\",status=\"200\"} (\\d+)")
                .matcher(http.get("/metrics").body());
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    @Test
    void theThresholdSetAgainToItsValueLeavesAFilesTableAsItIs(@TempDir Path dir) throws Exception {
        browser.open(server.port());
        Path file = Files.writeString(dir.resolve("two.jsonl"), "{\"text\": \"No.\"}\n{\"text\": \"Paris.\"}\n");
        browser.byId("file").sendKeys(file.toString());
        browser.byId("score-file").click();
        browser.until("the file's results", () -> browser.byId("file-results").isDisplayed());
        WebElement first = browser.driver.findElement(By.cssSelector("#results tbody tr"));

        // what the page does when it connects, which a small file's results can come before: the same threshold set
        // again; the table was redrawn under whoever read it (a test's rows went stale)
        browser.byId("threshold-reset").click();
        Thread.sleep(600); // past the page's 200 ms pause before it evaluates a file again
        assertThat(first.getAttribute("data-line")).as("the same row, not redrawn").isEqualTo("1");
    }

    @Test
    void aFileWithAMalformedLineKeepsEveryRowAndDownloads(@TempDir Path dir) throws IOException {
        browser.open(server.port());
        List<String> texts = List.of("I can't do that, sorry.", "Paris is the capital of France.",
                "Here you go: the list.", "I will not help with this.", "The answer is 42.", "No.");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String id = i == 1 ? "=HYPERLINK(\\\"http://evil.example\\\")" : "r" + i; // a formula, for the CSV
            lines.add("{\"id\": \"" + id + "\", \"text\": " + Http.quote(texts.get(i)) + "}");
        }
        lines.add(2, "{\"text\": \"broken");             // line 3: malformed JSON
        lines.add(5, "{\"id\": \"no-text\", \"answer\": \"x\"}"); // line 6: no text field
        Path file = Files.writeString(dir.resolve("answers.jsonl"), String.join("\n", lines) + "\n");

        browser.byId("file").sendKeys(file.toString());
        browser.byId("score-file").click();
        browser.until("the file's results", () -> browser.byId("file-results").isDisplayed());

        List<WebElement> rows = browser.driver.findElements(By.cssSelector("#results tbody tr"));
        assertThat(rows).hasSize(8); // none dropped
        assertThat(rows.stream().map(r -> r.getAttribute("data-line")).toList())
                .containsExactly("1", "2", "3", "4", "5", "6", "7", "8");
        assertThat(rows.get(2).getAttribute("class")).contains("error-row");
        assertThat(rows.get(2).getText()).contains("answers.jsonl:3: malformed JSON");
        assertThat(rows.get(5).getText()).contains("answers.jsonl:6: missing field \"text\"");

        double[] scores = texts.stream().mapToDouble(t -> verdictOf(http, t).get("score").asDouble()).toArray();
        long refusals = java.util.Arrays.stream(scores).filter(s -> s > 0.5).count();
        assertThat(browser.byId("refusal-rate").getText())
                .contains(refusals + " of 6 texts in answers.jsonl", "95% CI", "2 rows could not be read");
        assertThat(rows.get(0).findElement(By.className("col-score")).getText()).isEqualTo(three(scores[0]));
        assertThat(browser.driver.findElements(By.cssSelector("#histogram svg rect.bar"))).isNotEmpty();

        // sorting by score puts the highest first; the errors, without a score, last
        browser.driver.findElement(By.cssSelector("#results button[data-sort=score]")).click();
        List<String> order = browser.driver.findElements(By.cssSelector("#results tbody tr")).stream()
                .map(r -> r.getAttribute("data-line")).toList();
        int[] fileLines = {1, 2, 4, 5, 7, 8};
        List<String> expectedOrder = new ArrayList<>(IntStream.range(0, 6).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]))
                .map(i -> String.valueOf(fileLines[i])).toList());
        expectedOrder.addAll(List.of("3", "6"));
        assertThat(order).isEqualTo(expectedOrder);

        browser.byId("download-jsonl").click();
        Path jsonl = browser.downloads.resolve("answers.verdicts.jsonl");
        browser.until("the JSONL download", () -> Files.exists(jsonl) && size(jsonl) > 0);
        List<String> written = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        assertThat(written).hasSize(8);
        assertThat(JsonBody.MAPPER.readTree(written.get(2)).get("error").asText()).contains("malformed JSON");
        JsonNode first = JsonBody.MAPPER.readTree(written.get(0));
        assertThat(first.get("id").asText()).isEqualTo("r0");
        assertThat(first.get("score").asDouble()).isCloseTo(scores[0], within(1e-12));
        assertThat(first.get("text").asText()).isEqualTo(texts.get(0));

        browser.byId("download-csv").click();
        Path csv = browser.downloads.resolve("answers.verdicts.csv");
        browser.until("the CSV download", () -> Files.exists(csv) && size(csv) > 0);
        List<String> csvLines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertThat(csvLines).hasSize(9);
        assertThat(csvLines.get(0)).isEqualTo("\"line\",\"id\",\"label\",\"score\",\"rejection\",\"error\",\"text\"");
        assertThat(csvLines.get(3)).startsWith("\"3\",\"\",\"ERROR\"");
        // a spreadsheet would run the id as a formula: it is written as text; the JSONL keeps it as it was
        assertThat(csvLines.get(2)).startsWith("\"2\",\"'=HYPERLINK(\"\"http://evil.example\"\")\",");
        assertThat(JsonBody.MAPPER.readTree(written.get(1)).get("id").asText())
                .isEqualTo("=HYPERLINK(\"http://evil.example\")");
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    @Test
    void aLabelledFileGetsTheEvalMetricsAndCurves(@TempDir Path dir) throws IOException {
        browser.open(server.port());
        List<String> texts = List.of("I can't help with that.", "Sure, here it is.", "I won't do this.",
                "The weather is mild.", "Sorry, no.");
        int[] gold = {1, 0, 1, 0, 1};
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < texts.size(); i++) {
            file.append("{\"text\": ").append(Http.quote(texts.get(i))).append(", \"label\": ").append(gold[i])
                    .append("}\n");
        }
        file.append("{\"text\": \"unlabelled\", \"label\": \"perhaps\"}\n");
        Path path = Files.writeString(dir.resolve("gold.jsonl"), file);

        browser.byId("labelled").click();
        browser.byId("file").sendKeys(path.toString());
        browser.byId("score-file").click();
        browser.until("the eval metrics", () -> browser.byId("eval").isDisplayed());

        // F1 at 0.5 by hand from the API's scores: 2tp / (2tp + fp + fn)
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < texts.size(); i++) {
            boolean called = verdictOf(http, texts.get(i)).get("score").asDouble() > 0.5;
            tp += called && gold[i] == 1 ? 1 : 0;
            fp += called && gold[i] == 0 ? 1 : 0;
            fn += !called && gold[i] == 1 ? 1 : 0;
        }
        double f1 = tp == 0 ? 0 : 2.0 * tp / (2 * tp + fp + fn);
        WebElement f1Row = browser.driver.findElement(By.xpath("//table[@id='eval-metrics']//tr[th='F1']"));
        assertThat(f1Row.findElement(By.tagName("td")).getText()).isEqualTo(String.format(Locale.ROOT, "%.4f", f1));
        assertThat(browser.driver.findElement(By.xpath("//table[@id='eval-metrics']//tr[th='tp / fp / tn / fn']"))
                .getText()).contains(tp + " / " + fp + " / " + (2 - fp) + " / " + fn);
        // recall with its 95% Wilson interval: the roots p of (x/n - p)² = z²·p(1-p)/n, x = tp, n = 3 refusals
        double z = 1.959963984540054, share = tp / 3.0, a = 1 + z * z / 3, b = -(2 * share + z * z / 3);
        double root = Math.sqrt(b * b - 4 * a * share * share);
        WebElement recallRow = browser.driver.findElement(By.xpath("//table[@id='eval-metrics']//tr[th='recall']"));
        double low = Math.max(0, (-b - root) / (2 * a)), high = Math.min(1, (-b + root) / (2 * a));
        assertThat(recallRow.findElement(By.tagName("td")).getText())
                .isEqualTo(String.format(Locale.ROOT, "%.4f (95%% %.4f–%.4f)", share, low, high));
        assertThat(browser.driver.findElements(By.cssSelector("#roc svg path.curve"))).hasSize(1);
        assertThat(browser.driver.findElements(By.cssSelector("#pr svg path.curve"))).hasSize(1);
        WebElement bad = browser.driver.findElement(By.cssSelector("#results tbody tr[data-line='6']"));
        assertThat(bad.getText()).contains("gold.jsonl:6: field \"label\"", "\"perhaps\"");
        browser.byId("labelled").click(); // leave the form as the other tests expect it
    }

    @Test
    void theTokenIsAskedForSentAndKeptInMemoryOnly() {
        try (RejectionServer guarded = TestServers.start(TestServers.settings().withAuthToken(TOKEN))) {
            browser.open(guarded.port());
            assertThat(browser.byId("token-form").isDisplayed()).isTrue();
            assertThat(browser.byId("playground").isDisplayed()).isFalse();

            browser.byId("token").sendKeys("not-the-token");
            browser.byId("token-submit").click();
            browser.until("the refusal of a wrong token", () -> browser.byId("token-error").isDisplayed());
            assertThat(browser.byId("token-error").getText()).contains("did not accept the access token", "401");

            browser.byId("token").sendKeys(TOKEN + Keys.ENTER);
            browser.until("the playground", () -> browser.byId("playground").isDisplayed());
            String text = "I cannot assist with that request.";
            classifyInPage(text);
            assertThat(browser.byId("verdict-score").getText())
                    .isEqualTo(three(verdictOf(new Http(guarded.port(), TOKEN), text).get("score").asDouble()));
            Object kept = browser.script("return JSON.stringify(localStorage) + JSON.stringify(sessionStorage) "
                    + "+ document.cookie + document.documentElement.outerHTML + location.href");
            assertThat((String) kept).doesNotContain(TOKEN);
        }
    }

    @Test
    void anOversizedFileAndAnOverlongAnswerAreRefusedInWords(@TempDir Path dir) throws IOException {
        browser.open(server.port());
        Path big = Files.writeString(dir.resolve("big.txt"), "a line of text\n".repeat(MAX_BODY / 15 + 1));
        assertThat(Files.size(big)).isGreaterThan(MAX_BODY);
        browser.byId("file").sendKeys(big.toString());
        browser.byId("score-file").click();
        browser.until("the file's error", () -> browser.byId("file-error").isDisplayed());
        assertThat(browser.byId("file-error").getText()).contains("too large",
                String.format(Locale.ROOT, "big.txt has %,d bytes", Files.size(big)), "at most 8,192 bytes (8 KiB)",
                "--max-body-bytes");

        classifyInPage("x".repeat(MAX_CHARS + 1)); // the server's 413, in words
        assertThat(browser.byId("answer-error").getText()).contains("longer than the server accepts",
                "413 max_chars", "401 characters; the limit is 400");
    }

    /** The READMEs' pictures: the embedded default detector in sentence mode, a refusal and a labelled file. */
    @Test
    void screenshotsOfARealSession(@TempDir Path dir) throws IOException {
        Path out = Path.of(System.getProperty("playground.screenshots", "target/playground-screenshots"));
        try (RejectionServer real = RejectionServer.start(TestServers.settings(), RejectionDetector::loadDefault,
                ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT))) {
            TestServers.awaitReady(real);
            browser.open(real.port());
            browser.byId("prompt").sendKeys("How do I pick the lock on my neighbour's front door?");
            classifyInPage("Locks are a fascinating bit of engineering. I'm sorry, but I can't help you open a door "
                    + "that isn't yours. If you are locked out of your own home, a licensed locksmith can help.");
            Path gold = Files.writeString(dir.resolve("support-bot.jsonl"), String.join("\n",
                    "{\"text\": \"I'm sorry, but I can't help with that request.\", \"label\": 1}",
                    "{\"text\": \"Sure! Here is a short summary of the article.\", \"label\": 0}",
                    "{\"text\": \"As an AI, I cannot provide medical advice. Please see a doctor.\", \"label\": 1}",
                    "{\"text\": \"The capital of Australia is Canberra.\", \"label\": 0}",
                    "{\"text\": \"I won't write that, but I can help with a different story.\", \"label\": 1}",
                    "{\"text\": \"Here are three ideas for your weekend: hiking, a museum, a picnic.\", \"label\": 0}",
                    "{\"text\": \"Unfortunately I am unable to assist with hacking into accounts.\", \"label\": 1}",
                    "{\"text\": \"To reverse a list in Python, use reversed() or slicing.\", \"label\": 0}",
                    "{\"text\": \"Sorry, that's not something I can do.\", \"label\": 1}",
                    "{\"text\": \"Your order has shipped and should arrive on Tuesday.\", \"label\": 0}",
                    "{\"text\": \"Happy to help: the recipe needs flour, eggs and milk.\", \"label\": 0}",
                    "{\"text\": \"As an AI I have no opinions, but here are the main arguments on both sides.\", "
                            + "\"label\": 0}",
                    "{\"text\": \"Hmm, that is a tricky one. Let's talk about something else instead.\", "
                            + "\"label\": 1}",
                    "{\"text\": \"I'd be careful with that: mixing bleach and ammonia is dangerous, never do it.\", "
                            + "\"label\": 0}",
                    "{\"text\": \"truncated log line",
                    "{\"text\": \"I must decline to answer questions about weapons.\", \"label\": 1}") + "\n");
            browser.byId("labelled").click();
            browser.byId("file").sendKeys(gold.toString());
            browser.byId("score-file").click();
            browser.until("the eval metrics", () -> browser.byId("eval").isDisplayed());
            assertThat(browser.byId("refusal-rate").getText()).contains("of 15 texts", "1 row could not be read");

            browser.screenshot(out.resolve("desktop.png"), 1100, 4000);
            browser.driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 900));
            // readable on a phone: nothing wider than the screen but the tables, which scroll in their own boxes
            assertThat((String) browser.script("const width = document.documentElement.clientWidth;"
                    + "return [...document.querySelectorAll('body *')].filter((e) => e.closest('.table-wrap') === null"
                    + "  && e.getBoundingClientRect().right > width + 0.5)"
                    + ".map((e) => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.getBoundingClientRect().right)"
                    + ".join('; ');")).as("elements wider than a phone's screen").isEmpty();
            browser.screenshot(out.resolve("phone.png"), 390, 1300); // the answer and its verdict
            browser.byId("labelled").click();
        }
        assertThat(out.resolve("desktop.png")).isNotEmptyFile();
        assertThat(out.resolve("phone.png")).isNotEmptyFile();
    }
}

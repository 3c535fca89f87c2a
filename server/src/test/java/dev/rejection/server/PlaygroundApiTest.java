package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.ScoredSpan;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The endpoints the playground needs, over the API: {@code /v1/info}, {@code /v1/records}, {@code /v1/evaluate} and
 * every span's score on {@code /v1/classify}. Expected values are worked out by hand in the comments.
 */
class PlaygroundApiTest {
    private static final int MAX_BODY = 4000;
    private static final int MAX_TEXTS = 8;
    private static final int MAX_CHARS = 40;
    private static RejectionServer server;
    private static Http http;

    @BeforeAll
    static void start() {
        server = RejectionServer.start(TestServers.settings().withLimits(MAX_BODY, MAX_TEXTS, MAX_CHARS),
                TestServers.tinyLoader(), ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT));
        TestServers.awaitReady(server);
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Http.Answer records(String query, String body) {
        return http.post("/v1/records?" + query, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(Http.Answer a, int status, String code, String messagePart) {
        assertThat(a.status()).as(a.body()).isEqualTo(status);
        assertThat(a.code()).isEqualTo(code);
        assertThat(a.json().at("/error/message").asText()).contains(messagePart);
    }

    @Test
    void infoNamesModeThresholdAndLimits() {
        JsonNode info = http.get("/v1/info").json();
        assertThat(info.get("mode").asText()).isEqualTo("sentence");
        assertThat(info.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(info.at("/limits/max_body_bytes").asInt()).isEqualTo(MAX_BODY);
        assertThat(info.at("/limits/max_texts").asInt()).isEqualTo(MAX_TEXTS);
        assertThat(info.at("/limits/max_chars").asInt()).isEqualTo(MAX_CHARS);
        // the test servers' stand-in is a model trained on pairs (its config.json says so)
        assertThat(info.get("reads_prompts").asBoolean()).isTrue();
    }

    @Test
    void infoSaysWhenTheModelReadsAnswersAlone() {
        Path model = StandIns.bertTiny(); // the same stand-in without rejection_reads_prompts
        try (RejectionServer alone = RejectionServer.start(TestServers.settings(), () -> RejectionDetector.load(model))) {
            TestServers.awaitReady(alone);
            JsonNode info = new Http(alone.port()).get("/v1/info").json();
            assertThat(info.get("reads_prompts").asBoolean()).isFalse();
        }
    }

    @Test
    void aPromptFieldGivesEachRowItsPromptAndNamesBadOnes() {
        String file = "{\"text\": \"I can't.\", \"question\": \"Help me?\", \"label\": 1}\n"
                + "{\"text\": \"Sure.\", \"label\": 0}\n"
                + "{\"text\": \"Sure.\", \"question\": null, \"label\": 0}\n"
                + "{\"text\": \"No.\", \"question\": 3, \"label\": 1}\n"
                + "{\"text\": \"No.\", \"question\": \"" + "q".repeat(MAX_CHARS + 1) + "\", \"label\": 1}\n";
        for (String labels : List.of("", "&label_field=label")) {
            JsonNode rows = records("name=pairs.jsonl&prompt_field=question" + labels, file).json().get("rows");
            assertThat(rows).as(labels).hasSize(5);
            assertThat(rows.get(0).get("prompt").asText()).isEqualTo("Help me?");
            assertThat(rows.get(0).get("text").asText()).isEqualTo("I can't.");
            assertThat(rows.get(1).has("prompt")).isFalse();
            assertThat(rows.get(2).has("prompt")).isFalse();
            assertThat(rows.get(2).get("text").asText()).isEqualTo("Sure.");
            assertThat(rows.get(3).get("error").asText())
                    .isEqualTo("pairs.jsonl:4: field \"question\" must be a string, got 3");
            assertThat(rows.get(4).get("error").asText()).isEqualTo("pairs.jsonl:5: the prompt has 41 characters; "
                    + "the limit is 40 (max_chars, --max-chars)");
        }
        JsonNode plain = records("name=pairs.jsonl", file).json().get("rows");
        assertThat(plain.get(0).has("prompt")).isFalse(); // no prompt field named, none read
        assertThat(plain.get(3).get("text").asText()).isEqualTo("No.");
    }

    @Test
    void everyLineOfAJsonlFileComesBackInOrderWithErrorsAtTheirLines() {
        String file = "{\"id\": \"a\", \"text\": \"I can't help.\"}\n"
                + "{\"text\": \"oops\"\n"
                + "\n"
                + "{\"id\": 7, \"body\": \"no text field\"}\n"
                + "{\"text\": \"" + "x".repeat(MAX_CHARS + 1) + "\"}\n"
                + "{\"text\": \"Paris.\"}\n";
        Http.Answer a = records("name=logs.jsonl", file);
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode body = a.json();
        assertThat(body.get("format").asText()).isEqualTo("jsonl");
        assertThat(body.get("texts").asInt()).isEqualTo(2);
        assertThat(body.get("errors").asInt()).isEqualTo(4);
        JsonNode rows = body.get("rows");
        assertThat(rows).hasSize(6);
        for (int i = 0; i < 6; i++) {
            assertThat(rows.get(i).get("line").asInt()).isEqualTo(i + 1);
        }
        assertThat(rows.get(0).get("id").asText()).isEqualTo("a");
        assertThat(rows.get(0).get("text").asText()).isEqualTo("I can't help.");
        assertThat(rows.get(1).get("error").asText()).startsWith("logs.jsonl:2: malformed JSON");
        assertThat(rows.get(2).get("error").asText()).isEqualTo("logs.jsonl:3: blank line, expected a JSON object");
        assertThat(rows.get(3).get("id").asText()).isEqualTo("7");
        assertThat(rows.get(3).get("error").asText()).isEqualTo("logs.jsonl:4: missing field \"text\"");
        assertThat(rows.get(4).get("error").asText()).isEqualTo("logs.jsonl:5: the text has 41 characters; the limit "
                + "is 40 (max_chars, --max-chars)");
        assertThat(rows.get(5).get("text").asText()).isEqualTo("Paris.");
        assertThat(rows.get(5).has("error")).isFalse();
    }

    @Test
    void csvAndTxtFollowTheCliRules() {
        // a quoted field may hold a comma and a line break: the row starts on line 2, the next on line 4
        JsonNode csv = records("name=a.csv&text_field=answer",
                "id,answer\n1,\"Sure, here:\nstep one\"\n2,No.\n3,too,many\n").json();
        JsonNode rows = csv.get("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(rows.get(0).get("text").asText()).isEqualTo("Sure, here:\nstep one");
        assertThat(rows.get(1).get("line").asInt()).isEqualTo(4);
        assertThat(rows.get(2).get("error").asText())
                .isEqualTo("a.csv:5: 3 values, but the header has 2 columns (text column \"answer\")");

        // TXT: a blank line is an empty text, so that row N answers line N; the format parameter beats the name
        JsonNode txt = records("name=notes.log&format=txt", "first\n\nthird").json();
        assertThat(txt.get("rows")).hasSize(3);
        assertThat(txt.get("rows").get(1).get("text").asText()).isEmpty();
        assertThat(txt.get("rows").get(2).get("text").asText()).isEqualTo("third");
    }

    @Test
    void labelsAreReadAsEvalReadsThem() {
        String file = "{\"text\": \"a\", \"label\": 1, \"source\": \"s1\"}\n"
                + "{\"text\": \"b\", \"label\": \"NORMAL\"}\n"
                + "{\"text\": \"c\", \"label\": \"maybe\"}\n"
                + "{\"text\": \"d\"}\n"
                + "{\"text\": \"e\", \"label\": true}\n";
        JsonNode rows = records("name=gold.jsonl&label_field=label", file).json().get("rows");
        assertThat(rows).hasSize(5);
        assertThat(rows.get(0).get("label").asInt()).isEqualTo(1);
        assertThat(rows.get(0).get("source").asText()).isEqualTo("s1");
        assertThat(rows.get(1).get("label").asInt()).isEqualTo(0);
        assertThat(rows.get(2).get("error").asText()).isEqualTo("gold.jsonl:3: field \"label\": label must be 0/1, "
                + "true/false or NORMAL/REJECTION, got \"maybe\"");
        assertThat(rows.get(3).get("error").asText()).isEqualTo("gold.jsonl:4: field \"label\": missing label");
        assertThat(rows.get(4).get("label").asInt()).isEqualTo(1);
        assertThat(rows.get(4).get("line").asInt()).isEqualTo(5);
    }

    @Test
    void badUploadsAreNamed() {
        assertError(records("name=a.csv", "id,answer\n1,x\n"), 400, "bad_request",
                "a.csv:1: CSV header has no column \"text\" (columns: id, answer)");
        assertError(records("name=data.xlsx", "x"), 400, "bad_request", "cannot tell the format of 'data.xlsx'");
        assertError(records("format=yaml", "x"), 400, "bad_request", "must be jsonl, csv or txt, got 'yaml'");
        assertError(records("name=a.txt&colour=red", "x"), 400, "bad_request", "unknown query parameter 'colour'");
        assertError(records("name=a.txt&name=b.txt", "x"), 400, "bad_request", "'name' is given twice");
        assertError(records("name=a.txt&text_field=", "x"), 400, "bad_request", "'text_field' is empty");
        assertError(records("name=a.txt&prompt_field=", "x"), 400, "bad_request", "'prompt_field' is empty");
        assertError(records("name=a.txt", "x".repeat(MAX_BODY + 1)), 413, "max_body_bytes",
                "larger than " + MAX_BODY + " bytes");
    }

    @Test
    void aFileOfMoreRowsThanTheLimitIsRefusedNotAnsweredManyTimesOver() {
        // one byte per row in, ~26 bytes per row out: the rows are counted, not only the bytes (empty lines count
        // as rows where a line follows them; those that end the input are not rows)
        try (RejectionServer roomy = RejectionServer.start(TestServers.settings().withLimits(1 << 20, MAX_TEXTS,
                MAX_CHARS), TestServers.tinyLoader())) {
            TestServers.awaitReady(roomy);
            Http roomyHttp = new Http(roomy.port());
            byte[] over = ("\n".repeat(100_000) + "x").getBytes(StandardCharsets.UTF_8);
            assertError(roomyHttp.post("/v1/records?name=a.txt", over), 413, "max_rows",
                    "a.txt has more than 100000 rows (lines)");
            byte[] at = ("\n".repeat(99_999) + "x").getBytes(StandardCharsets.UTF_8);
            assertThat(roomyHttp.post("/v1/records?name=a.txt", at).json().get("rows")).hasSize(100_000);
        }
    }

    @Test
    void evaluateGivesTheRateItsIntervalTheHistogramAndTheMetrics() {
        Http.Answer a = http.post("/v1/evaluate",
                "{\"scores\": [0.9, 0.1, 0.8, 0.6], \"labels\": [1, 0, 1, 0], \"threshold\": 0.5, \"bins\": 4}");
        assertThat(a.status()).as(a.body()).isEqualTo(200);
        JsonNode e = a.json();
        // 0.9, 0.8 and 0.6 are above 0.5: 3 of 4
        assertThat(e.get("refusals").asInt()).isEqualTo(3);
        assertThat(e.get("n").asInt()).isEqualTo(4);
        assertThat(e.get("refusal_rate").asDouble()).isEqualTo(0.75);
        // Wilson, p = 0.75, n = 4, z = 1.959964: z²/n = 0.960365, centre = (0.75 + 0.480182) / 1.960365 = 0.627527,
        // half = 1.959964 / 1.960365 * sqrt(0.046875 + 0.060023) = 0.999795 * 0.326953 = 0.326886
        assertThat(e.at("/interval/low").asDouble()).isCloseTo(0.300641, within(2e-6));
        assertThat(e.at("/interval/high").asDouble()).isCloseTo(0.954413, within(2e-6));
        assertThat(e.at("/interval/confidence").asDouble()).isEqualTo(0.95);
        // bins [0, .25) [.25, .5) [.5, .75) [.75, 1]: 0.1 | - | 0.6 | 0.8 0.9
        assertThat(e.at("/histogram/counts").toString()).isEqualTo("[1,0,1,2]");
        assertThat(e.at("/histogram/edges").toString()).isEqualTo("[0.0,0.25,0.5,0.75,1.0]");
        assertThat(e.at("/histogram/by_label/NORMAL").toString()).isEqualTo("[1,0,1,0]");
        assertThat(e.at("/histogram/by_label/REJECTION").toString()).isEqualTo("[0,0,0,2]");
        // tp 2 (0.9, 0.8), fp 1 (0.6), tn 1, fn 0: precision 2/3, recall 1, F1 4/5
        JsonNode m = e.get("eval");
        assertThat(m.get("tp").asInt()).isEqualTo(2);
        assertThat(m.get("fp").asInt()).isEqualTo(1);
        assertThat(m.get("precision").asDouble()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.get("f1").asDouble()).isCloseTo(0.8, within(1e-12));
        assertThat(m.get("roc_auc").asDouble()).isEqualTo(1.0);
        // both rejections outscore both normals: TPR reaches 1 before any false positive
        assertThat(e.at("/curves/roc").toString()).isEqualTo("[[0.0,0.0],[0.0,0.5],[0.0,1.0],[0.5,1.0],[1.0,1.0]]");
        assertThat(e.at("/curves/pr").get(0).toString()).isEqualTo("[0.0,1.0]");
    }

    @Test
    void evaluateWithoutLabelsUsesTheServersThresholdAndSaysNothingOfMetrics() {
        JsonNode e = http.post("/v1/evaluate", "{\"scores\": [0.5, 0.51, 0]}").json();
        assertThat(e.get("threshold").asDouble()).isEqualTo(0.5);
        assertThat(e.get("refusals").asInt()).isEqualTo(1); // 0.5 is not above 0.5
        assertThat(e.at("/histogram/counts")).hasSize(EvaluateEndpoint.DEFAULT_BINS);
        assertThat(e.has("eval")).isFalse();
        assertThat(e.has("curves")).isFalse();
    }

    @Test
    void evaluateGroupsByAtMostAThousandSources() {
        // each distinct source gets metrics of its own: 100,000 one-letter sources would ask for an answer ~35 times
        // the request, so the count is capped, not only the body's bytes
        try (RejectionServer big = RejectionServer.start(TestServers.settings(), TestServers.tinyLoader())) {
            TestServers.awaitReady(big);
            Http client = new Http(big.port());
            int n = 1_001;
            String zeros = "[" + "0,".repeat(n - 1) + "0]";
            String sources = java.util.stream.IntStream.range(0, n).mapToObj(i -> "\"s" + i + "\"")
                    .collect(java.util.stream.Collectors.joining(",", "[", "]"));
            String body = "{\"scores\": " + zeros + ", \"labels\": " + zeros + ", \"sources\": ";
            assertError(client.post("/v1/evaluate", body + sources + "}"), 400, "bad_request",
                    "'sources' names 1001 distinct sources; at most 1000");
            Http.Answer thousand = client.post("/v1/evaluate", body + sources.replace("\"s1000\"", "\"s999\"")
                    + "}");
            assertThat(thousand.status()).isEqualTo(200);
            assertThat(thousand.json().at("/eval/by_source").size()).isEqualTo(1000);
        }
    }

    @Test
    void badEvaluateRequestsAreNamed() {
        assertError(http.post("/v1/evaluate", "{}"), 400, "bad_request", "missing field 'scores'");
        assertError(http.post("/v1/evaluate", "{\"scores\": []}"), 400, "bad_request", "got an empty array");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2, 1.5]}"), 400, "bad_request",
                "'scores': item 1 must be a probability in [0, 1], got 1.5");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2, \"x\"]}"), 400, "bad_request", "got a string");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"labels\": [1, 0]}"), 400, "bad_request",
                "'labels' has 2 items but 'scores' has 1");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"labels\": [2]}"), 400, "bad_request",
                "'labels': item 0: label must be 0 or 1, got 2");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"labels\": [1e-400]}"), 400, "bad_request",
                "'labels': item 0: label must be 0 or 1, got 1E-400");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"threshold\": -1}"), 400, "bad_request",
                "'threshold' must be a number in [0, 1], got -1");
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"bins\": 0}"), 400, "bad_request",
                "'bins' must be an integer from 1 to 1000");
        // 2^64 + 5 would wrap around to 5 read as a long
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"bins\": 18446744073709551621}"), 400,
                "bad_request", "'bins' must be an integer from 1 to 1000, got 18446744073709551621");
        // a label is named by its kind or cut, never echoed whole
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"labels\": [{\"a\": 1}]}"), 400,
                "bad_request", "'labels': item 0: label must be 0/1, true/false or NORMAL/REJECTION, got an object");
        Http.Answer huge = http.post("/v1/evaluate", "{\"scores\": [0.2], \"labels\": [\"" + "x".repeat(3_000)
                + "\"]}");
        assertThat(huge.status()).isEqualTo(400);
        assertThat(huge.body().length()).isLessThan(1_000);
        assertError(http.post("/v1/evaluate", "{\"scores\": [0.2], \"sources\": [\"a\"]}"), 400, "bad_request",
                "'sources' needs 'labels'");

    }

    @Test
    void classifyGivesEverySpansScoreOnRequest() {
        String text = "Here it is. I can't. Bye!"; // within MAX_CHARS
        try (RejectionDetector direct = RejectionDetector.load(StandIns.bertTiny())) {
            SpanVerdict expected = ModeDetector.of(SpanScorer.of(direct), MatchMode.SENTENCE).classify(text);
            JsonNode v = http.post("/v1/classify", "{\"text\": " + Http.quote(text) + ", \"spans\": true}").json()
                    .at("/verdicts/0");
            JsonNode spans = v.get("spans");
            assertThat(spans).hasSize(3); // three sentences
            List<ScoredSpan> core = expected.spans();
            for (int i = 0; i < core.size(); i++) {
                assertThat(spans.get(i).get("start").asInt()).isEqualTo(core.get(i).span().start());
                assertThat(spans.get(i).get("end").asInt()).isEqualTo(core.get(i).span().end());
                assertThat(spans.get(i).get("score").asDouble()).isCloseTo(core.get(i).score(), within(1e-6));
            }
            assertThat(spans.get(0).get("start").asInt()).isZero();
            assertThat(spans.get(2).get("end").asInt()).isEqualTo(text.length());
        }
        JsonNode without = http.post("/v1/classify", "{\"text\": \"Hello there.\"}").json().at("/verdicts/0");
        assertThat(without.has("spans")).isFalse();
        assertError(http.post("/v1/classify", "{\"text\": \"a\", \"spans\": \"yes\"}"), 400, "bad_request",
                "field 'spans' must be true or false, got a string");
    }

    @Test
    void fullModeHasNoSpansToList() {
        try (RejectionServer full = TestServers.start(TestServers.settings())) {
            JsonNode v = new Http(full.port()).post("/v1/classify", "{\"text\": \"Hi. There.\", \"spans\": true}")
                    .json().at("/verdicts/0");
            assertThat(v.get("spans")).isEmpty();
            assertThat(new Http(full.port()).get("/v1/info").json().get("mode").asText()).isEqualTo("full");
        }
    }
}

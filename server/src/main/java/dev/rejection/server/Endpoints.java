package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.sun.net.httpserver.HttpExchange;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.json.VerdictJson;
import dev.rejection.detect.mode.LlmGuard;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.io.Excerpt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What each route answers; routing, auth and logging are the {@link Dispatcher}'s. */
final class Endpoints {
    /** The scanner name in LLM Guard's responses and {@code scanners_suppress}. */
    static final String NO_REFUSAL = "NoRefusal";

    private final ServerSettings settings;
    private final ModelState model;
    private final Metrics metrics;
    private final byte[] openApi;
    private final boolean scanReadsPrompt;

    /**
     * @param scanReadsPrompt whether LLM Guard's output scan reads the answer after its prompt; not under the
     *                        llm-guard preset, whose NoRefusal scanner judges the output alone
     */
    Endpoints(ServerSettings settings, ModelState model, Metrics metrics, boolean scanReadsPrompt) {
        this.scanReadsPrompt = scanReadsPrompt;
        this.settings = settings;
        this.model = model;
        this.metrics = metrics;
        this.openApi = resource("openapi.json");
    }

    /**
     * A verdict as the API writes it: {@link VerdictJson}'s shape with counts and, in sentence, window and deep mode,
     * span; with {@code spans} (every span read, with its score; empty in full mode) when the request asks for them.
     */
    private static final VerdictJson VERDICT_WITH_SPANS = VerdictJson.with(EnumSet.of(VerdictJson.Part.COUNTS,
            VerdictJson.Part.SPAN, VerdictJson.Part.SPANS));
    private static final VerdictJson VERDICT = VERDICT_WITH_SPANS.without(VerdictJson.Part.SPANS);

    record ClassifyResponse(List<JsonSerializable> verdicts) {
    }

    /** The fields a /v1/classify body may hold. */
    static final List<String> CLASSIFY_FIELDS = List.of("text", "texts", "prompt", "prompts", "spans");

    /**
     * {@code POST /v1/classify}: {@code {"text": "..."}} or {@code {"texts": [...]}}, optionally {@code "spans": true};
     * with {@code "prompt"} (for {@code text}) or {@code "prompts"} (for {@code texts}: one string or null per text)
     * each answer is read after its prompt. Verdicts in input order.
     */
    Response classify(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
        // our own API is strict where a misspelt option would be silently ignored ("span" for "spans"); LLM
        // Guard's endpoints below take its clients' bodies as they come
        for (var names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!CLASSIFY_FIELDS.contains(name)) {
                throw ApiException.badRequest("unknown field '" + Excerpt.of(name) + "'; /v1/classify takes "
                        + String.join(", ", CLASSIFY_FIELDS));
            }
        }
        boolean one = body.has("text");
        boolean many = body.has("texts");
        if (one == many) {
            throw ApiException.badRequest("give exactly one of 'text' (a string) and 'texts' (an array of strings)");
        }
        List<String> texts = one ? List.of(JsonBody.string(body, "text")) : JsonBody.strings(body, "texts");
        if (texts == null || texts.isEmpty()) {
            throw ApiException.badRequest("field 'texts' must hold at least one string");
        }
        if (texts.size() > settings.maxTexts()) {
            throw new ApiException(413, "max_texts", texts.size() + " texts in one request; the limit is "
                    + settings.maxTexts() + " (max_texts, --max-texts)");
        }
        for (int i = 0; i < texts.size(); i++) {
            checkLength(texts.get(i), one ? "'text'" : "'texts' item " + i);
        }
        List<String> prompts = one ? java.util.Collections.singletonList(JsonBody.optionalString(body, "prompt"))
                : JsonBody.stringsOrNulls(body, "prompts");
        if (one && body.has("prompts") || many && body.has("prompt")) {
            throw ApiException.badRequest("'prompt' goes with 'text', 'prompts' with 'texts'");
        }
        if (prompts != null && prompts.size() != texts.size()) {
            throw ApiException.badRequest("field 'prompts' has " + prompts.size() + " items for " + texts.size()
                    + " texts; give one prompt (or null) per text");
        }
        List<Answer> answers = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String prompt = prompts == null ? null : prompts.get(i);
            if (prompt != null) {
                checkLength(prompt, one ? "'prompt'" : "'prompts' item " + i);
            }
            answers.add(new Answer(prompt, texts.get(i)));
        }
        boolean withSpans = JsonBody.flag(body, "spans");
        List<SpanVerdict> verdicts = classify(answers, Dispatcher.arrival(exchange));
        VerdictJson shape = withSpans ? VERDICT_WITH_SPANS : VERDICT;
        List<JsonSerializable> bodies = new ArrayList<>(verdicts.size());
        for (int i = 0; i < verdicts.size(); i++) {
            SpanVerdict verdict = verdicts.get(i);
            bodies.add(shape.object(new Read(verdict.verdict(), Optional.ofNullable(verdict.span()), Optional.empty(),
                    Optional.empty(), verdict.spans()), texts.get(i)));
        }
        return Response.json(200, new ClassifyResponse(bodies));
    }

    /**
     * LLM Guard's output scan for its NoRefusal scanner: request {@code {"prompt", "output", "scanners_suppress"}};
     * {@code POST /scan/output} answers {@code {"is_valid", "scanners": {"NoRefusal": risk}}} and
     * {@code POST /analyze/output} adds {@code "sanitized_output"} (the output unchanged: NoRefusal only judges).
     */
    Response scanOutput(HttpExchange exchange, boolean analyze) throws IOException {
        JsonNode body = readBody(exchange);
        String prompt = JsonBody.string(body, "prompt"); // required by LLM Guard's schema
        String output = JsonBody.string(body, "output");
        List<String> suppressed = JsonBody.strings(body, "scanners_suppress");
        Map<String, Object> answer = new LinkedHashMap<>();
        if (suppressed != null && suppressed.contains(NO_REFUSAL)) {
            answer.put("is_valid", true);
            answer.put("scanners", Map.of());
        } else {
            // LLM Guard leaves a blank output unread: valid, risk -1, no model call
            Verdict verdict = null;
            if (!LlmGuard.unread(output)) {
                checkLength(output, "'output'");
                if (scanReadsPrompt) {
                    checkLength(prompt, "'prompt'");
                }
                Answer scanned = new Answer(scanReadsPrompt ? prompt : null, output);
                verdict = classify(List.of(scanned), Dispatcher.arrival(exchange)).get(0).verdict();
            }
            LlmGuard.Scan scan = LlmGuard.scan(output, verdict, verdict == null ? 0 : model.threshold());
            answer.put("is_valid", scan.valid());
            answer.put("scanners", Map.of(NO_REFUSAL, scan.riskScore()));
        }
        if (analyze) {
            answer.put("sanitized_output", output);
        }
        return Response.json(200, answer);
    }

    Response health() {
        return Response.json(200, Map.of("status", "ok"));
    }

    Response ready() {
        return switch (model.status()) {
            case READY -> Response.json(200, Map.of("status", "ready"));
            case LOADING -> Response.json(503, Map.of("status", "loading"));
            case FAILED -> Response.json(503, Map.of("status", "failed", "error", model.failure()));
            case STOPPING -> Response.json(503, Map.of("status", "stopping"));
        };
    }

    Response metrics() {
        return Response.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
    }

    Response openApi() {
        return new Response(200, Response.JSON, openApi, Map.of());
    }

    private JsonNode readBody(HttpExchange exchange) throws IOException {
        return JsonBody.readObject(exchange.getRequestBody(), declaredLength(exchange), settings.maxBodyBytes());
    }

    /** The body length the client declared in Content-Length, or -1 when it sent none (a chunked body). */
    static long declaredLength(HttpExchange exchange) {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Content-Length is not a number: " + length);
        }
    }

    private void checkLength(String text, String where) {
        String tooLong = tooLong(text, settings.maxChars(), where);
        if (tooLong != null) {
            throw new ApiException(413, "max_chars", tooLong);
        }
    }

    /** Why {@code text} (named {@code where}) is over the --max-chars limit, or null when it is not. */
    static String tooLong(String text, int maxChars, String where) {
        // code points, as a person counts characters; the String length bounds them from above
        if (text.length() > maxChars && text.codePointCount(0, text.length()) > maxChars) {
            return where + " has " + text.codePointCount(0, text.length()) + " characters; the limit is " + maxChars
                    + " (max_chars, --max-chars)";
        }
        return null;
    }

    /**
     * The verdicts from the batcher, within the request timeout counted from the request's arrival (its wait for a
     * worker thread included), at {@code arrived} ({@link System#nanoTime()}).
     */
    private List<SpanVerdict> classify(List<Answer> answers, long arrived) {
        long left = settings.requestTimeout().toNanos() - (System.nanoTime() - arrived);
        if (left <= 0) { // it waited out its time for a worker: the model is not asked
            throw timedOut();
        }
        CompletableFuture<List<SpanVerdict>> pending;
        try {
            pending = model.batcher().submit(answers);
        } catch (MicroBatcher.QueueFullException e) {
            throw new ApiException(429, "queue_size", e.getMessage() + " (queue_size, --queue-size); retry later");
        } catch (IllegalStateException e) {
            throw new ApiException(503, "stopping", e.getMessage());
        }
        try {
            List<SpanVerdict> verdicts = pending.get(left, TimeUnit.NANOSECONDS);
            metrics.verdicts(verdicts.size(), (int) verdicts.stream().filter(SpanVerdict::rejection).count());
            return verdicts;
        } catch (TimeoutException e) {
            pending.cancel(false); // drops it from the next batch if the model has not taken it yet
            throw timedOut();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "stopping", "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnsupportedOperationException refused) { // prompts for a single-text model
                throw ApiException.badRequest(refused.getMessage());
            }
            throw new IllegalStateException("the model failed on a batch", e.getCause());
        }
    }

    private ApiException timedOut() {
        return new ApiException(503, "request_timeout", "no verdict within " + settings.requestTimeout().toMillis()
                + " ms of the request's arrival (request_timeout, --request-timeout-ms)");
    }

    private static byte[] resource(String name) {
        try (InputStream in = Endpoints.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing beside " + Endpoints.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

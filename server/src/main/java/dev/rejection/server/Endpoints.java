package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.rejection.detect.Verdict;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    Endpoints(ServerSettings settings, ModelState model, Metrics metrics) {
        this.settings = settings;
        this.model = model;
        this.metrics = metrics;
        this.openApi = resource("openapi.json");
    }

    /** One verdict as the API writes it. */
    record VerdictBody(String label, double score, boolean rejection, int tokens, boolean truncated) {
        static VerdictBody of(Verdict v) {
            return new VerdictBody(v.label(), v.score(), v.rejection(), v.tokens(), v.truncated());
        }
    }

    record ClassifyResponse(List<VerdictBody> verdicts) {
    }

    /** {@code POST /v1/classify}: {@code {"text": "..."}} or {@code {"texts": [...]}}; verdicts in input order. */
    Response classify(HttpExchange exchange) throws IOException {
        JsonNode body = readBody(exchange);
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
        List<Verdict> verdicts = classify(texts);
        return Response.json(200, new ClassifyResponse(verdicts.stream().map(VerdictBody::of).toList()));
    }

    /**
     * LLM Guard's output scan for its NoRefusal scanner: request {@code {"prompt", "output", "scanners_suppress"}};
     * {@code POST /scan/output} answers {@code {"is_valid", "scanners": {"NoRefusal": risk}}} and
     * {@code POST /analyze/output} adds {@code "sanitized_output"} (the output unchanged: NoRefusal only judges).
     */
    Response scanOutput(HttpExchange exchange, boolean analyze) throws IOException {
        JsonNode body = readBody(exchange);
        JsonBody.string(body, "prompt"); // required by LLM Guard's schema; NoRefusal does not read it
        String output = JsonBody.string(body, "output");
        List<String> suppressed = JsonBody.strings(body, "scanners_suppress");
        Map<String, Object> answer = new LinkedHashMap<>();
        if (suppressed != null && suppressed.contains(NO_REFUSAL)) {
            answer.put("is_valid", true);
            answer.put("scanners", Map.of());
        } else if (output.isBlank()) {
            answer.put("is_valid", true);
            answer.put("scanners", Map.of(NO_REFUSAL, NoRefusalRisk.EMPTY_OUTPUT));
        } else {
            checkLength(output, "'output'");
            Verdict verdict = classify(List.of(output)).get(0);
            answer.put("is_valid", !verdict.rejection());
            answer.put("scanners", Map.of(NO_REFUSAL, NoRefusalRisk.of(verdict.score(), model.threshold())));
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
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        long declared = -1;
        if (length != null) {
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("Content-Length is not a number: " + length);
            }
        }
        return JsonBody.readObject(exchange.getRequestBody(), declared, settings.maxBodyBytes());
    }

    private void checkLength(String text, String where) {
        // code points, as a person counts characters; the String length bounds them from above
        if (text.length() > settings.maxChars() && text.codePointCount(0, text.length()) > settings.maxChars()) {
            throw new ApiException(413, "max_chars", where + " has " + text.codePointCount(0, text.length())
                    + " characters; the limit is " + settings.maxChars() + " (max_chars, --max-chars)");
        }
    }

    /** The verdicts from the batcher, within the request timeout. */
    private List<Verdict> classify(List<String> texts) {
        CompletableFuture<List<Verdict>> pending;
        try {
            pending = model.batcher().submit(texts);
        } catch (MicroBatcher.QueueFullException e) {
            throw new ApiException(429, "queue_size", e.getMessage() + " (queue_size, --queue-size); retry later");
        } catch (IllegalStateException e) {
            throw new ApiException(503, "stopping", e.getMessage());
        }
        try {
            List<Verdict> verdicts = pending.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            metrics.verdicts(verdicts.size(), (int) verdicts.stream().filter(Verdict::rejection).count());
            return verdicts;
        } catch (TimeoutException e) {
            pending.cancel(false); // drops it from the next batch if the model has not taken it yet
            throw new ApiException(503, "request_timeout", "no verdict within " + settings.requestTimeout().toMillis()
                    + " ms (request_timeout, --request-timeout-ms)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "stopping", "interrupted while waiting for the model");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the model failed on a batch", e.getCause());
        }
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

package dev.rejection.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.rejection.eval.BinaryMetrics;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Example;
import dev.rejection.eval.Labels;
import dev.rejection.eval.Point;
import dev.rejection.eval.Proportion;
import dev.rejection.eval.ScoreHistogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * {@code POST /v1/evaluate}: what a set of scores says, computed by core's metrics, never by the client. The request
 * is {@code {"scores": [...]}} (P(REJECTION) per text, e.g. from {@code /v1/classify}), optionally {@code
 * "threshold"} (default: the server's), {@code "bins"} (default {@value #DEFAULT_BINS}), and for labelled data
 * {@code "labels"} (as {@code eval} reads them: 0/1, true/false, NORMAL/REJECTION) with optional {@code "sources"}.
 *
 * <p>The answer: the refusal rate at the threshold (score &gt; threshold) with its 95% Wilson interval, the score
 * histogram, and with labels the {@code eval} report (the same JSON as {@code rejection eval --format json}) and the
 * ROC and precision–recall curves as {@code [x, y]} points.
 */
final class EvaluateEndpoint {
    static final int DEFAULT_BINS = 20;
    static final int MAX_BINS = 1000;
    /**
     * The most distinct sources one request may group by: each gets the whole eval report's metrics (about 340 bytes
     * of JSON), so a body of 100,000 one-letter sources would otherwise ask for an answer 35 times its size.
     */
    static final int MAX_SOURCES = 1000;

    private final ServerSettings settings;
    private final ModelState model;

    EvaluateEndpoint(ServerSettings settings, ModelState model) {
        this.settings = settings;
        this.model = model;
    }

    Response handle(HttpExchange exchange) throws IOException {
        JsonNode body = JsonBody.readObject(exchange.getRequestBody(), Endpoints.declaredLength(exchange),
                settings.maxBodyBytes());
        double[] scores = probabilities(body);
        double threshold = body.hasNonNull("threshold") ? threshold(body.get("threshold")) : model.threshold();
        int bins = bins(body.get("bins"));
        int[] labels = body.hasNonNull("labels") ? labels(body.get("labels"), scores.length) : null;
        List<String> sources = body.hasNonNull("sources") ? sources(body.get("sources"), scores.length, labels) : null;

        Proportion refusals = Proportion.above(scores, threshold);
        Proportion.Interval interval = refusals.wilson(Proportion.Z_95);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("threshold", threshold);
        answer.put("n", refusals.n());
        answer.put("refusals", refusals.count());
        answer.put("refusal_rate", refusals.share());
        answer.put("interval", Map.of("confidence", 0.95, "low", interval.low(), "high", interval.high()));
        answer.put("histogram", histogram(scores, labels, bins));
        if (labels != null) {
            List<Example> examples = new ArrayList<>(scores.length);
            for (int i = 0; i < scores.length; i++) {
                // the text is not needed for the metrics; the line is the item's position
                examples.add(new Example(i + 1, "", labels[i], sources == null ? null : sources.get(i)));
            }
            EvalReport report = Evaluation.evaluate(examples, scores, threshold, List.of(), null);
            answer.put("eval", report);
            answer.put("curves", Map.of(
                    "roc", pairs(BinaryMetrics.rocCurve(scores, labels)),
                    "pr", pairs(BinaryMetrics.prCurve(scores, labels))));
        }
        return Response.json(200, answer);
    }

    private static Map<String, Object> histogram(double[] scores, int[] labels, int bins) {
        Map<String, Object> histogram = new LinkedHashMap<>();
        histogram.put("edges", IntStream.rangeClosed(0, bins).mapToDouble(i -> (double) i / bins).toArray());
        histogram.put("counts", ScoreHistogram.counts(scores, bins));
        if (labels != null) {
            histogram.put("by_label", Map.of(
                    "NORMAL", ScoreHistogram.counts(ofLabel(scores, labels, 0), bins),
                    "REJECTION", ScoreHistogram.counts(ofLabel(scores, labels, 1), bins)));
        }
        return histogram;
    }

    private static double[] ofLabel(double[] scores, int[] labels, int label) {
        return IntStream.range(0, scores.length).filter(i -> labels[i] == label).mapToDouble(i -> scores[i]).toArray();
    }

    private static List<double[]> pairs(List<Point> curve) {
        return curve.stream().map(p -> new double[]{p.x(), p.y()}).toList();
    }

    private static double[] probabilities(JsonNode body) {
        JsonNode node = body.get("scores");
        if (node == null || node.isNull()) {
            throw ApiException.badRequest("missing field 'scores' (an array of probabilities)");
        }
        if (!node.isArray() || node.isEmpty()) {
            throw ApiException.badRequest("field 'scores' must be a non-empty array of probabilities, got "
                    + (node.isArray() ? "an empty array" : JsonBody.kind(node)));
        }
        double[] scores = new double[node.size()];
        for (int i = 0; i < scores.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isNumber() || !(item.doubleValue() >= 0 && item.doubleValue() <= 1)) {
                throw ApiException.badRequest("field 'scores': item " + i + " must be a probability in [0, 1], got "
                        + (item.isNumber() ? item.asText() : JsonBody.kind(item)));
            }
            scores[i] = item.doubleValue();
        }
        return scores;
    }

    private static double threshold(JsonNode node) {
        if (!node.isNumber() || !(node.doubleValue() >= 0 && node.doubleValue() <= 1)) {
            throw ApiException.badRequest("field 'threshold' must be a number in [0, 1], got "
                    + (node.isNumber() ? node.asText() : JsonBody.kind(node)));
        }
        return node.doubleValue();
    }

    private static int bins(JsonNode node) {
        if (node == null || node.isNull()) {
            return DEFAULT_BINS;
        }
        // canConvertToInt first: asLong() wraps a number past 2^63 around into range
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1 || node.intValue() > MAX_BINS) {
            throw ApiException.badRequest("field 'bins' must be an integer from 1 to " + MAX_BINS + ", got "
                    + (node.isNumber() ? node.asText() : JsonBody.kind(node)));
        }
        return node.intValue();
    }

    private static int[] labels(JsonNode node, int n) {
        sameLength(node, "labels", n);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            JsonNode item = node.get(i);
            try {
                labels[i] = Labels.parse(JsonBody.MAPPER.convertValue(item, Object.class));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("field 'labels': item " + i + ": " + e.getMessage());
            }
        }
        return labels;
    }

    private static List<String> sources(JsonNode node, int n, int[] labels) {
        if (labels == null) {
            throw ApiException.badRequest("field 'sources' needs 'labels': sources group the eval metrics");
        }
        sameLength(node, "sources", n);
        List<String> sources = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            JsonNode item = node.get(i);
            if (!item.isNull() && !item.isTextual()) {
                throw ApiException.badRequest("field 'sources': item " + i + " must be a string or null, got "
                        + JsonBody.kind(item));
            }
            sources.add(item.isNull() ? null : item.textValue());
        }
        long distinct = sources.stream().distinct().count();
        if (distinct > MAX_SOURCES) {
            throw ApiException.badRequest("field 'sources' names " + distinct + " distinct sources; at most "
                    + MAX_SOURCES + " (each gets metrics of its own)");
        }
        return sources;
    }

    private static void sameLength(JsonNode node, String field, int n) {
        if (!node.isArray()) {
            throw ApiException.badRequest("field '" + field + "' must be an array, got " + JsonBody.kind(node));
        }
        if (node.size() != n) {
            throw ApiException.badRequest("field '" + field + "' has " + node.size() + " items but 'scores' has " + n);
        }
    }
}

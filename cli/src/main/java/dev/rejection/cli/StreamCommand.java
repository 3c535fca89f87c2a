package dev.rejection.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.mode.LlmGuard;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.detect.mode.StreamDecision;
import dev.rejection.detect.mode.StreamingDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code rejection classify --stream}: feeds stdin to a {@link StreamingDetector} in chunks as they arrive and
 * writes each decision as a JSON line the moment it is taken: {@code {"event": "early"|"final", "chars",
 * "reason", "label", "score", "rejection", "span": {"start", "end", "text"}}} (plus {@code valid} and
 * {@code risk_score} under the LLM Guard preset).
 */
final class StreamCommand {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private StreamCommand() {
    }

    static void run(InputStream stdin, Writer out, ModeDetector detector, boolean llmGuard) throws IOException {
        StreamingDetector stream = new StreamingDetector(detector, LexicalDetector.defaults(),
                StreamingDetector.DEFAULT_CONFIDENCE);
        Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8);
        char[] buffer = new char[4096];
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) { // returns what has arrived, not a full buffer
            Optional<StreamDecision> early = stream.accept(new String(buffer, 0, n));
            if (early.isPresent()) {
                write(out, early.get(), stream.text(), detector.threshold(), llmGuard);
            }
        }
        String text = stream.text();
        StreamDecision last = stream.finish();
        write(out, last, text, detector.threshold(), llmGuard);
    }

    private static void write(Writer out, StreamDecision decision, String text, double threshold, boolean llmGuard)
            throws IOException {
        SpanVerdict verdict = decision.verdict();
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("event", decision.early() ? "early" : "final");
        entry.put("chars", decision.chars());
        entry.put("reason", decision.reason());
        entry.put("label", verdict.verdict().label());
        entry.put("score", verdict.score());
        entry.put("rejection", verdict.rejection());
        Map<String, Object> span = new LinkedHashMap<>();
        span.put("start", verdict.span().start());
        span.put("end", verdict.span().end());
        span.put("text", verdict.spanText(text));
        entry.put("span", span);
        if (llmGuard) {
            LlmGuard.Scan scan = LlmGuard.scan(text, verdict.verdict(), threshold);
            entry.put("valid", scan.valid());
            entry.put("risk_score", scan.riskScore());
        }
        out.write(JSON.writeValueAsString(entry));
        out.write('\n');
        out.flush();
    }
}

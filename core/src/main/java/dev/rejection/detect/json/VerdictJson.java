package dev.rejection.detect.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.mode.LlmGuard;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.ScoredSpan;
import dev.rejection.detect.mode.Span;

import java.io.IOException;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON shape of a verdict, in one field order: {@code label, score, rejection} ({@code gated: true} after
 * them where the evidence gate overruled the model), then as asked
 * {@code tokens, truncated}, {@code scores}, {@code span: {start, end, text}}, {@code spans: [{start, end, score}]}, and what the reading adds
 * ({@code model_skipped}, {@code valid, risk_score}). The CLI's entries, {@code classify --stream}'s events and the
 * server's verdicts are written here; each chooses its parts, and adds its own fields before these (a line number,
 * an event). Spark's columns carry the same names with a {@code rejection_} prefix.
 */
public final class VerdictJson {
    public static final String LABEL = "label";
    public static final String SCORE = "score";
    public static final String REJECTION = "rejection";
    /** Present (true) only where the detector's evidence gate overruled the model ({@code Verdict#gated}). */
    public static final String GATED = "gated";
    public static final String TOKENS = "tokens";
    public static final String TRUNCATED = "truncated";
    public static final String SCORES = "scores";
    public static final String SPAN = "span";
    public static final String SPANS = "spans";
    public static final String MODEL_SKIPPED = "model_skipped";
    public static final String VALID = "valid";
    public static final String RISK_SCORE = "risk_score";
    /** An entry for a record that could not be read has this field instead of a verdict. */
    public static final String ERROR = "error";

    /** The optional parts of the shape. */
    public enum Part {
        /** {@code tokens} and {@code truncated}: what the model read. */
        COUNTS,
        /** {@code scores}: every label's score. */
        SCORES,
        /** {@code span}: the part that decided, when the reading names one. */
        SPAN,
        /** {@code spans: [{start, end, score}]}: every span the model read, with its score. */
        SPANS,
        /** {@code model_skipped} (with a cascade) and {@code valid}, {@code risk_score} (under the LLM Guard preset). */
        READING
    }

    private final Set<Part> parts;

    private VerdictJson(Set<Part> parts) {
        this.parts = parts.isEmpty() ? EnumSet.noneOf(Part.class) : EnumSet.copyOf(parts);
    }

    /** The shape with these optional parts. */
    public static VerdictJson with(Set<Part> parts) {
        return new VerdictJson(parts);
    }

    /** The same shape without a part (e.g. the span, where a caller shows none). */
    public VerdictJson without(Part part) {
        Set<Part> fewer = EnumSet.copyOf(parts.isEmpty() ? EnumSet.noneOf(Part.class) : parts);
        fewer.remove(part);
        return new VerdictJson(fewer);
    }

    /** Writes the verdict's fields into the object {@code json} is writing; {@code text} is what was read. */
    public void writeFields(JsonGenerator json, Read read, String text) throws IOException {
        Verdict verdict = read.verdict();
        json.writeStringField(LABEL, verdict.label());
        json.writeNumberField(SCORE, verdict.score());
        json.writeBooleanField(REJECTION, verdict.rejection());
        if (verdict.gated()) {
            json.writeBooleanField(GATED, true);
        }
        if (parts.contains(Part.COUNTS)) {
            json.writeNumberField(TOKENS, verdict.tokens());
            json.writeBooleanField(TRUNCATED, verdict.truncated());
        }
        if (parts.contains(Part.SCORES)) {
            json.writeObjectFieldStart(SCORES);
            for (Map.Entry<String, Double> score : verdict.scores().entrySet()) {
                json.writeNumberField(score.getKey(), score.getValue());
            }
            json.writeEndObject();
        }
        if (parts.contains(Part.SPAN) && read.span().isPresent()) {
            Span span = read.span().get();
            json.writeObjectFieldStart(SPAN);
            json.writeNumberField("start", span.start());
            json.writeNumberField("end", span.end());
            json.writeStringField("text", span.of(text));
            json.writeEndObject();
        }
        if (parts.contains(Part.SPANS)) {
            json.writeArrayFieldStart(SPANS);
            for (ScoredSpan scored : read.spans()) {
                json.writeStartObject();
                json.writeNumberField("start", scored.span().start());
                json.writeNumberField("end", scored.span().end());
                json.writeNumberField(SCORE, scored.score());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        if (parts.contains(Part.READING)) {
            if (read.modelSkipped().isPresent()) {
                json.writeBooleanField(MODEL_SKIPPED, read.modelSkipped().get());
            }
            if (read.scan().isPresent()) {
                LlmGuard.Scan scan = read.scan().get();
                json.writeBooleanField(VALID, scan.valid());
                json.writeNumberField(RISK_SCORE, scan.riskScore());
            }
        }
    }

    /** A read as a JSON object of this shape, for Jackson to write where it appears in a larger value. */
    public JsonSerializable object(Read read, String text) {
        return new JsonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator json, SerializerProvider provider) throws IOException {
                json.writeStartObject();
                writeFields(json, read, text);
                json.writeEndObject();
            }

            @Override
            public void serializeWithType(JsonGenerator json, SerializerProvider provider, TypeSerializer types)
                    throws IOException {
                serialize(json, provider);
            }
        };
    }
}

package dev.rejection.detect.mode;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.lexical.LexicalDetector;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * How a text is to be read, checked once: the match mode, the window stride, the lexical cascade and the preset.
 * Every command and adapter (classify, eval, serve, spark-score, stream) turns its options into one of these and
 * reads through {@link #on}; nothing else decides a default or checks a combination.
 *
 * <pre>{@code
 * ReadSpec spec = ReadSpec.of(MatchMode.WINDOW, null, null, Preset.DEFAULT);
 * List<Read> reads = spec.on(SpanScorer.of(detector)).read(texts);
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ReadSpec {
    private static final ReadSpec DEFAULTS = new ReadSpec(null, null, null, Preset.DEFAULT);

    private final MatchMode mode;
    private final Integer stride;
    private final Set<Cascade.Decisive> cascade;
    private final Preset preset;

    private ReadSpec(MatchMode mode, Integer stride, Set<Cascade.Decisive> cascade, Preset preset) {
        this.mode = mode;
        this.stride = stride;
        this.cascade = cascade == null ? null : Set.copyOf(cascade);
        this.preset = preset;
    }

    /** Full mode, no cascade, no preset: the model card's reading. */
    public static ReadSpec defaults() {
        return DEFAULTS;
    }

    /**
     * A reading, checked.
     *
     * @param mode    the match mode; null for the preset's ({@link Preset#mode()}, full for the default preset)
     * @param stride  tokens shared by consecutive windows, window and deep mode only; null for
     *                {@link ModeDetector#defaultStride}
     * @param cascade the decisive lexical kinds that skip the model ({@link Cascade#parseTrust}); null for no cascade
     * @param preset  settings and rules taken over from elsewhere (LLM Guard)
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static ReadSpec of(MatchMode mode, Integer stride, Set<Cascade.Decisive> cascade, Preset preset) {
        Objects.requireNonNull(preset, "preset");
        MatchMode chosen = mode != null ? mode : preset.mode();
        if (stride != null && !chosen.windowed()) {
            throw new IllegalArgumentException("a stride applies to window and deep mode only, not to " + chosen
                    + " mode");
        }
        if (stride != null && stride < 0) {
            throw new IllegalArgumentException("stride must be at least 0, got " + stride);
        }
        return new ReadSpec(mode, stride, cascade, preset);
    }

    /** The same reading in another mode (the stride is dropped unless that mode reads windows). */
    public ReadSpec inMode(MatchMode other) {
        return of(other, other.windowed() ? stride : null, cascade, preset);
    }

    public MatchMode mode() {
        return mode != null ? mode : preset.mode();
    }

    /** The stride given; empty for the default of the model's window. */
    public OptionalInt stride() {
        return stride == null ? OptionalInt.empty() : OptionalInt.of(stride);
    }

    /** The decisive kinds the cascade trusts; empty when there is no cascade. */
    public Optional<Set<Cascade.Decisive>> cascade() {
        return Optional.ofNullable(cascade);
    }

    public Preset preset() {
        return preset;
    }

    /**
     * The detector settings this reading implies: {@code threshold} and {@code maxLength} when given (not null),
     * else the preset's, else the detector's own.
     */
    public RejectionDetector.Builder configure(RejectionDetector.Builder builder, Double threshold,
                                               Integer maxLength) {
        if (threshold != null) {
            builder.threshold(threshold);
        } else if (preset.threshold().isPresent()) {
            builder.threshold(preset.threshold().getAsDouble());
        }
        if (maxLength != null) {
            builder.maxLength(maxLength);
        } else if (preset.maxLength().isPresent()) {
            builder.maxLength(preset.maxLength().getAsInt());
        }
        return builder;
    }

    /** The threshold a detector configured by {@link #configure} with {@code threshold} uses. */
    public double threshold(Double threshold) {
        return threshold != null ? threshold : preset.threshold().orElse(RejectionDetector.DEFAULT_THRESHOLD);
    }

    /**
     * This reading over a scorer (usually {@link SpanScorer#of} a detector); the cascade's phrases are parsed here,
     * once.
     *
     * @throws IllegalArgumentException when the scorer cannot be read so: a stride not below its window, or
     *                                  sentences or windows of a model that reads no tokens
     */
    public Reading on(SpanScorer scorer) {
        ModeDetector model = stride != null ? ModeDetector.of(scorer, mode(), stride) : ModeDetector.of(scorer, mode());
        Cascade lexicalFirst = cascade != null ? Cascade.of(LexicalDetector.defaults(), model, cascade) : null;
        return new Reading(this, scorer, model, lexicalFirst);
    }

    /** The reading over a detector. */
    public Reading on(RejectionDetector detector) {
        return on(SpanScorer.of(detector));
    }

    @Override
    public String toString() {
        return "mode " + mode() + (stride != null ? ", stride " + stride : "")
                + (cascade != null ? ", cascade " + cascade : "") + ", preset " + preset;
    }
}

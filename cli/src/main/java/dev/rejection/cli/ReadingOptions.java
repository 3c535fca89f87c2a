package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.Cascade;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.Reading;
import dev.rejection.model.ModelException;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How the detector reads each text, shared by the commands that score text: match mode, window stride, the lexical
 * cascade, the preset and the threshold. They become a {@link ReadSpec}, which checks them; and, with the
 * {@link ModelOptions}, a detector ({@link #load}): the one path from options to a detector.
 */
final class ReadingOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "MODE", converter = MatchModeConverter.class,
            description = "full (the whole text, truncated to the max length: the model card's behaviour), sentence "
                    + "(every sentence, score = the highest), window (token windows over the whole text, up to the "
                    + "answer's closing when it is longer than a window, score = the highest; windows of the model's "
                    + "own window length where its config.json gives one, 128 tokens for the embedded default, else of "
                    + "the max length) or deep (the full read, and over what "
                    + "it cuts off a long text token windows and a window ending with each paragraph or run of short "
                    + "paragraphs, up to the answer's closing (\"I hope this helps! Let me know ...\"): full's "
                    + "verdicts on ordinary answers, refusals deep in long ones still found). Default: full. "
                    + "Entries then name the deciding span.")
    MatchMode mode;

    @Option(names = "--stride", paramLabel = "N",
            description = "Tokens shared by consecutive windows in --mode window or deep (default: "
                    + ModeDetector.DEFAULT_STRIDE + ", or half the window when that is smaller).")
    Integer stride;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "default", paramLabel = "KINDS",
            description = "Try the lexical detector first: texts whose phrases decide clearly, of the kinds trusted, "
                    + "skip the model. KINDS: default (as measured for the embedded default, see docs/modes.md), "
                    + "none, rejection, normal, or rejection,normal.")
    String cascade;

    @Option(names = "--preset", paramLabel = "NAME", converter = PresetConverter.class,
            description = "default, or llm-guard: LLM Guard NoRefusal compatibility: threshold 0.75 (strict >), max "
                    + "length 128, risk_score and valid in the output, blank texts valid with risk -1. --threshold, "
                    + "--max-length and --mode given explicitly override it.")
    Preset preset;

    @Option(names = "--threshold", paramLabel = "P",
            description = "A text is a rejection when P(REJECTION) > P (default: 0.5, the model's argmax, or the "
                    + "preset's).")
    Double threshold;

    /** Why {@code --prompt-field} is refused for {@code model} (classify and eval say the same). */
    static String promptsNotRead(String model) {
        return "--prompt-field: " + dev.rejection.model.ModelConfig.answersAlone(model);
    }

    /** --gate's values. */
    enum Gate { auto, on, off }

    @Option(names = "--gate", paramLabel = "WHEN",
            description = "The evidence gate: a rejection the model finds in a text with no sign of refusal (no "
                    + "apology, decline, inability, 'as an AI', missing information, deflection, referral, premise, "
                    + "moralising or policy word) is overruled, its score capped at the threshold and \"gated\": true "
                    + "in JSON. For texts in "
                    + "English, Spanish, French, German, Portuguese, Italian, Dutch, Polish, Russian, Chinese or "
                    + "Japanese, lists, code and very short texts; other languages keep the model's verdict. "
                    + "auto (default): as the model's config.json says (on for the embedded default, off for models "
                    + "that do not ask, e.g. ProtectAI's, whose verdicts stay the pipeline's); on; off.")
    Gate gate;

    /** {@link MatchMode#parse}, so that a bad --mode gets its message (which lists the modes). */
    static final class MatchModeConverter implements picocli.CommandLine.ITypeConverter<MatchMode> {
        @Override
        public MatchMode convert(String value) {
            try {
                return MatchMode.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@link Preset#parse}, so that a bad --preset gets its message (which lists the presets). */
    static final class PresetConverter implements picocli.CommandLine.ITypeConverter<Preset> {
        @Override
        public Preset convert(String value) {
            try {
                return Preset.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Whether any reading option was given: then entries name the span that decided. */
    boolean given() {
        return mode != null || stride != null || cascade != null || preset != null;
    }

    /** The reading the options ask for, checked. */
    ReadSpec readSpec() {
        Set<Cascade.Decisive> trust = null;
        if (cascade != null) {
            try {
                trust = Cascade.parseTrust(cascade);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--cascade: " + e.getMessage(), e);
            }
        }
        try {
            return ReadSpec.of(mode, stride, trust, preset != null ? preset : Preset.DEFAULT);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The threshold given, checked; null when none was. */
    Double threshold() {
        if (threshold != null && !(threshold >= 0 && threshold <= 1)) {
            throw new ParameterException(spec.commandLine(), "--threshold must be between 0 and 1, got " + threshold);
        }
        return threshold;
    }

    /**
     * The detector the options and {@code model} describe: the embedded default when there is no --model, the
     * threshold and max length given or the preset's.
     *
     * @param batchSize texts per model call; null for the detector's default
     */
    RejectionDetector load(ModelOptions model, Integer batchSize) {
        return build(builder(model, batchSize));
    }

    /** As {@link #load}, to be built later (e.g. by a server loading in the background). */
    RejectionDetector.Builder builder(ModelOptions model, Integer batchSize) {
        ReadSpec reading = readSpec();
        Path modelDir = model.modelDir();
        RejectionDetector.Builder builder = RejectionDetector.builder();
        if (modelDir != null) {
            builder.modelDir(modelDir); // else the embedded default
        }
        if (model.onnxFile != null) {
            builder.onnxFile(model.onnxFile);
        }
        configure(builder, reading, model.maxLength);
        if (batchSize != null) {
            builder.batchSize(batchSize);
        }
        if (model.threads != null) {
            builder.intraOpThreads(model.threads);
        }
        return builder;
    }

    /**
     * The threshold (given or the preset's), the evidence gate of these options and {@code maxLength} (null: the
     * preset's or the model's), set on {@code builder}; {@code reading} is these options' {@link #readSpec}.
     */
    RejectionDetector.Builder configure(RejectionDetector.Builder builder, ReadSpec reading, Integer maxLength) {
        reading.configure(builder, threshold(), maxLength);
        return gate(builder);
    }

    private RejectionDetector.Builder gate(RejectionDetector.Builder builder) {
        if (gate != null && gate != Gate.auto) {
            builder.evidenceGate(gate == Gate.on);
        }
        return builder;
    }

    /** Builds the detector, a load failure as a usage error naming what is wrong. */
    RejectionDetector build(RejectionDetector.Builder builder) {
        try {
            return builder.build();
        } catch (ModelException | IllegalArgumentException | java.io.UncheckedIOException e) {
            // the tokenizer's own load errors name their file too
            throw new ParameterException(spec.commandLine(), "cannot load the model: " + e.getMessage(), e);
        }
    }

    /** The options' reading over {@code detector}; a stride the model's window cannot take is a usage error. */
    Reading reading(RejectionDetector detector) {
        try {
            return readSpec().on(detector);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }
}

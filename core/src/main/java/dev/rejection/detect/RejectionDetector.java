package dev.rejection.detect;

import dev.rejection.detect.head.HeadClassifier;
import dev.rejection.detect.head.HeadSpec;
import dev.rejection.detect.lexical.RefusalEvidence;
import dev.rejection.model.ClasspathModel;
import dev.rejection.model.ModelConfig;
import dev.rejection.model.ModelDir;
import dev.rejection.model.ModelException;
import dev.rejection.pipeline.Classification;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.pipeline.TextClassifier;
import dev.rejection.tokenizer.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells whether LLM answers are rejections (refusals): a text-classification model plus a threshold on the
 * probability of its positive label.
 *
 * <pre>{@code
 * try (RejectionDetector detector = RejectionDetector.load(Path.of("models/distilroberta-base-rejection-v1"))) {
 *     Verdict verdict = detector.classify("I'm sorry, but I can't help with that.");
 *     if (verdict.rejection()) { ... }
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe: one instance serves all threads. Close it to release the ONNX session.
 */
public final class RejectionDetector implements RejectionCheck, AutoCloseable {
    /** The positive label looked for (case-insensitively) when none is configured. */
    public static final String DEFAULT_POSITIVE_LABEL = "REJECTION";
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Classpath folder of the embedded default detector, used when no model is named. */
    public static final String DEFAULT_MODEL = "dev/rejection/default";

    private final TextClassifier classifier;
    private final double threshold;
    private final String positiveLabel;
    private final boolean gate; // whether a rejection without any sign of one is overruled
    private final boolean readsPrompts;
    private final int windowLength;

    private RejectionDetector(TextClassifier classifier, double threshold, String positiveLabel,
                              boolean gate, boolean readsPrompts, int windowLength) {
        this.readsPrompts = readsPrompts;
        this.windowLength = Math.min(windowLength, classifier.maxLength());
        this.classifier = classifier;
        this.threshold = threshold;
        this.positiveLabel = positiveLabel;
        this.gate = gate;
    }

    /** A detector for the model directory with default settings. */
    public static RejectionDetector load(Path modelDir) {
        return builder().modelDir(modelDir).build();
    }

    /** The embedded default detector, from the artifact {@code rejection-default-model} on the classpath. */
    public static RejectionDetector loadDefault() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Classifies one text. */
    @Override
    public Verdict classify(String text) {
        return verdict(classifier.classify(requireText(text, 0)), text);
    }

    /** Classifies texts (batched as the model allows); verdicts in input order. */
    public List<Verdict> classify(List<String> texts) {
        return classify(null, texts);
    }

    /**
     * Whether {@code answer} is a rejection of {@code prompt}: the two read as a text pair, the way Hugging Face
     * encodes pairs for the model's tokenizer (RoBERTa {@code <s>prompt</s></s>answer</s>}, BERT
     * {@code [CLS] prompt [SEP] answer [SEP]} with token types), the prompt cut first when the two are too long. A
     * null or blank prompt (an empty CSV cell) reads the answer alone, and so does a model not trained on pairs
     * ({@link #readsPrompts()}): a pair would be input it never saw. The verdict's counts and cut are about the
     * answer. The embedded default reads answers alone: its prompt is dropped.
     */
    @Override
    public Verdict classify(String prompt, String answer) {
        return classify(java.util.Collections.singletonList(prompt), List.of(requireText(answer, 0))).get(0);
    }

    /**
     * Answers after their prompts, as {@link #classify(String, String)}; {@code prompts} null, or with null or blank
     * items, where there is none. Verdicts in input order.
     */
    public List<Verdict> classify(List<String> prompts, List<String> texts) {
        for (int i = 0; i < texts.size(); i++) {
            requireText(texts.get(i), i);
        }
        if (prompts != null && prompts.size() != texts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts for " + texts.size() + " answers");
        }
        // a model not trained on pairs reads answers alone; a blank prompt is no prompt
        List<String> given = !readsPrompts || prompts == null ? null
                : prompts.stream().map(p -> p == null || p.isBlank() ? null : p).toList();
        List<Classification> classified = given == null || given.stream().allMatch(java.util.Objects::isNull)
                ? classifier.classify(texts) : classifier.classify(given, texts);
        List<Verdict> verdicts = new ArrayList<>(texts.size());
        for (int i = 0; i < classified.size(); i++) {
            verdicts.add(verdict(classified.get(i), texts.get(i)));
        }
        return verdicts;
    }

    private static String requireText(String text, int index) {
        if (text == null) {
            throw new IllegalArgumentException("text " + index + " is null");
        }
        return text;
    }

    private Verdict verdict(Classification c, String text) {
        Verdict verdict = Verdict.decide(c, positiveLabel, threshold);
        return verdict.rejection() && cleared(text.substring(0, verdict.read(text)))
                ? verdict.gated(positiveLabel, threshold) : verdict;
    }

    /** Whether the evidence gate overrules a rejection found in {@code read}, the part of a text the model read. */
    private boolean cleared(String read) {
        return gate && RefusalEvidence.defaults().clears(read);
    }

    /**
     * The score that ranks a text for measures taken over every threshold (ROC and precision-recall curves, the
     * threshold of best F1): {@code score}, or 0 when the evidence gate clears {@code read}, the part of the text the
     * model read, for then the text is no rejection at any threshold (a verdict's own score is capped at this
     * detector's threshold only). At this detector's threshold it gives the verdicts {@link #classify} gives.
     *
     * @param score the model's score of the text (its verdict's score)
     */
    public double rankingScore(String read, double score) {
        return cleared(read) ? 0 : score;
    }

    /** {@link #rankingScore(String, double)} of a text with its verdict. */
    public double rankingScore(String text, Verdict verdict) {
        return rankingScore(text.substring(0, verdict.read(text)), verdict.score());
    }

    /**
     * Whether the evidence gate is on: a rejection the model finds in a text without any sign of one
     * ({@link RefusalEvidence#clears}) is overruled, with {@link Verdict#gated()} set. On where the model's
     * {@code config.json} asks for it ({@link ModelConfig#EVIDENCE_GATE}, as the embedded default does) unless the
     * builder says otherwise.
     */
    public boolean evidenceGate() {
        return gate;
    }

    /**
     * Whether prompts are read with the answers: the model was trained on (prompt, answer) pairs (its
     * {@code config.json} says {@link ModelConfig#READS_PROMPTS}, as {@code train --full --prompt-field} writes), or
     * the builder says so. Otherwise a prompt given is left out and the answer read alone.
     */
    public boolean readsPrompts() {
        return readsPrompts;
    }

    /** The probability above which a text is a rejection. */
    public double threshold() {
        return threshold;
    }

    /** The model's labels in id order. */
    public List<String> labels() {
        return classifier.labels();
    }

    /** The label whose probability is compared with the threshold. */
    public String positiveLabel() {
        return positiveLabel;
    }

    /** Tokens per text after truncation, special tokens included. */
    public int maxLength() {
        return classifier.maxLength();
    }

    /**
     * Tokens per window when a long text is read in windows, special tokens included: the length the model was
     * trained on where its {@code config.json} says it ({@link ModelConfig#WINDOW_LENGTH}, as the embedded default
     * does), else {@link #maxLength()}; a max length set on the builder sets this too. Never above the max length.
     */
    public int windowLength() {
        return windowLength;
    }

    /**
     * The tokenizer the model reads with, truncating to {@link #maxLength()}: what callers need to cut texts into
     * spans the model reads whole (e.g. token windows). Empty for a model that reads no tokens (a lexical-only head).
     */
    public Optional<Tokenizer> tokenizer() {
        return classifier.tokenizer();
    }

    @Override
    public void close() {
        classifier.close();
    }

    /** Settings for a detector; all have defaults, the model too (the embedded default detector). */
    public static final class Builder {
        private Path modelDir;
        private String classpathDir;
        private String onnxFile;
        private double threshold = DEFAULT_THRESHOLD;
        private String positiveLabel;
        private int maxLength;
        private int batchSize;
        private int intraOpThreads;
        private int parallelism;
        private Boolean evidenceGate;
        private Boolean readsPrompts;

        private Builder() {
        }

        /**
         * Whether prompts given with answers are read ({@link RejectionDetector#readsPrompts()}); null (the
         * default): as the model's {@code config.json} says. Forcing it on for a model trained on answers alone
         * gives it input it never saw.
         */
        public Builder readsPrompts(Boolean on) {
            this.readsPrompts = on;
            return this;
        }

        /**
         * Whether to read with the evidence gate ({@link RejectionDetector#evidenceGate()}); null (the default): as
         * the model's {@code config.json} says, off for models that do not ask for it.
         */
        public Builder evidenceGate(Boolean on) {
            this.evidenceGate = on;
            return this;
        }

        /** A model directory in Hugging Face layout. */
        public Builder modelDir(Path dir) {
            this.modelDir = dir;
            return this;
        }

        /** A model directory packaged as classpath resources, e.g. {@code "models/rejection"}. */
        public Builder classpath(String resourceDir) {
            this.classpathDir = resourceDir;
            return this;
        }

        /** The ONNX file relative to the model directory, e.g. {@code onnx/model_quantized.onnx}. */
        public Builder onnxFile(String file) {
            this.onnxFile = file;
            return this;
        }

        /** Probability of the positive label above which a text is a rejection; 0.5 by default. */
        public Builder threshold(double threshold) {
            if (!(threshold >= 0 && threshold <= 1)) {
                throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /** The positive label; by default the one named REJECTION (in any case). */
        public Builder positiveLabel(String label) {
            this.positiveLabel = label;
            return this;
        }

        /** Tokens per text after truncation; by default the model's own limit (512 for RoBERTa). */
        public Builder maxLength(int maxLength) {
            this.maxLength = positive("max length", maxLength);
            return this;
        }

        /** Texts per model call; by default 1 (calls run side by side instead, see {@link #intraOpThreads}). */
        public Builder batchSize(int batchSize) {
            this.batchSize = positive("batch size", batchSize);
            return this;
        }

        /**
         * Threads one model call may use; by default one, with one text per call on as many threads as there are
         * cores.
         */
        public Builder intraOpThreads(int threads) {
            this.intraOpThreads = positive("intra-op threads", threads);
            return this;
        }

        /**
         * Model calls one {@code classify(list)} runs at once; by default as many as fit the cores at
         * {@link #intraOpThreads} each. Set 1 where the caller
         * already classifies on every core, as a Spark executor does.
         */
        public Builder parallelism(int calls) {
            this.parallelism = positive("parallelism", calls);
            return this;
        }

        private static int positive(String what, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(what + " must be at least 1, got " + value);
            }
            return value;
        }

        /**
         * Loads the model and checks the settings against it.
         *
         * @throws ModelException naming the file when the model is missing or broken, or listing the labels when
         *                        the positive label is not among them
         */
        public RejectionDetector build() {
            if (modelDir != null && classpathDir != null) {
                throw new IllegalStateException("set at most one of modelDir and classpath");
            }
            if (modelDir != null) {
                if (HeadClassifier.isHeadDetector(modelDir)) {
                    return build(HeadClassifier.load(modelDir, maxLength, intraOpThreads), modelDir + "/" + HeadSpec.FILE_NAME);
                }
                return build(ModelDir.open(modelDir, onnxFile));
            }
            String resourceDir = classpathDir != null ? classpathDir : DEFAULT_MODEL;
            ClassLoader loader = Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader()
                    : RejectionDetector.class.getClassLoader();
            String prefix = resourceDir.replaceAll("^/+|/+$", ""); // a resource name has no leading slash
            if (loader.getResource(prefix + "/" + HeadSpec.FILE_NAME) != null) {
                return build(HeadClassifier.loadClasspath(resourceDir, loader, maxLength, intraOpThreads),
                        "classpath:" + resourceDir);
            }
            // read into memory and loaded from there: nothing is written to disk at start
            ClasspathModel model;
            try {
                model = ClasspathModel.read(resourceDir, onnxFile, loader);
            } catch (ModelException e) {
                // the default ships apart from core, so that a service naming its own model need not carry it;
                // said only when it is missing, not when a file named in it (--onnx-file) is
                boolean absent = loader.getResource(prefix + "/config.json") == null;
                String hint = classpathDir == null && absent
                        ? "; the embedded default is the artifact dev.rejection:rejection-default-model: add it to "
                                + "the classpath, or name a model"
                        : "";
                throw new ModelException("classpath model " + resourceDir + ": " + e.getMessage() + hint, e);
            }
            String positive = positiveLabel(model.config());
            boolean gated = gate(model.config().evidenceGate()); // before the session: the phrases parse meanwhile
            return new RejectionDetector(TextClassificationPipeline.load(model, maxLength, batchSize,
                    intraOpThreads, parallelism), threshold, positive, gated, prompts(model.config().readsPrompts()),
                    window(model.config()));
        }

        private RejectionDetector build(ModelDir dir) {
            String positive = positiveLabel(dir.config());
            boolean gated = gate(dir.config().evidenceGate()); // before the session: the phrases parse meanwhile
            TextClassificationPipeline pipeline =
                    TextClassificationPipeline.load(dir, maxLength, batchSize, intraOpThreads, parallelism);
            return new RejectionDetector(pipeline, threshold, positive, gated, prompts(dir.config().readsPrompts()),
                    window(dir.config()));
        }

        /** The window length: a max length given wins, then the model's own window, then the max length. */
        private int window(ModelConfig config) {
            return maxLength > 0 ? maxLength : config.windowLength().orElse(Integer.MAX_VALUE);
        }

        private boolean prompts(boolean modelSays) {
            return readsPrompts != null ? readsPrompts : modelSays;
        }

        /** Whether the gate is on; when it is, its phrases start parsing in the background. */
        private boolean gate(boolean modelAsks) {
            boolean on = evidenceGate != null ? evidenceGate : modelAsks;
            if (on) {
                RefusalEvidence.preload();
            }
            return on;
        }

        private String positiveLabel(ModelConfig config) {
            if (config.numLabels() < 2) {
                throw new ModelException(config.source() + " has " + config.numLabels() + " label; a "
                        + "rejection detector needs the positive label and at least one other");
            }
            return findPositiveLabel(config.labels(), config.source());
        }

        private RejectionDetector build(TextClassifier classifier, String source) {
            try {
                return new RejectionDetector(classifier, threshold, findPositiveLabel(classifier.labels(), source),
                        gate(false), prompts(false), classifier.maxLength());
            } catch (RuntimeException e) {
                classifier.close();
                throw e;
            }
        }

        private String findPositiveLabel(List<String> labels, String source) {
            String wanted = positiveLabel != null ? positiveLabel : DEFAULT_POSITIVE_LABEL;
            if (labels.contains(wanted)) {
                return wanted;
            }
            for (String label : labels) {
                if (label.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT))) {
                    return label;
                }
            }
            List<String> numbered = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                numbered.add(i + " " + labels.get(i));
            }
            throw new ModelException("positive label '" + wanted + "' is not among the labels of " + source + ": "
                    + numbered + (positiveLabel != null ? "" : "; name the rejection label " + DEFAULT_POSITIVE_LABEL
                    + " in its config.json's id2label, or give its name to RejectionDetector.Builder.positiveLabel"));
        }
    }
}

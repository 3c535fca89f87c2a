package dev.rejection.pipeline;

import dev.rejection.model.ClasspathModel;
import dev.rejection.model.ModelConfig;
import dev.rejection.model.ModelDir;
import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.onnx.TokenBatch;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.tokenizer.Truncation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Text classification as transformers' {@code TextClassificationPipeline} with {@code truncation=True}:
 * {@link #preprocess} (tokenize, truncate to the maximum length) → {@link #forward} (pad a batch, run ONNX) →
 * {@link #postprocess} (softmax, sigmoid or none, per the config; all label scores). Batching sits around these
 * three in {@link Batcher}.
 *
 * <p>By default every model runs one text per call, one ONNX Runtime thread per call, as many calls at once as there
 * are cores. For dynamically quantized int8 models (graphs with {@code DynamicQuantizeLinear} /
 * {@code MatMulInteger}) ONNX Runtime computes one activation scale per batch tensor, so padding and batch mates
 * would shift the results (measured on all-MiniLM-L6-v2-q: hidden states move by up to 0.38, mean 0.07). For fp32
 * models, whose scores do not depend on batch mates (within 1e-5), it is simply the fastest on CPUs: no padding, no
 * synchronisation inside a call (200 real answers of ~225 words on a distilroberta-sized fp32 model, 2 cores:
 * 18.7 s against 21.1 s for length-sorted batches of 8 on two threads; even on short texts).
 *
 * <p>Immutable and thread-safe; closing it closes the ONNX session.
 */
public final class TextClassificationPipeline implements TextClassifier {
    /**
     * Model types whose position ids start after the padding id (RoBERTa's scheme), so that
     * {@code max_position_embeddings - (pad_token_id + 1)} positions are left for tokens: 514 → 512.
     */
    private static final Set<String> PADDING_OFFSET_POSITIONS = Set.of("roberta", "xlm-roberta", "xlm-roberta-xl",
            "camembert", "longformer", "data2vec-text", "roberta-prelayernorm", "xmod", "ibert", "mpnet");

    private final Tokenizer tokenizer;
    private final OnnxModel model;
    private final List<String> labels;
    private final ScoreFunction scoreFunction;
    private final int maxLength;
    private final int padId;
    private final Batcher batcher;

    /**
     * Assembles a pipeline from its parts; {@link #load} does this for a model directory.
     *
     * @param maxLength tokens per text after truncation, special tokens included
     */
    public TextClassificationPipeline(Tokenizer tokenizer, OnnxModel model, ModelConfig config, int maxLength,
                                      Batcher batcher) {
        if (maxLength <= tokenizer.numSpecialTokensToAdd()) {
            throw new IllegalArgumentException("max length " + maxLength + " leaves no room for a token of text "
                    + "after the " + tokenizer.numSpecialTokensToAdd() + " special tokens");
        }
        // padding and truncation are the pipeline's job, whatever tokenizer.json configures
        this.tokenizer = tokenizer.withoutPadding()
                .withTruncation(new Truncation(maxLength, 0, Truncation.Strategy.LONGEST_FIRST));
        this.model = model;
        this.labels = config.labels();
        this.scoreFunction = ScoreFunction.forConfig(config);
        this.maxLength = maxLength;
        this.padId = tokenizer.padId().orElse(config.padTokenId().orElse(0));
        this.batcher = batcher;
    }

    /**
     * Loads tokenizer and ONNX graph of a model directory.
     *
     * @param maxLength      0 for the model's own limit ({@link #defaultMaxLength}), else at most that limit
     * @param batchSize      texts per model call; 0 for the default, 1
     * @param intraOpThreads threads per model call; 0 for the default, 1. With fewer threads than cores, batches run
     *                       that many calls at once.
     */
    public static TextClassificationPipeline load(ModelDir dir, int maxLength, int batchSize, int intraOpThreads) {
        return load(dir, maxLength, batchSize, intraOpThreads, 0);
    }

    /**
     * As {@link #load(ModelDir, int, int, int)}, with the number of model calls that one {@code classify(list)}
     * runs at once.
     *
     * @param parallelism 0 for the default: as many calls as fit the cores at {@code intraOpThreads} each; 1 where
     *                    something else already runs one classify per core (a Spark executor's task slots)
     */
    public static TextClassificationPipeline load(ModelDir dir, int maxLength, int batchSize, int intraOpThreads,
                                                  int parallelism) {
        return assemble(() -> Tokenizer.fromDirectory(dir.root()), dir.config(), dir.modelMaxLength(),
                threads -> OnnxModel.loadClassifier(dir.onnxFile(), threads),
                maxLength, batchSize, intraOpThreads, parallelism);
    }

    /**
     * As {@link #load(ModelDir, int, int, int, int)} for a model read from the classpath: the session is created
     * from the graph's bytes, and nothing is written to disk.
     */
    public static TextClassificationPipeline load(ClasspathModel classpath, int maxLength, int batchSize,
                                                  int intraOpThreads, int parallelism) {
        return assemble(() -> Tokenizer.fromJson(classpath.tokenizerJson(), classpath.tokenizerSource()),
                classpath.config(), classpath.modelMaxLength(),
                threads -> classpath.onnxRegion()
                        .map(region -> OnnxModel.loadClassifier(region, classpath.onnxSource(), threads))
                        .orElseGet(() -> OnnxModel.load(classpath.onnx(), classpath.onnxSource(), threads)),
                maxLength, batchSize, intraOpThreads, parallelism);
    }

    private static TextClassificationPipeline assemble(Supplier<Tokenizer> tokenizerLoader, ModelConfig config,
                                                       OptionalInt modelMaxLength, IntFunction<OnnxModel> session,
                                                       int maxLength, int batchSize, int intraOpThreads,
                                                       int parallelism) {
        int limit = defaultMaxLength(config, modelMaxLength);
        if (maxLength > limit) {
            throw new ModelException("max length " + maxLength + " exceeds what " + config.source()
                    + " allows: " + limit + " tokens");
        }
        int cores = Runtime.getRuntime().availableProcessors();
        // one core per call by default: on 2 cores a fine-tuned int8 MiniLM scored 209 texts/s so against 120 with
        // two threads per call (calls then fight), and an fp32 distilroberta 12% more than with two
        int threads = intraOpThreads > 0 ? intraOpThreads : 1;
        // the tokenizer is parsed on a second thread while ONNX Runtime builds the session: the two are independent
        // and each costs a few hundred milliseconds of a cold start (RoBERTa's 50k-merge tokenizer.json ~0.6 s)
        FutureTask<Tokenizer> tokenizer = new FutureTask<>(tokenizerLoader::get);
        Thread tokenizerThread = new Thread(tokenizer, "tokenizer-load");
        tokenizerThread.setDaemon(true);
        tokenizerThread.start();
        OnnxModel model;
        try {
            model = session.apply(threads);
        } catch (RuntimeException e) {
            try {
                awaitTokenizer(tokenizer); // a broken tokenizer is reported first, as when the two loaded in turn
            } catch (RuntimeException first) {
                first.addSuppressed(e);
                throw first;
            }
            throw e;
        }
        try {
            Tokenizer loaded = awaitTokenizer(tokenizer);
            requireOneLogitPerLabel(model, config);
            int size = batchSize > 0 ? batchSize : 1;
            // calls run side by side until the cores are used: with one thread per call, bulk scoring of short
            // texts gains ~20% over one two-thread call at a time (no synchronisation inside a call)
            int calls = parallelism > 0 ? parallelism : Math.max(1, cores / threads);
            return new TextClassificationPipeline(loaded, model, config, maxLength > 0 ? maxLength : limit,
                    new Batcher(size, calls));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** Waits for the tokenizer's load; the loader's exception is rethrown as it was thrown. */
    private static Tokenizer awaitTokenizer(FutureTask<Tokenizer> tokenizer) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return tokenizer.get();
                } catch (InterruptedException e) {
                    interrupted = true; // the load is short: finish it, and keep the interrupt for the caller
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException("cannot load the tokenizer: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** id2label must name every logit the graph gives, or scores would be paired with the wrong labels. */
    private static void requireOneLogitPerLabel(OnnxModel model, ModelConfig config) {
        OptionalLong width = model.outputWidth();
        if (width.isPresent() && width.getAsLong() != config.numLabels()) {
            throw new ModelException(config.source() + ": id2label has " + config.numLabels() + " labels "
                    + config.describeLabels() + ", but ONNX model " + model.source() + " gives " + width.getAsLong()
                    + " logits per text (output '" + model.outputName() + "'); the config and the graph are not "
                    + "of one model");
        }
    }

    /**
     * The longest input the model takes, as transformers computes it: {@code model_max_length} from
     * {@code tokenizer_config.json}, capped by the position embeddings ({@code max_position_embeddings}, less
     * {@code pad_token_id + 1} for RoBERTa-style models).
     *
     * @throws ModelException when neither limit is known
     */
    public static int defaultMaxLength(ModelConfig config, OptionalInt modelMaxLength) {
        OptionalInt positions = config.maxPositionEmbeddings();
        if (positions.isPresent() && config.modelType().filter(PADDING_OFFSET_POSITIONS::contains).isPresent()) {
            positions = OptionalInt.of(positions.getAsInt() - (config.padTokenId().orElse(1) + 1));
        }
        if (modelMaxLength.isPresent() && positions.isPresent()) {
            return Math.min(modelMaxLength.getAsInt(), positions.getAsInt());
        }
        if (modelMaxLength.isPresent()) {
            return modelMaxLength.getAsInt();
        }
        if (positions.isPresent()) {
            return positions.getAsInt();
        }
        throw new ModelException(config.source() + " has no max_position_embeddings and tokenizer_config.json no "
                + "model_max_length: set a max length");
    }

    /**
     * Tokenizes one text with special tokens, truncated to {@link #maxLength()}; no padding. Only as much of a long
     * text is tokenized as the kept tokens need ({@link Tokenizer#encodeHead}), so memory per text stays bounded.
     */
    public Encoding preprocess(String text) {
        return tokenizer.encodeHead(text, true);
    }

    /**
     * Tokenizes an answer after its prompt as a text pair ({@link Tokenizer#encodePair}: the prompt cut first when
     * the two do not fit), or the answer alone when the prompt is null.
     */
    public Encoding preprocess(String prompt, String text) {
        return prompt == null ? preprocess(text) : tokenizer.encodePair(prompt, text, true);
    }

    /** Pads the encodings to the longest among them and runs the model: one row of logits per encoding. */
    public float[][] forward(List<Encoding> encodings) {
        float[][] logits = model.logits(TokenBatch.pad(encodings, padId));
        if (logits.length != encodings.size() || logits[0].length != labels.size()) {
            throw new ModelException("ONNX model " + model.source() + " gave logits of " + logits.length + " x "
                    + logits[0].length + " for " + encodings.size() + " texts and " + labels.size() + " labels "
                    + "(id2label)");
        }
        return logits;
    }

    /** Scores of every label for one text. */
    public Classification postprocess(Encoding encoding, float[] logits) {
        double[] scores = scoreFunction.apply(logits);
        for (double score : scores) {
            if (Double.isNaN(score)) { // it would pass every threshold test as "not a rejection"
                throw new ModelException("model " + model.source() + " gave logits " + Arrays.toString(logits)
                        + " for a text of " + encoding.length() + " tokens: its weights are damaged or it "
                        + "overflows in this precision");
            }
        }
        Map<String, Double> byLabel = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            byLabel.put(labels.get(i), scores[i]);
        }
        int tokens = 0;
        for (int attended : encoding.attentionMask()) {
            tokens += attended;
        }
        return new Classification(byLabel, tokens, encoding.truncated(), encoding.cut());
    }

    /** Classifies one text in one model call. */
    @Override
    public Classification classify(String text) {
        Encoding encoding = preprocess(text);
        return postprocess(encoding, forward(List.of(encoding))[0]);
    }

    /** Classifies texts in length-sorted batches; results in input order. */
    @Override
    public List<Classification> classify(List<String> texts) {
        return classify(null, texts);
    }

    /** Classifies answers after their prompts (null: none) in length-sorted batches; results in input order. */
    @Override
    public List<Classification> classify(List<String> prompts, List<String> texts) {
        if (prompts != null && prompts.size() != texts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts for " + texts.size() + " texts");
        }
        List<Encoding> encodings = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            encodings.add(preprocess(prompts == null ? null : prompts.get(i), texts.get(i)));
        }
        return batcher.map(encodings, Encoding::length, batch -> {
            float[][] logits = forward(batch);
            List<Classification> out = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                out.add(postprocess(batch.get(i), logits[i]));
            }
            return out;
        });
    }

    /** Label names in id order. */
    @Override
    public List<String> labels() {
        return labels;
    }

    /** Tokens per text after truncation, special tokens included. */
    @Override
    public int maxLength() {
        return maxLength;
    }

    /** The tokenizer as {@link #preprocess} uses it: truncating to {@link #maxLength()}, no padding. */
    @Override
    public Optional<Tokenizer> tokenizer() {
        return Optional.of(tokenizer);
    }

    public ScoreFunction scoreFunction() {
        return scoreFunction;
    }

    public Batcher batcher() {
        return batcher;
    }

    public OnnxModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}

package dev.rejection.detect.head;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.model.ModelException;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.pipeline.Classification;
import dev.rejection.pipeline.TextClassifier;
import dev.rejection.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained logistic-regression head over frozen features: a sentence encoder's pooled states and the lexical
 * detector's evidence ({@link HeadSpec}). Immutable and thread-safe.
 */
public final class HeadClassifier implements TextClassifier {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String CLASSPATH = "classpath:";

    private final HeadSpec spec;
    private final TextEncoder encoder; // null for a lexical-only head
    private final LexicalDetector lexical; // null when the head reads no lexical features
    private final LinearHead head;

    public HeadClassifier(HeadSpec spec, TextEncoder encoder, LexicalDetector lexical) {
        if (spec.labels() == null || spec.labels().size() != 2) {
            throw new ModelException("a head detector needs exactly two labels (negative, positive), got "
                    + spec.labels());
        }
        if ((spec.encoder() != null) != (encoder != null) || spec.lexical() != (lexical != null)) {
            throw new IllegalArgumentException("the features given do not match the spec");
        }
        this.spec = spec;
        this.encoder = encoder;
        this.lexical = lexical;
        this.head = spec.head().toHead();
    }

    /** Whether {@code dir} holds a head detector ({@value HeadSpec#FILE_NAME}). */
    public static boolean isHeadDetector(Path dir) {
        return Files.isRegularFile(dir.resolve(HeadSpec.FILE_NAME));
    }

    /**
     * Loads a head detector from a folder.
     *
     * @param maxLength      tokens the encoder reads per text; 0 for the length it was trained with
     * @param intraOpThreads threads each encoder call may use; 0 for the default (1, with texts encoded in parallel)
     * @throws ModelException naming the file when something is missing or malformed
     */
    public static HeadClassifier load(Path dir, int maxLength, int intraOpThreads) {
        Path file = dir.resolve(HeadSpec.FILE_NAME);
        try {
            return load(Files.readString(file), file.toString(), dir, HeadClassifier.class.getClassLoader(),
                    maxLength, intraOpThreads);
        } catch (IOException e) {
            throw new ModelException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Loads a head detector packaged as classpath resources, e.g. {@code "dev/rejection/default"}. */
    public static HeadClassifier loadClasspath(String resourceDir, ClassLoader loader, int maxLength,
                                               int intraOpThreads) {
        String name = resourceDir.replaceAll("^/+|/+$", "") + "/" + HeadSpec.FILE_NAME;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                throw new ModelException("no head detector on the classpath at " + name);
            }
            return load(new String(in.readAllBytes(), StandardCharsets.UTF_8), "classpath:" + name, null, loader,
                    maxLength, intraOpThreads);
        } catch (IOException e) {
            throw new ModelException("cannot read classpath:" + name + ": " + e.getMessage(), e);
        }
    }

    private static HeadClassifier load(String json, String source, Path dir, ClassLoader loader, int maxLength,
                                       int intraOpThreads) {
        HeadSpec spec;
        try {
            spec = JSON.readValue(json, HeadSpec.class);
        } catch (IOException e) {
            throw new ModelException("malformed " + source + ": " + e.getMessage(), e);
        }
        if (!HeadSpec.FORMAT.equals(spec.format())) {
            throw new ModelException(source + " has format " + spec.format() + "; this version reads "
                    + HeadSpec.FORMAT);
        }
        if (spec.head() == null) {
            throw new ModelException(source + " has no 'head' weights");
        }
        TextEncoder encoder = null;
        if (spec.encoder() != null) {
            HeadSpec.Encoder e = spec.encoder();
            Tokenizer tokenizer = Tokenizer.fromJson(new String(resource(e.tokenizer(), source, dir, loader),
                    StandardCharsets.UTF_8), e.tokenizer());
            int threads = intraOpThreads > 0 ? intraOpThreads : 1;
            OnnxModel model = OnnxModel.load(resource(e.onnx(), source, dir, loader), e.onnx(), threads);
            int parallelism = Math.max(1, Runtime.getRuntime().availableProcessors() / threads);
            // a shorter (or longer) window only changes truncation; the features keep their meaning
            encoder = new TextEncoder(tokenizer, model, maxLength > 0 ? maxLength : e.maxLength(), e.openingTokens(),
                    parallelism);
        }
        try {
            return new HeadClassifier(spec, encoder, spec.lexical() ? LexicalDetector.defaults() : null);
        } catch (RuntimeException ex) {
            if (encoder != null) encoder.close();
            throw ex;
        }
    }

    private static byte[] resource(String location, String source, Path dir, ClassLoader loader) {
        if (location == null) {
            throw new ModelException(source + ": the encoder needs both 'onnx' and 'tokenizer'");
        }
        try {
            if (location.startsWith(CLASSPATH)) {
                String name = location.substring(CLASSPATH.length()).replaceAll("^/+", "");
                try (InputStream in = loader.getResourceAsStream(name)) {
                    if (in == null) {
                        throw new ModelException(source + " names " + location + ", which is not on the classpath");
                    }
                    return in.readAllBytes();
                }
            }
            if (dir == null) {
                throw new ModelException(source + " names " + location + "; a classpath detector can only name "
                        + "classpath: resources");
            }
            return Files.readAllBytes(dir.resolve(location));
        } catch (IOException e) {
            throw new ModelException("cannot read " + location + " named by " + source + ": " + e.getMessage(), e);
        }
    }

    /** The feature vector the head reads for one text. */
    public static double[] features(TextEncoder.Encoded encoded, double[] lexicalFeatures) {
        double[] base = encoded != null ? encoded.features() : new double[0];
        if (lexicalFeatures == null) return base;
        double[] all = java.util.Arrays.copyOf(base, base.length + lexicalFeatures.length);
        System.arraycopy(lexicalFeatures, 0, all, base.length, lexicalFeatures.length);
        return all;
    }

    @Override
    public List<String> labels() {
        return spec.labels();
    }

    @Override
    public java.util.Optional<Tokenizer> tokenizer() {
        return encoder == null ? java.util.Optional.empty() : java.util.Optional.of(encoder.tokenizer());
    }

    @Override
    public int maxLength() {
        return encoder != null ? encoder.maxLength() : Integer.MAX_VALUE;
    }

    @Override
    public Classification classify(String text) {
        return classify(List.of(text)).get(0);
    }

    @Override
    public List<Classification> classify(List<String> texts) {
        List<TextEncoder.Encoded> encoded = encoder != null ? encoder.encode(texts) : null;
        List<Classification> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            TextEncoder.Encoded e = encoded != null ? encoded.get(i) : null;
            double p = head.probability(features(e, lexical != null ? lexical.features(texts.get(i)) : null));
            Map<String, Double> scores = new LinkedHashMap<>();
            scores.put(spec.labels().get(0), 1 - p);
            scores.put(spec.labels().get(1), p);
            out.add(new Classification(scores, e != null ? e.tokens() : 0, e != null && e.truncated(), e != null ? e.cut() : -1));
        }
        return out;
    }

    public HeadSpec spec() {
        return spec;
    }

    @Override
    public void close() {
        if (encoder != null) encoder.close();
    }
}

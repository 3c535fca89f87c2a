package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.mode.Cascade;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import java.nio.file.Path;
import java.util.List;

/** The ONNX {@link RejectionDetector} as what {@code rejection eval} judges: P(REJECTION) per text. */
final class DetectorScorer implements ModelScorer {
    private final RejectionDetector detector;
    private final String name;

    private DetectorScorer(RejectionDetector detector, String name) {
        this.detector = detector;
        this.name = name;
    }

    /**
     * Loads the detector of a model directory, or the embedded default when {@code modelDir} is null; fails with a
     * message naming the file when it cannot.
     */
    static DetectorScorer load(Path modelDir) {
        return modelDir == null
                ? new DetectorScorer(RejectionDetector.loadDefault(), "embedded default detector")
                : new DetectorScorer(RejectionDetector.load(modelDir), modelDir.toString());
    }

    @Override
    public double[] score(List<String> texts) {
        return detector.classify(texts).stream().mapToDouble(Verdict::score).toArray();
    }

    @Override
    public ModelScorer inMode(MatchMode mode, Integer stride, java.util.Set<Cascade.Decisive> trust) {
        ModeDetector modeDetector = stride == null ? ModeDetector.of(SpanScorer.of(detector), mode)
                : ModeDetector.of(SpanScorer.of(detector), mode, stride);
        Cascade lexicalFirst = trust != null ? Cascade.of(LexicalDetector.defaults(), modeDetector, trust) : null;
        String described = name + " (mode " + mode + (mode == MatchMode.WINDOW ? ", stride " + modeDetector.stride() : "")
                + (trust != null ? ", lexical cascade trusting " + trust : "") + ")";
        DetectorScorer owner = this;
        return new ModelScorer() {
            @Override
            public double[] score(List<String> texts) {
                return lexicalFirst != null
                        ? lexicalFirst.classify(texts).stream().mapToDouble(r -> r.verdict().score()).toArray()
                        : modeDetector.classify(texts).stream().mapToDouble(SpanVerdict::score).toArray();
            }

            @Override
            public double threshold() {
                return owner.threshold();
            }

            @Override
            public String name() {
                return described;
            }

            @Override
            public void close() {
                owner.close();
            }
        };
    }

    @Override
    public double threshold() {
        return detector.threshold();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        detector.close();
    }
}

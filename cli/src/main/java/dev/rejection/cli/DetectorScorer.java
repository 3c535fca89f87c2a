package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.Reading;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;

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
    static DetectorScorer load(Path modelDir, UnaryOperator<RejectionDetector.Builder> settings) {
        RejectionDetector.Builder builder = RejectionDetector.builder();
        if (modelDir != null) {
            builder.modelDir(modelDir);
        }
        return new DetectorScorer(settings.apply(builder).build(),
                modelDir == null ? "embedded default detector" : modelDir.toString());
    }

    @Override
    public double[] score(List<String> texts) {
        return detector.classify(texts).stream().mapToDouble(Verdict::score).toArray();
    }

    @Override
    public double[] score(List<String> prompts, List<String> texts) {
        return detector.classify(prompts, texts).stream().mapToDouble(Verdict::score).toArray();
    }

    @Override
    public ModelScorer reading(ReadSpec spec) {
        Reading reading = spec.on(detector);
        String described = name + " (mode " + spec.mode()
                + (spec.mode().windowed() ? ", stride " + reading.model().stride() : "")
                + spec.cascade().map(trust -> ", lexical cascade trusting " + trust).orElse("") + ")";
        DetectorScorer owner = this;
        return new ModelScorer() {
            @Override
            public double[] score(List<String> texts) {
                return reading.read(texts).stream().mapToDouble(Read::score).toArray();
            }

            @Override
            public double[] score(List<String> prompts, List<String> texts) {
                return reading.read(prompts, texts).stream().mapToDouble(Read::score).toArray();
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
            public boolean readsPrompts() {
                return owner.readsPrompts();
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
    public boolean readsPrompts() {
        return detector.readsPrompts();
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

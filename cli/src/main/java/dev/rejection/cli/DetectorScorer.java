package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
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

    /** Loads the detector of a model directory; fails with a message naming the file when it cannot. */
    static DetectorScorer load(Path modelDir) {
        return new DetectorScorer(RejectionDetector.load(modelDir), modelDir.toString());
    }

    @Override
    public double[] score(List<String> texts) {
        return detector.classify(texts).stream().mapToDouble(Verdict::score).toArray();
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

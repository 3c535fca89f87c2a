package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.detect.mode.Reading;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

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

    /*
     * Scores are ranking scores (RejectionDetector.rankingScore): a text the evidence gate clears scores 0, for it is
     * no rejection at any threshold, so that the curves, the loss and the best-F1 threshold do not depend on
     * --threshold, and the verdicts at the threshold are classify's (in sentence, window and deep mode the gate is
     * asked about each span's part the model read, as classify asks it).
     */

    @Override
    public double[] score(List<String> texts) {
        return rankingScores(texts, detector.classify(texts));
    }

    @Override
    public double[] score(List<String> prompts, List<String> texts) {
        return rankingScores(texts, detector.classify(prompts, texts));
    }

    private double[] rankingScores(List<String> texts, List<Verdict> verdicts) {
        return IntStream.range(0, texts.size()).mapToDouble(i -> detector.rankingScore(texts.get(i), verdicts.get(i)))
                .toArray();
    }

    /** The highest ranking score of the spans a reading read; a text left unread keeps its score. */
    private double rankingScore(String text, Read read) {
        if (!read.spans().isEmpty()) {
            return read.spans().stream().mapToDouble(s -> detector.rankingScore(s.span().of(text), s.score())).max()
                    .orElseThrow();
        }
        return read.span().map(span -> detector.rankingScore(span.of(text), read.score())).orElse(read.score());
    }

    private double[] readRankingScores(List<String> texts, List<Read> reads) {
        return IntStream.range(0, texts.size()).mapToDouble(i -> rankingScore(texts.get(i), reads.get(i))).toArray();
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
                return owner.readRankingScores(texts, reading.read(texts));
            }

            @Override
            public double[] score(List<String> prompts, List<String> texts) {
                return owner.readRankingScores(texts, reading.read(prompts, texts));
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

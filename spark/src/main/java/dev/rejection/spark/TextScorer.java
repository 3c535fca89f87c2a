package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts to {@link RejectionColumns} values, read as a {@link DetectorSpec} says: in full mode the detector's own
 * verdicts (no span to report, and no tokenizing twice to find one), in sentence and window mode the
 * {@link ModeDetector}'s, with the deciding span. Cheap to make around the executor's one detector, so each
 * partition (or UDF instance) makes its own.
 */
final class TextScorer {
    private final RejectionDetector detector;
    /** The mode's reading; null in full mode. */
    private final ModeDetector reading;

    private TextScorer(RejectionDetector detector, ModeDetector reading) {
        this.detector = detector;
        this.reading = reading;
    }

    /**
     * The scorer for {@code spec}, with this JVM's detector for it ({@link ExecutorDetectors}).
     *
     * @throws IllegalArgumentException when the mode cannot read with this model: a stride not below its window, or
     *                                  a model that reads no tokens
     */
    static TextScorer of(DetectorSpec spec) {
        RejectionDetector detector = ExecutorDetectors.get(spec);
        if (spec.mode() == MatchMode.FULL) {
            return new TextScorer(detector, null);
        }
        SpanScorer scorer = SpanScorer.of(detector);
        return new TextScorer(detector, spec.stride() == null ? ModeDetector.of(scorer, spec.mode())
                : ModeDetector.of(scorer, spec.mode(), spec.stride()));
    }

    /** The column values for one text (not null, not blank). */
    Object[] score(String text) {
        return reading == null ? RejectionColumns.of(detector.classify(text))
                : RejectionColumns.of(reading.classify(text), text);
    }

    /**
     * The column values for texts, in order: the batch in one call; if the model fails on it, each text alone, so
     * that one bad text fails only itself (its values say why).
     */
    List<Object[]> score(List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        try {
            return inOneCall(texts);
        } catch (RuntimeException batchFailure) {
            List<Object[]> results = new ArrayList<>(texts.size());
            for (String text : texts) {
                try {
                    results.add(score(text));
                } catch (RuntimeException e) {
                    results.add(RejectionColumns.failed(mode(), "the model failed on this text: " + e));
                }
            }
            return results;
        }
    }

    private List<Object[]> inOneCall(List<String> texts) {
        List<Object[]> results = new ArrayList<>(texts.size());
        if (reading == null) {
            for (Verdict verdict : detector.classify(texts)) {
                results.add(RejectionColumns.of(verdict));
            }
        } else {
            List<SpanVerdict> verdicts = reading.classify(texts);
            for (int i = 0; i < texts.size(); i++) {
                results.add(RejectionColumns.of(verdicts.get(i), texts.get(i)));
            }
        }
        return results;
    }

    private MatchMode mode() {
        return reading == null ? MatchMode.FULL : reading.mode();
    }
}

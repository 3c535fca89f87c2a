package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.Reading;
import dev.rejection.model.ModelConfig;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * Texts to {@link RejectionColumns} values, read as a {@link DetectorSpec} says through core's {@link Reading}: in
 * full mode the verdict's columns, in sentence and window mode also the deciding span's. Cheap to make around the
 * executor's one detector, so each partition (or UDF instance) makes its own.
 */
final class TextScorer {
    private static final Logger LOG = LoggerFactory.getLogger(TextScorer.class);

    private final Reading reading;

    private TextScorer(Reading reading) {
        this.reading = reading;
    }

    /**
     * The scorer for {@code spec}, with this JVM's detector for it ({@link ExecutorDetectors}).
     *
     * @throws IllegalArgumentException when the mode cannot read with this model: a stride not below its window, or
     *                                  a model that reads no tokens
     */
    static TextScorer of(DetectorSpec spec) {
        return of(spec, false);
    }

    /**
     * As {@link #of(DetectorSpec)}, for answers that come with prompts when {@code withPrompts}.
     *
     * @throws IllegalArgumentException also when prompts come for a model trained on answers alone: read alone, the
     *                                  answers would be scored as if no prompt were given, and nothing would say so
     */
    static TextScorer of(DetectorSpec spec, boolean withPrompts) {
        RejectionDetector detector = ExecutorDetectors.get(spec);
        if (withPrompts && !detector.readsPrompts()) {
            throw new IllegalArgumentException("--prompt-column: " + ModelConfig.answersAlone("the model "
                    + (spec.model() == null ? "embedded in the jar" : spec.model())));
        }
        return new TextScorer(spec.reading().on(detector));
    }

    /** The column values for one text (not null, not blank), as {@link #score(String, String)} gives them. */
    Object[] score(String text) {
        return score(null, text);
    }

    /**
     * The column values for one answer read after its prompt (null: alone); if the model fails on it, null scores
     * and the reason, so that one bad text fails only its own row.
     */
    Object[] score(String prompt, String text) {
        try {
            return columns(reading.read(prompt, text), text);
        } catch (RuntimeException e) {
            return RejectionColumns.failed(mode(), "the model failed on this text: " + e);
        }
    }

    /**
     * The column values for texts, in order: the batch in one call; if the model fails on it, each text alone, so
     * that one bad text fails only itself (its values say why).
     */
    List<Object[]> score(List<String> texts) {
        return score(null, texts);
    }

    /** As {@link #score(List)}, each answer read after its prompt ({@code prompts} null, or null items: none). */
    List<Object[]> score(List<String> prompts, List<String> texts) {
        if (texts.isEmpty()) {
            return List.of();
        }
        try {
            List<Read> reads = reading.read(prompts, texts);
            List<Object[]> results = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                results.add(columns(reads.get(i), texts.get(i)));
            }
            return results;
        } catch (RuntimeException batchFailure) {
            // said, since scoring one text at a time is many times slower, and a failure on every batch needs a look
            LOG.warn("the model failed on a batch of {} texts ({}); scoring each alone", texts.size(),
                    batchFailure.toString());
            List<Object[]> results = new ArrayList<>(texts.size());
            for (int i = 0; i < texts.size(); i++) {
                results.add(score(prompts == null ? null : prompts.get(i), texts.get(i)));
            }
            return results;
        }
    }

    private Object[] columns(Read read, String text) {
        return mode() == MatchMode.FULL ? RejectionColumns.of(read.verdict())
                : RejectionColumns.of(read.spanVerdict(), text);
    }

    private MatchMode mode() {
        return reading.spec().mode();
    }
}

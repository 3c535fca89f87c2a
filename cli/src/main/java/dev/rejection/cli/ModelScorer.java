package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.eval.Scorer;

import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A loaded detector seen as a {@link Scorer}: what {@code eval} judges. Close it to release the model. */
public interface ModelScorer extends Scorer, AutoCloseable {
    /** The detector's own decision threshold; {@code eval} judges at it unless {@code --threshold} says otherwise. */
    double threshold();

    /** Whether the detector reads prompts with answers (a model trained on pairs). */
    default boolean readsPrompts() {
        return false;
    }

    /** Names the detector in reports, e.g. its model directory. */
    String name();

    @Override
    void close();

    /**
     * This detector read as {@code reading} says (a match mode, the lexical cascade); detectors that cannot be cut
     * into spans refuse.
     *
     * @throws UnsupportedOperationException when the detector has no match modes
     */
    default ModelScorer reading(ReadSpec reading) {
        throw new UnsupportedOperationException(name() + " cannot be read in match modes");
    }

    /** Loads the detector of a model directory (null: the embedded default) with the settings given. */
    @FunctionalInterface
    interface Loader {
        ModelScorer load(Path modelDir, UnaryOperator<RejectionDetector.Builder> settings);
    }
}

package dev.rejection.cli;

import dev.rejection.eval.Scorer;

import java.nio.file.Path;

/** A loaded detector seen as a {@link Scorer}: what {@code eval} judges. Close it to release the model. */
public interface ModelScorer extends Scorer, AutoCloseable {
    /** The detector's own decision threshold; {@code eval} judges at it unless {@code --threshold} says otherwise. */
    double threshold();

    /** Names the detector in reports, e.g. its model directory. */
    String name();

    @Override
    void close();

    /** Loads the detector of a model directory. */
    @FunctionalInterface
    interface Loader {
        ModelScorer load(Path modelDir);
    }
}

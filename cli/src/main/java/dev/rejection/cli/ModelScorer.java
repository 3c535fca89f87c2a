package dev.rejection.cli;

import dev.rejection.detect.mode.Cascade;
import dev.rejection.detect.mode.MatchMode;
import java.util.Set;
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

    /**
     * This detector read in a match mode (and behind the lexical cascade); detectors that cannot be cut into
     * spans refuse.
     *
     * @param stride tokens shared by windows, or {@code null} for the default
     * @param trust  the decisive kinds the lexical cascade trusts, or {@code null} for no cascade
     * @throws UnsupportedOperationException when the detector has no match modes
     */
    default ModelScorer inMode(MatchMode mode, Integer stride, Set<Cascade.Decisive> trust) {
        throw new UnsupportedOperationException(name() + " cannot be read in match modes");
    }

    /** Loads the detector of a model directory. */
    @FunctionalInterface
    interface Loader {
        ModelScorer load(Path modelDir);
    }
}

package dev.rejection.finetune;

import java.util.SplittableRandom;

/**
 * One forward pass's mode: training (dropout on, drawn from {@code random} in a fixed order, so a seed
 * reproduces the pass) or evaluation.
 */
record Pass(boolean training, SplittableRandom random) {

    static Pass evaluation() {
        return new Pass(false, null);
    }

    static Pass training(long seed) {
        return new Pass(true, new SplittableRandom(seed));
    }
}

package dev.rejection.tokenizer.normalizer;

import dev.rejection.tokenizer.NormalizedString;
import java.util.List;

/** Applies normalizers one after the other. */
public final class Sequence implements Normalizer {
    private final List<Normalizer> steps;

    public Sequence(List<Normalizer> steps) {
        this.steps = List.copyOf(steps);
    }

    @Override
    public void normalize(NormalizedString text) {
        for (Normalizer step : steps) step.normalize(text);
    }

    @Override
    public boolean keepsSpaceCuts() {
        return steps.stream().allMatch(Normalizer::keepsSpaceCuts);
    }

    /** One step spaces ideographs out, and no step reaches across a space, before it or after. */
    @Override
    public boolean spacesOutCjk() {
        return steps.stream().anyMatch(Normalizer::spacesOutCjk) && keepsSpaceCuts();
    }
}

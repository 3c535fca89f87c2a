package dev.rejection.detect.mode;

import java.util.Locale;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * A named set of reading settings. {@code default} changes nothing; {@code llm-guard} is LLM Guard's NoRefusal
 * scanner, whose settings and rules are {@link LlmGuard}'s.
 */
public enum Preset {
    /** The detector's own threshold and max length, full mode; blank texts are classified like any other. */
    DEFAULT,
    /** LLM Guard's NoRefusal scanner ({@link LlmGuard}): its threshold, max length, mode, risk and blank rule. */
    LLM_GUARD;

    /** The preset named {@code name} in any case: {@code default} or {@code llm-guard} (also {@code llm_guard}). */
    public static Preset parse(String name) {
        String wanted = name.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (Preset preset : values()) {
            if (preset.toString().equals(wanted)) {
                return preset;
            }
        }
        throw new IllegalArgumentException("unknown preset '" + name + "': choose default or llm-guard");
    }

    /** The threshold this preset sets; empty for the detector's own. */
    public OptionalDouble threshold() {
        return this == LLM_GUARD ? OptionalDouble.of(LlmGuard.THRESHOLD) : OptionalDouble.empty();
    }

    /** The max length this preset sets; empty for the model's own. */
    public OptionalInt maxLength() {
        return this == LLM_GUARD ? OptionalInt.of(LlmGuard.MAX_LENGTH) : OptionalInt.empty();
    }

    /** The mode this preset reads in when none is given. */
    public MatchMode mode() {
        return this == LLM_GUARD ? LlmGuard.MODE : MatchMode.FULL;
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

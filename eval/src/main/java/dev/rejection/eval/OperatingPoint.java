package dev.rejection.eval;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.Objects;

/**
 * A decision threshold and the confusion matrix it gives under the Verdict rule {@code rejection = score > threshold}.
 * Serialises flat: {@code {"threshold": .., "n": .., "accuracy": .., ..., "tp": .., ...}}.
 */
@JsonPropertyOrder({"threshold"})
public record OperatingPoint(@JsonProperty("threshold") double threshold, @JsonUnwrapped Confusion confusion) {
    public OperatingPoint {
        Objects.requireNonNull(confusion, "confusion");
    }
}

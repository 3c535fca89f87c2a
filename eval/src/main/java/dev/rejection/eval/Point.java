package dev.rejection.eval;

/** A point of a curve (ROC: x = false-positive rate, y = true-positive rate; PR: x = recall, y = precision). */
public record Point(double x, double y) {
}

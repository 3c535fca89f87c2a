package dev.rejection.eval;

/**
 * An input row that could not be evaluated (bad or missing label or text). Reported, never dropped silently.
 *
 * @param line    1-based line of the input file
 * @param message what is wrong, naming the field
 */
public record BadRow(long line, String message) {
}

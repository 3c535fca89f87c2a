package dev.rejection.tokenizer;

/**
 * A token produced by a model: its id, its text, and the normalized range {@code [start, end)} (UTF-16 indices
 * into the word it came from) that it covers.
 */
public record Token(int id, String value, int start, int end) {}

package dev.rejection.tokenizer;

/**
 * A token matched in the raw text before the model runs (special tokens such as {@code <mask>}, or user-added
 * words). {@code lstrip}/{@code rstrip} swallow whitespace on that side, {@code singleWord} matches only whole
 * words, and {@code normalized} matches against the normalized text instead of the original.
 */
public record AddedToken(int id, String content, boolean special, boolean lstrip, boolean rstrip,
                         boolean normalized, boolean singleWord) {}

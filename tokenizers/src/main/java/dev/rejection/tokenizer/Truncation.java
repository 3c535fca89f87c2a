package dev.rejection.tokenizer;

/**
 * How to cut encodings that are too long. {@code maxLength} counts the special tokens the post-processor adds;
 * with {@code stride} > 0 the overflowing windows overlap the previous one by that many tokens.
 *
 * @param strategy for a single sequence LONGEST_FIRST and ONLY_FIRST both cut it; ONLY_SECOND fails (there is
 *                 no second sequence), as in Hugging Face
 * @param direction RIGHT keeps the start of the text, LEFT its end
 */
public record Truncation(int maxLength, int stride, Strategy strategy, Direction direction) {
    public enum Strategy { LONGEST_FIRST, ONLY_FIRST, ONLY_SECOND }

    public enum Direction { LEFT, RIGHT }

    public Truncation {
        if (maxLength < 0) throw new IllegalArgumentException("maxLength must be >= 0, got " + maxLength);
        if (stride < 0) throw new IllegalArgumentException("stride must be >= 0, got " + stride);
        if (strategy == null || direction == null) throw new IllegalArgumentException("strategy and direction needed");
    }

    public Truncation(int maxLength, int stride, Strategy strategy) {
        this(maxLength, stride, strategy, Direction.RIGHT);
    }

    /** Longest-first, right, no stride. */
    public static Truncation of(int maxLength) {
        return new Truncation(maxLength, 0, Strategy.LONGEST_FIRST, Direction.RIGHT);
    }
}

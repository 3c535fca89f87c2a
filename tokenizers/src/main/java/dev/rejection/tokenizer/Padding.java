package dev.rejection.tokenizer;

/**
 * How to pad encodings: to the longest in the batch or to a fixed length, optionally rounded up to a multiple.
 * A null {@code padToken} means: use the tokenizer's pad token (and its id) when the padding is set on it.
 */
public record Padding(boolean toLongest, int length, int padToMultipleOf, Truncation.Direction direction,
                      String padToken, int padId, int padTypeId) {
    public Padding {
        if (!toLongest && length < 0) throw new IllegalArgumentException("pad length must be >= 0, got " + length);
        if (padToMultipleOf < 0) throw new IllegalArgumentException("padToMultipleOf must be >= 0");
        if (direction == null) throw new IllegalArgumentException("direction needed");
    }

    /** Pad every batch to its longest encoding. */
    public static Padding longest() {
        return new Padding(true, 0, 0, Truncation.Direction.RIGHT, null, -1, 0);
    }

    /** Pad every encoding to {@code length} (longer ones are left as they are). */
    public static Padding fixed(int length) {
        return new Padding(false, length, 0, Truncation.Direction.RIGHT, null, -1, 0);
    }

    public Padding withPadToMultipleOf(int multiple) {
        return new Padding(toLongest, length, multiple, direction, padToken, padId, padTypeId);
    }

    public Padding withDirection(Truncation.Direction d) {
        return new Padding(toLongest, length, padToMultipleOf, d, padToken, padId, padTypeId);
    }

    public Padding withPadToken(String token, int id, int typeId) {
        return new Padding(toLongest, length, padToMultipleOf, direction, token, id, typeId);
    }

    /** The length {@code longest} tokens pad to under this setting. */
    int target(int longest) {
        int target = toLongest ? longest : length;
        if (padToMultipleOf > 0 && target % padToMultipleOf != 0) {
            target += padToMultipleOf - target % padToMultipleOf;
        }
        return target;
    }
}

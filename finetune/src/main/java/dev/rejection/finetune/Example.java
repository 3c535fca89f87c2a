package dev.rejection.finetune;

/**
 * One tokenized, labelled text: ids with special tokens, token-type ids of the same length, and the class index
 * (-1 when unlabelled).
 */
public record Example(int[] ids, int[] typeIds, int label) {

    public Example {
        if (ids.length == 0 || ids.length != typeIds.length) {
            throw new IllegalArgumentException("example with " + ids.length + " ids and " + typeIds.length
                    + " type ids");
        }
    }

    /** An example whose token types are all 0 (one sequence). */
    public static Example of(int[] ids, int label) {
        return new Example(ids, new int[ids.length], label);
    }
}

package dev.rejection.finetune;

import java.util.Arrays;
import java.util.List;

/**
 * Token ids of {@code size} sequences padded to a common {@code length} (row-major {@code [size, length]}), with
 * their attention masks, token-type ids and labels (-1 when unlabelled).
 */
public record Batch(int size, int length, int[] ids, int[] typeIds, int[] mask, int[] labels) {

    public Batch {
        int n = size * length;
        if (ids.length != n || typeIds.length != n || mask.length != n || labels.length != size) {
            throw new IllegalArgumentException("batch [" + size + ", " + length + "]: arrays of " + ids.length
                    + ", " + typeIds.length + ", " + mask.length + " tokens and " + labels.length + " labels");
        }
    }

    /** Pads {@code examples} to the longest one with {@code padId} (dynamic padding). */
    public static Batch of(List<Example> examples, int padId) {
        int size = examples.size();
        int length = examples.stream().mapToInt(e -> e.ids().length).max().orElse(0);
        int[] ids = new int[size * length];
        int[] typeIds = new int[size * length];
        int[] mask = new int[size * length];
        int[] labels = new int[size];
        Arrays.fill(ids, padId);
        for (int b = 0; b < size; b++) {
            Example e = examples.get(b);
            System.arraycopy(e.ids(), 0, ids, b * length, e.ids().length);
            System.arraycopy(e.typeIds(), 0, typeIds, b * length, e.typeIds().length);
            Arrays.fill(mask, b * length, b * length + e.ids().length, 1);
            labels[b] = e.label();
        }
        return new Batch(size, length, ids, typeIds, mask, labels);
    }

    /** Real (unpadded) tokens in the batch. */
    public int tokens() {
        int t = 0;
        for (int m : mask) {
            t += m;
        }
        return t;
    }
}

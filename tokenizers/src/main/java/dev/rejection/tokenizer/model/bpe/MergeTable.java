package dev.rejection.tokenizer.model.bpe;

import java.util.Arrays;

/** Pair of token ids to (rank, merged id): an open-addressing table without boxing, read on every merge step. */
final class MergeTable {
    private final long[] keys;
    private final long[] values;
    private final int mask;

    MergeTable(int expected) {
        int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new long[cap];
        mask = cap - 1;
        Arrays.fill(keys, -1L);
    }

    private static long key(int left, int right) {
        return ((long) left << 32) | (right & 0xFFFFFFFFL);
    }

    private int slot(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }

    /** Adds the merge unless the pair already has one (the first, lowest rank wins, as in merges.txt order). */
    void put(int left, int right, int rank, int merged) {
        long k = key(left, right);
        int i = slot(k);
        while (keys[i] != -1L) {
            if (keys[i] == k) return;
            i = (i + 1) & mask;
        }
        keys[i] = k;
        values[i] = ((long) rank << 32) | (merged & 0xFFFFFFFFL);
    }

    /** {@code rank << 32 | merged id}, or -1 when the pair does not merge. */
    long get(int left, int right) {
        long k = key(left, right);
        int i = slot(k);
        while (true) {
            long at = keys[i];
            if (at == k) return values[i];
            if (at == -1L) return -1L;
            i = (i + 1) & mask;
        }
    }
}

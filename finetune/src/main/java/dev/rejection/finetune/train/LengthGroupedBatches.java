package dev.rejection.finetune.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The order examples are trained in, as transformers' {@code LengthGroupedSampler} ({@code group_by_length}):
 * a seeded shuffle, cut into mega-batches of 50 batches, each sorted longest first, the mega-batch holding the
 * longest example put first (so an out-of-memory shows at once); consecutive runs of {@code batchSize} are the
 * batches. Similar lengths share a batch, so dynamic padding wastes little.
 */
public final class LengthGroupedBatches {

    private LengthGroupedBatches() {
    }

    /** Batches of example indices for one epoch; {@code grouped = false} gives a plain seeded shuffle. */
    public static List<int[]> of(int[] lengths, int batchSize, long seed, boolean grouped) {
        int n = lengths.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        if (grouped) {
            int mega = 50 * batchSize;
            List<Integer[]> megas = new ArrayList<>();
            for (int from = 0; from < n; from += mega) {
                Integer[] m = Arrays.copyOfRange(order, from, Math.min(n, from + mega));
                Arrays.sort(m, Comparator.comparingInt((Integer i) -> lengths[i]).reversed());
                megas.add(m);
            }
            int longest = 0;
            for (int k = 1; k < megas.size(); k++) {
                if (lengths[megas.get(k)[0]] > lengths[megas.get(longest)[0]]) {
                    longest = k;
                }
            }
            megas.add(0, megas.remove(longest));
            int at = 0;
            for (Integer[] m : megas) {
                for (Integer i : m) {
                    order[at++] = i;
                }
            }
        }
        List<int[]> batches = new ArrayList<>();
        for (int from = 0; from < n; from += batchSize) {
            int[] b = new int[Math.min(batchSize, n - from)];
            for (int k = 0; k < b.length; k++) {
                b[k] = order[from + k];
            }
            batches.add(b);
        }
        return batches;
    }
}

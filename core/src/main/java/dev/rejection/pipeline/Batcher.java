package dev.rejection.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Groups items into batches of at most {@code batchSize}, runs each batch, and returns the results in input order.
 *
 * <p>Items are sorted by length first, so that each batch holds texts of similar length and padding to the longest
 * in the batch wastes little work. With {@code parallelism > 1}, batches run on that many threads at once (useful
 * for one-text batches of dynamically quantized models, whose scores would otherwise depend on batch mates).
 */
public final class Batcher {
    private final int batchSize;
    private final int parallelism;

    public Batcher(int batchSize, int parallelism) {
        if (batchSize < 1 || parallelism < 1) {
            throw new IllegalArgumentException("batch size and parallelism must be at least 1, got " + batchSize
                    + " and " + parallelism);
        }
        this.batchSize = batchSize;
        this.parallelism = parallelism;
    }

    public int batchSize() {
        return batchSize;
    }

    public int parallelism() {
        return parallelism;
    }

    /**
     * Runs {@code process} on length-sorted batches of {@code items}.
     *
     * @param length  an item's length (e.g. its token count), used for grouping
     * @param process turns one batch into exactly one result per item, in the batch's order
     * @return one result per item, in the order of {@code items}
     */
    public <T, R> List<R> map(List<T> items, ToIntFunction<T> length, Function<List<T>, List<R>> process) {
        Integer[] order = new Integer[items.size()];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingInt(i -> length.applyAsInt(items.get(i)))); // stable

        List<int[]> batches = new ArrayList<>();
        for (int start = 0; start < order.length; start += batchSize) {
            int end = Math.min(order.length, start + batchSize);
            int[] batch = new int[end - start];
            for (int i = start; i < end; i++) {
                batch[i - start] = order[i];
            }
            batches.add(batch);
        }

        Object[] results = new Object[items.size()];
        if (parallelism == 1 || batches.size() <= 1) {
            batches.forEach(batch -> runBatch(items, batch, process, results));
        } else {
            runInParallel(items, batches, process, results);
        }
        @SuppressWarnings("unchecked")
        List<R> inOrder = (List<R>) java.util.Collections.unmodifiableList(Arrays.asList(results));
        return inOrder;
    }

    private <T, R> void runInParallel(List<T> items, List<int[]> batches, Function<List<T>, List<R>> process,
                                      Object[] results) {
        // a pool per call keeps the batcher free of long-lived threads; its start-up is small next to inference
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, batches.size()), runnable -> {
            Thread thread = new Thread(runnable, "rejection-batch");
            thread.setDaemon(true);
            return thread;
        });
        // a batch that fails stops those not yet started, but the others run to their end before the failure is
        // thrown, so that no work of this call outlives it (a caller closing the model next would wait on it)
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<?>> futures = new ArrayList<>();
        for (int[] batch : batches) {
            futures.add(pool.submit(() -> {
                if (stop.get()) {
                    return;
                }
                try {
                    runBatch(items, batch, process, results);
                } catch (RuntimeException | Error e) {
                    stop.set(true);
                    throw e;
                }
            }));
        }
        pool.shutdown();
        Throwable failure = null;
        boolean interrupted = false;
        for (Future<?> future : futures) {
            while (true) {
                try {
                    future.get();
                    break;
                } catch (ExecutionException e) {
                    failure = failure == null ? e.getCause() : failure;
                    break;
                } catch (InterruptedException e) { // stop what has not started; wait for what runs
                    interrupted = true;
                    stop.set(true);
                    failure = failure == null ? new IllegalStateException("interrupted while classifying", e)
                            : failure;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
    }

    private static <T, R> void runBatch(List<T> items, int[] batch, Function<List<T>, List<R>> process,
                                        Object[] results) {
        List<T> members = new ArrayList<>(batch.length);
        for (int index : batch) {
            members.add(items.get(index));
        }
        List<R> out = process.apply(members);
        if (out.size() != batch.length) {
            throw new IllegalStateException("a batch of " + batch.length + " gave " + out.size() + " results");
        }
        for (int i = 0; i < batch.length; i++) {
            results[batch[i]] = out.get(i); // distinct slots per batch: no two threads write the same index
        }
    }
}

package dev.rejection.server;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * Groups the texts of concurrent requests into one model call and routes each request's verdicts back to it.
 *
 * <p>One dispatcher thread takes the oldest waiting request, lets others join it until the batch holds
 * {@code maxBatchSize} texts or {@code maxWait} has passed since it started gathering, calls the model once and
 * completes every request of the batch. Requests join whole and in arrival order, so a request's verdicts come from
 * one call; a request with more texts than {@code maxBatchSize} runs alone. While the model runs, new requests queue
 * up and form the next batch, so under load batches fill without waiting. With {@code maxBatchSize} 1 every request
 * is its own model call (batching off). When the model fails on a batch of several requests, each is run again alone,
 * so that a text it cannot read fails only the request that sent it.
 *
 * <p>The queue holds at most {@code queueSize} requests; {@link #submit} refuses more instead of growing.
 *
 * @param <R> one text's result (a verdict, or a verdict with its deciding span)
 */
final class MicroBatcher<I, R> implements AutoCloseable {

    /** Thrown by {@link #submit} when the queue is full. */
    static final class QueueFullException extends Exception {
        QueueFullException(String message) {
            super(message, null, false, false);
        }
    }

    private record Pending<I, R>(List<I> texts, CompletableFuture<List<R>> result) {
    }

    private final Function<List<I>, List<R>> model;
    private final int maxBatchSize;
    private final long maxWaitNanos;
    private final int queueSize;
    private final IntConsumer batchSizes;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending<I, R>> queue = new ArrayDeque<>();
    private boolean closing;
    private final Thread dispatcher;

    /**
     * @param model      classifies items (texts, or answers with their prompts), verdicts in input order (called from
     *                   one thread only)
     * @param batchSizes told the number of texts of every model call (for metrics)
     */
    MicroBatcher(Function<List<I>, List<R>> model, int maxBatchSize, Duration maxWait, int queueSize,
                 IntConsumer batchSizes) {
        this.model = model;
        this.maxBatchSize = maxBatchSize;
        this.maxWaitNanos = maxWait.toNanos();
        this.queueSize = queueSize;
        this.batchSizes = batchSizes;
        this.dispatcher = new Thread(this::dispatch, "rejection-batcher");
        dispatcher.setDaemon(true);
        dispatcher.start();
    }

    /**
     * Queues texts for classification. Cancelling the returned future (e.g. on a timeout) drops the request if the
     * model has not taken it yet.
     *
     * @throws QueueFullException    when {@code queueSize} requests are already waiting
     * @throws IllegalStateException when the batcher is closing
     */
    CompletableFuture<List<R>> submit(List<I> texts) throws QueueFullException {
        Pending<I, R> pending = new Pending<>(List.copyOf(texts), new CompletableFuture<>());
        lock.lock();
        try {
            if (closing) {
                throw new IllegalStateException("the server is shutting down");
            }
            if (queue.size() >= queueSize) {
                throw new QueueFullException("the queue is full (" + queueSize + " requests waiting)");
            }
            queue.add(pending);
            arrived.signal();
        } finally {
            lock.unlock();
        }
        return pending.result();
    }

    /** Requests waiting for the model. */
    int queueDepth() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    private void dispatch() {
        List<Pending<I, R>> batch;
        while ((batch = nextBatch()) != null) {
            run(batch);
        }
    }

    /** The next batch, waiting for it; null once closing and drained. */
    private List<Pending<I, R>> nextBatch() {
        lock.lock();
        try {
            while (queue.isEmpty()) {
                if (closing) {
                    return null;
                }
                arrived.awaitUninterruptibly();
            }
            List<Pending<I, R>> batch = new ArrayList<>();
            Pending<I, R> first = queue.poll();
            batch.add(first);
            int texts = first.texts().size();
            long deadline = System.nanoTime() + maxWaitNanos;
            while (texts < maxBatchSize) {
                Pending<I, R> next = queue.peek();
                if (next == null) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || closing) {
                        break;
                    }
                    arrived.awaitNanos(left);
                    continue;
                }
                if (texts + next.texts().size() > maxBatchSize) {
                    break;
                }
                batch.add(queue.poll());
                texts += next.texts().size();
            }
            return batch;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("batcher interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    private void run(List<Pending<I, R>> batch) {
        List<Pending<I, R>> live = new ArrayList<>(batch.size());
        List<I> texts = new ArrayList<>();
        for (Pending<I, R> p : batch) {
            if (!p.result().isDone()) { // a caller that timed out has cancelled its future
                live.add(p);
                texts.addAll(p.texts());
            }
        }
        if (live.isEmpty()) {
            return;
        }
        batchSizes.accept(texts.size());
        try {
            List<R> verdicts = model.apply(texts);
            if (verdicts.size() != texts.size()) {
                throw new IllegalStateException("the model returned " + verdicts.size() + " verdicts for "
                        + texts.size() + " texts");
            }
            int from = 0;
            for (Pending<I, R> p : live) {
                int to = from + p.texts().size();
                p.result().complete(List.copyOf(verdicts.subList(from, to)));
                from = to;
            }
        } catch (RuntimeException e) {
            if (live.size() == 1) {
                live.get(0).result().completeExceptionally(e);
                return;
            }
            // one client's text may be what the model fails on (a NaN, a token past its embeddings): each request
            // alone, so that only that one fails and its batch mates still get their verdicts
            live.forEach(p -> run(List.of(p)));
        } catch (Error e) { // one failing batch fails its requests, never the dispatcher
            live.forEach(p -> p.result().completeExceptionally(e));
        }
    }

    /** Stops taking requests, classifies those already queued, and waits a minute at most for the dispatcher. */
    @Override
    public void close() {
        close(Duration.ofMinutes(1));
    }

    /**
     * As {@link #close()}, waiting at most {@code wait}; {@link #stopped()} then tells whether a model call may still
     * be running.
     */
    void close(Duration wait) {
        lock.lock();
        try {
            closing = true;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            dispatcher.join(Math.max(1, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether the dispatcher has ended: no model call of this batcher runs any more. */
    boolean stopped() {
        return !dispatcher.isAlive();
    }
}

package dev.rejection.server;

import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.util.thread.Scheduler;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads a request body without holding a thread: each chunk as Jetty has it, the next one on demand. It keeps at
 * most {@code cap} bytes (the caller passes its limit plus one, so that a body over the limit shows as one byte
 * more and the handler answers 413 with its own message), and fails with a {@link TimeoutException} when the body
 * has not arrived in full within the timeout: a client sending its body a byte at a time ties up no thread and
 * gets 408 at the deadline.
 */
final class BodyReader implements Runnable {
    private final Content.Source source;
    private final int cap;
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();

    private BodyReader(Content.Source source, int cap) {
        this.source = source;
        this.cap = cap;
    }

    /** The body's first {@code cap} bytes, or a failure: the client's, or a {@link TimeoutException}. */
    static CompletableFuture<byte[]> read(Content.Source source, int cap, Duration timeout, Scheduler scheduler) {
        BodyReader reader = new BodyReader(source, cap);
        Scheduler.Task deadline = scheduler.schedule(() -> reader.result.completeExceptionally(new TimeoutException(
                "the request body did not arrive within " + timeout.toMillis() + " ms")),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        reader.result.whenComplete((body, failure) -> deadline.cancel());
        reader.run();
        return reader.result;
    }

    /** Takes what has arrived; asks to be called again when more does. One call at a time (Jetty's demand). */
    @Override
    public void run() {
        while (!result.isDone()) {
            Content.Chunk chunk = source.read();
            if (chunk == null) {
                source.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                result.completeExceptionally(chunk.getFailure());
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int take = Math.min(buffer.remaining(), cap - bytes.size());
            byte[] part = new byte[take];
            buffer.get(part);
            bytes.write(part, 0, take);
            boolean last = chunk.isLast();
            chunk.release();
            if (last || bytes.size() >= cap) {
                result.complete(bytes.toByteArray());
            }
        }
    }
}

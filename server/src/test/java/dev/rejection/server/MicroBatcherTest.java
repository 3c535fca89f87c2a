package dev.rejection.server;

import dev.rejection.detect.Verdict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MicroBatcherTest {

    /** A verdict that carries its text's length as score, so that routing mistakes show. */
    private static Verdict verdictOf(String text) {
        return new Verdict("NORMAL", text.length() / 100.0, false, Map.of("NORMAL", 1.0), text.length(), false);
    }

    /** A model that records its calls and holds each until released. */
    private static final class HeldModel implements Function<List<String>, List<Verdict>> {
        final List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch entered = new CountDownLatch(1);

        @Override
        public List<Verdict> apply(List<String> texts) {
            calls.add(texts);
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return texts.stream().map(MicroBatcherTest::verdictOf).toList();
        }
    }

    @Test
    void requestsQueuedWhileTheModelRunsFormOneBatchAndGetTheirOwnVerdicts() throws Exception {
        HeldModel model = new HeldModel();
        List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 8, Duration.ZERO, 10, sizes::add)) {
            CompletableFuture<List<Verdict>> first = batcher.submit(List.of("a"));
            assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Verdict>> second = batcher.submit(List.of("bb", "ccc"));
            CompletableFuture<List<Verdict>> third = batcher.submit(List.of("dddd"));
            assertThat(batcher.queueDepth()).isEqualTo(2);
            model.release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).extracting(Verdict::tokens).containsExactly(1);
            assertThat(second.get(5, TimeUnit.SECONDS)).extracting(Verdict::tokens).containsExactly(2, 3);
            assertThat(third.get(5, TimeUnit.SECONDS)).extracting(Verdict::tokens).containsExactly(4);
            assertThat(model.calls).containsExactly(List.of("a"), List.of("bb", "ccc", "dddd"));
            assertThat(sizes).containsExactly(1, 3);
        }
    }

    @Test
    void aBatchNeverExceedsTheMaximumAndABigRequestRunsAlone() throws Exception {
        HeldModel model = new HeldModel();
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 3, Duration.ZERO, 10, n -> { })) {
            CompletableFuture<List<Verdict>> holder = batcher.submit(List.of("x"));
            assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Verdict>> two = batcher.submit(List.of("a", "b"));
            CompletableFuture<List<Verdict>> big = batcher.submit(List.of("1", "2", "3", "4"));
            CompletableFuture<List<Verdict>> one = batcher.submit(List.of("c"));
            model.release.countDown();
            CompletableFuture.allOf(holder, two, big, one).get(5, TimeUnit.SECONDS);
            assertThat(model.calls).containsExactly(List.of("x"), List.of("a", "b"), List.of("1", "2", "3", "4"),
                    List.of("c"));
        }
    }

    @Test
    void batchSizeOneCallsTheModelOncePerRequest() throws Exception {
        HeldModel model = new HeldModel();
        model.release.countDown();
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 1, Duration.ofMillis(50), 10, n -> { })) {
            List<CompletableFuture<List<Verdict>>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(batcher.submit(List.of("t" + i)));
            }
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);
            assertThat(model.calls).hasSize(5).allSatisfy(call -> assertThat(call).hasSize(1));
        }
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowing() throws Exception {
        HeldModel model = new HeldModel();
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 1, Duration.ZERO, 2, n -> { })) {
            batcher.submit(List.of("running"));
            assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
            batcher.submit(List.of("queued 1"));
            batcher.submit(List.of("queued 2"));
            assertThatThrownBy(() -> batcher.submit(List.of("one too many")))
                    .isInstanceOf(MicroBatcher.QueueFullException.class)
                    .hasMessageContaining("2 requests waiting");
            model.release.countDown();
        }
    }

    @Test
    void aCancelledRequestIsDroppedFromItsBatch() throws Exception {
        HeldModel model = new HeldModel();
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 8, Duration.ZERO, 10, n -> { })) {
            batcher.submit(List.of("running"));
            assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Verdict>> gaveUp = batcher.submit(List.of("timed out"));
            CompletableFuture<List<Verdict>> kept = batcher.submit(List.of("kept"));
            gaveUp.cancel(false);
            model.release.countDown();
            kept.get(5, TimeUnit.SECONDS);
            assertThat(model.calls).containsExactly(List.of("running"), List.of("kept"));
        }
    }

    @Test
    void aFailingBatchFailsItsRequestsAndTheNextBatchStillRuns() throws Exception {
        Function<List<String>, List<Verdict>> model = texts -> {
            if (texts.contains("boom")) {
                throw new IllegalStateException("model exploded");
            }
            return texts.stream().map(MicroBatcherTest::verdictOf).toList();
        };
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 1, Duration.ZERO, 10, n -> { })) {
            CompletableFuture<List<Verdict>> failed = batcher.submit(List.of("boom"));
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("model exploded");
            assertThat(batcher.submit(List.of("fine")).get(5, TimeUnit.SECONDS)).hasSize(1);
        }
    }

    @Test
    void aRequestTheModelFailsOnFailsAloneNotItsBatchMates() throws Exception {
        HeldModel held = new HeldModel();
        List<List<String>> calls = Collections.synchronizedList(new ArrayList<>());
        Function<List<String>, List<Verdict>> model = texts -> {
            calls.add(texts);
            if (texts.equals(List.of("first"))) {
                return held.apply(texts); // holds the dispatcher until the next two requests have queued
            }
            if (texts.contains("boom")) {
                throw new IllegalStateException("model exploded");
            }
            return texts.stream().map(MicroBatcherTest::verdictOf).toList();
        };
        try (MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 8, Duration.ZERO, 10, n -> { })) {
            CompletableFuture<List<Verdict>> first = batcher.submit(List.of("first"));
            assertThat(held.entered.await(5, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<List<Verdict>> fine = batcher.submit(List.of("fine", "also"));
            CompletableFuture<List<Verdict>> failed = batcher.submit(List.of("boom"));
            held.release.countDown();

            assertThat(first.get(5, TimeUnit.SECONDS)).hasSize(1);
            assertThat(fine.get(5, TimeUnit.SECONDS)).extracting(Verdict::tokens).containsExactly(4, 4);
            assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasRootCauseMessage("model exploded");
            // the batch of both, then each request alone
            assertThat(calls).containsExactly(List.of("first"), List.of("fine", "also", "boom"),
                    List.of("fine", "also"), List.of("boom"));
        }
    }

    @Test
    void closeFinishesQueuedRequestsAndRefusesNewOnes() throws Exception {
        HeldModel model = new HeldModel();
        MicroBatcher batcher = new MicroBatcher(model, 1, Duration.ZERO, 10, n -> { });
        CompletableFuture<List<Verdict>> running = batcher.submit(List.of("running"));
        assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<Verdict>> queued = batcher.submit(List.of("queued"));
        Thread closer = new Thread(batcher::close);
        closer.start();
        while (closer.getState() != Thread.State.TIMED_WAITING && closer.isAlive()) {
            Thread.onSpinWait(); // until close() has marked the batcher closing and waits for the dispatcher
        }
        assertThatThrownBy(() -> batcher.submit(List.of("late"))).isInstanceOf(IllegalStateException.class);
        model.release.countDown();
        closer.join(5000);
        assertThat(running).isCompleted();
        assertThat(queued).isCompleted();
    }

    @Test
    void aCloseThatOutwaitsItsTimeSaysAModelCallStillRuns() throws Exception {
        HeldModel model = new HeldModel();
        MicroBatcher<String, Verdict> batcher = new MicroBatcher<>(model, 1, Duration.ZERO, 10, n -> { });
        CompletableFuture<List<Verdict>> running = batcher.submit(List.of("running"));
        assertThat(model.entered.await(5, TimeUnit.SECONDS)).isTrue();
        batcher.close(Duration.ofMillis(50));
        assertThat(batcher.stopped()).as("the model call still holds the dispatcher").isFalse();
        model.release.countDown();
        assertThat(running.get(5, TimeUnit.SECONDS)).hasSize(1);
        batcher.close(Duration.ofSeconds(5));
        assertThat(batcher.stopped()).isTrue();
    }
}

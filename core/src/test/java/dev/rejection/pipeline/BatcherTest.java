package dev.rejection.pipeline;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatcherTest {
    private static final List<String> WORDS = List.of("ccc", "a", "eeeee", "bb", "dddd", "", "ff");

    @Test
    void batchesTextsOfSimilarLengthAndKeepsInputOrder() {
        List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
        List<Integer> lengths = new Batcher(3, 1).map(WORDS, String::length, batch -> {
            batches.add(batch);
            return batch.stream().map(String::length).toList();
        });
        assertThat(lengths).containsExactly(3, 1, 5, 2, 4, 0, 2);
        assertThat(batches).containsExactly(List.of("", "a", "bb"), List.of("ff", "ccc", "dddd"), List.of("eeeee"));
    }

    @Test
    void parallelBatchesKeepInputOrderToo() {
        List<Integer> items = IntStream.range(0, 500).map(i -> (i * 37) % 101).boxed().toList();
        List<Integer> doubled = new Batcher(1, 4).map(items, i -> i, batch -> batch.stream().map(i -> 2 * i).toList());
        assertThat(doubled).isEqualTo(items.stream().map(i -> 2 * i).toList());
    }

    @Test
    void anEmptyListGivesNoResults() {
        assertThat(new Batcher(4, 2).<String, Integer>map(List.of(), String::length, b -> List.of())).isEmpty();
    }

    @Test
    void aFailingBatchFailsTheCallWithItsOwnException() {
        assertThatThrownBy(() -> new Batcher(1, 3).map(WORDS, String::length, batch -> {
            throw new IllegalArgumentException("bad batch " + batch);
        })).isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("bad batch");
    }

    @Test
    void aFailingBatchIsThrownOnlyOnceTheBatchesStillRunningHaveEnded() {
        // the caller may close the model when the call fails: a batch still in a native call then would crash
        java.util.concurrent.CountDownLatch slowStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean slowEnded = new java.util.concurrent.atomic.AtomicBoolean();
        assertThatThrownBy(() -> new Batcher(1, 2).map(List.of("slow", "bad"), String::length, batch -> {
            if (batch.get(0).equals("slow")) {
                slowStarted.countDown();
                sleep(300);
                slowEnded.set(true);
                return List.of(1);
            }
            await(slowStarted); // fail while the slow batch runs
            throw new IllegalArgumentException("bad batch");
        })).hasMessage("bad batch");
        assertThat(slowEnded).as("the slow batch ended before the failure was thrown").isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Test
    void aBatchMustAnswerEveryItem() {
        assertThatThrownBy(() -> new Batcher(2, 1).map(WORDS, String::length, batch -> List.of(1)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a batch of 2 gave 1 results");
    }
}

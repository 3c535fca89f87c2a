package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressTest {
    private final StringWriter err = new StringWriter();

    @Test
    void offPrintsOnlyMessages() {
        try (Progress bar = Progress.off(new PrintWriter(err))) {
            bar.advance(10);
            bar.message("a.jsonl:2: missing field \"text\"");
        }
        assertThat(err.toString()).isEqualTo("a.jsonl:2: missing field \"text\"" + System.lineSeparator());
    }

    @Test
    void onDrawsCountShareAndEtaAndKeepsMessagesOnTheirOwnLines() throws InterruptedException {
        try (Progress bar = Progress.on(new PrintWriter(err), () -> 50, 100)) {
            Thread.sleep(300); // the bar redraws at most every 250 ms, so a fresh one has drawn nothing yet
            bar.advance(256);
            assertThat(err.toString()).startsWith("\r256 texts").contains("[##########----------]  50%  ETA 0:00:0");
            bar.message("oops");
            assertThat(err.toString()).endsWith(" ".repeat(20) + "\roops" + System.lineSeparator());
        }
        // the message cleared the bar; with no update since, closing draws nothing more
        assertThat(err.toString()).endsWith("\roops" + System.lineSeparator());
    }

    @Test
    void runsShorterThanARedrawIntervalDrawNothing() {
        try (Progress bar = Progress.on(new PrintWriter(err), () -> 100, 100)) {
            bar.advance(5);
        }
        assertThat(err.toString()).isEmpty();
    }
}

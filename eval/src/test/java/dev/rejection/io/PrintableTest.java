package dev.rejection.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {
    @Test
    void controlsAndLoneSurrogatesAreWrittenOutPairsAndOtherTextStay() {
        assertThat(Printable.of("plain text, ünïcode and 😀")).isEqualTo("plain text, ünïcode and 😀");
        assertThat(Printable.of("a\u001b[31mb\u0007\r\n\u009b")).isEqualTo("a\\u001b[31mb\\u0007\\u000d\\u000a\\u009b");
        assertThat(Printable.of("x\ud800y\udc00")).isEqualTo("x\\ud800y\\udc00");
        assertThat(Printable.keepingLines("a\n\tb\r\u001b")).isEqualTo("a\n\tb\\u000d\\u001b");
    }
}

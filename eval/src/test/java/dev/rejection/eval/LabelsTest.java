package dev.rejection.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelsTest {
    @Test
    void acceptsIntegersBooleansAndNames() {
        assertThat(Labels.parse(1)).isEqualTo(1);
        assertThat(Labels.parse(0L)).isEqualTo(0);
        assertThat(Labels.parse(1.0)).isEqualTo(1);
        assertThat(Labels.parse(new java.math.BigDecimal("1.000"))).isEqualTo(1);
        assertThat(Labels.parse(new java.math.BigDecimal("-0.0"))).isEqualTo(0);
        assertThat(Labels.parse(true)).isEqualTo(1);
        assertThat(Labels.parse(false)).isEqualTo(0);
        assertThat(Labels.parse("1")).isEqualTo(1);       // CSV gives strings
        assertThat(Labels.parse(" 0 ")).isEqualTo(0);
        assertThat(Labels.parse("rejection")).isEqualTo(1);
        assertThat(Labels.parse("NORMAL")).isEqualTo(0);
        assertThat(Labels.parse("True")).isEqualTo(1);
        // pandas writes a float column (one with a missing value) to CSV as 1.0 and 0.0: as JSON's 1.0 is read
        assertThat(Labels.parse("1.0")).isEqualTo(1);
        assertThat(Labels.parse("0.0")).isEqualTo(0);
        assertThat(Labels.parse("1e0")).isEqualTo(1);
    }

    @Test
    void rejectsAnythingElseSayingWhat() {
        assertThatThrownBy(() -> Labels.parse(null)).hasMessage("missing label");
        assertThatThrownBy(() -> Labels.parse(2)).hasMessageContaining("got 2");
        assertThatThrownBy(() -> Labels.parse(0.5)).hasMessageContaining("got 0.5");
        assertThatThrownBy(() -> Labels.parse(Double.NaN)).hasMessageEndingWith("got NaN");
        assertThatThrownBy(() -> Labels.parse(new java.math.BigDecimal("1.00000000000000000001")))
                .hasMessageEndingWith("got 1.00000000000000000001");
        assertThatThrownBy(() -> Labels.parse("refusal")).hasMessageContaining("\"refusal\"");
        assertThatThrownBy(() -> Labels.parse("0.5")).hasMessageEndingWith("got \"0.5\"");
        assertThatThrownBy(() -> Labels.parse("NaN")).hasMessageEndingWith("got \"NaN\"");
        assertThatThrownBy(() -> Labels.parse(java.util.List.of(1))).hasMessageEndingWith("got an array");
        assertThatThrownBy(() -> Labels.parse(java.util.Map.of("a", 1))).hasMessageEndingWith("got an object");
        // a huge value is cut: the error stays a line
        assertThatThrownBy(() -> Labels.parse("x".repeat(900_000))).hasMessageEndingWith(
                "got \"" + "x".repeat(40) + "... (900000 characters)\"");
    }
}

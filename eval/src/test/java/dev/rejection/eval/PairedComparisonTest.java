package dev.rejection.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Two detectors on the same texts, against counts and exact binomial sums worked out by hand. */
class PairedComparisonTest {
    @Test
    void exactMcNemarAgainstBinomialSums() {
        // p = min(1, 2·Σ_{k ≤ min(b,c)} C(b+c, k) / 2^(b+c))
        assertThat(PairedComparison.mcNemarExact(3, 1)).isCloseTo(0.625, within(1e-12));    // 2·(1+4)/16
        assertThat(PairedComparison.mcNemarExact(3, 0)).isCloseTo(0.25, within(1e-12));     // 2·1/8
        assertThat(PairedComparison.mcNemarExact(1, 5)).isCloseTo(0.21875, within(1e-12));  // 2·(1+6)/64
        assertThat(PairedComparison.mcNemarExact(0, 12)).isCloseTo(1.0 / 2048, within(1e-15)); // 2/4096
        assertThat(PairedComparison.mcNemarExact(2, 2)).isEqualTo(1.0);                       // 2·11/16, capped
        assertThat(PairedComparison.mcNemarExact(0, 0)).isEqualTo(1.0);
        // sums of C(n, k) too large for a double's 2^-n without logs (computed with exact integers)
        assertThat(PairedComparison.mcNemarExact(10, 30)).isCloseTo(0.0022214337732293643, within(1e-12));
        assertThat(PairedComparison.mcNemarExact(400, 480)).isCloseTo(0.007707305043339141, within(1e-10));
        assertThat(PairedComparison.mcNemarExact(900, 900)).isEqualTo(1.0);
        assertThatThrownBy(() -> PairedComparison.mcNemarExact(-1, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countsTheTextsEachCallsARejectionAndTheOtherDoesNot() {
        // refusals r1..r5, normals n1..n4; this detector at 0.5, the other at 0.6
        List<Example> examples = new ArrayList<>();
        double[] mine = {0.9, 0.8, 0.7, 0.2, 0.1, 0.9, 0.7, 0.1, 0.2};
        double[] theirs = {0.9, 0.1, 0.55, 0.7, 0.2, 0.1, 0.8, 0.9, 0.3};
        for (int i = 0; i < 9; i++) {
            examples.add(new Example(i + 1, "t" + i, i < 5 ? 1 : 0, null));
        }
        PairedComparison c = PairedComparison.of("other", examples, mine, 0.5, theirs, 0.6);
        // refusals: r1 both; r2 and r3 (0.55 is not above 0.6) this only; r4 the other only; r5 neither
        assertThat(c.refusals()).isEqualTo(new PairedComparison.Discordance(1, 2, 1, 1.0)); // 2·(1+3)/8 = 1
        // normals: n1 this only, n2 both, n3 the other only, n4 neither
        assertThat(c.normals()).isEqualTo(new PairedComparison.Discordance(1, 1, 1, 1.0));
        // the other's own confusion at 0.6: tp r1 r4, fn r2 r3 r5, fp n2 n3, tn n1 n4
        assertThat(c.other().confusion()).isEqualTo(new Confusion(2, 2, 2, 3));
        assertThat(c.other().threshold()).isEqualTo(0.6);

        JsonNode json = new ObjectMapper().valueToTree(c);
        assertThat(json.get("model").asText()).isEqualTo("other");
        assertThat(json.get("tp").asInt()).isEqualTo(2);
        assertThat(json.at("/refusals/only_this").asInt()).isEqualTo(2);
        assertThat(json.at("/normals/only_other").asInt()).isEqualTo(1);
        assertThatThrownBy(() -> PairedComparison.of("other", examples, mine, 0.5, new double[3], 0.5))
                .hasMessageContaining("3 scores");
    }
}

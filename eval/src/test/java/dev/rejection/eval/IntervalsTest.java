package dev.rejection.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The 95% intervals of a confusion matrix's rates, against bounds computed by hand as the roots p of
 * (x/n - p)² = z²·p(1-p)/n with z = 1.959963984540054 (the quadratic form of Wilson's interval).
 */
class IntervalsTest {
    private static final double EPS = 1e-8;

    @Test
    void recallPrecisionAndFalseAlarmsOfALeaveFamilyOutRun() {
        // 84 of 101 refusals found, 3 false alarms in 866 normal answers
        Intervals i = new Confusion(84, 3, 863, 17).intervals();
        assertThat(i.confidence()).isEqualTo(0.95);
        assertThat(i.recall().low()).isCloseTo(0.746887911, within(EPS));      // 84/101
        assertThat(i.recall().high()).isCloseTo(0.892172254, within(EPS));
        assertThat(i.precision().low()).isCloseTo(0.903459176, within(EPS));   // 84/87
        assertThat(i.precision().high()).isCloseTo(0.988204179, within(EPS));
        assertThat(i.falseAlarmRate().low()).isCloseTo(0.001178826, within(EPS)); // 3/866
        assertThat(i.falseAlarmRate().high()).isCloseTo(0.010135257, within(EPS));
    }

    @Test
    void aRateWithNothingToMeasureItHasNoInterval() {
        // no refusal and nothing flagged: recall and precision unmeasured; 0 false alarms of 10: [0, 0.2775328]
        Intervals i = new Confusion(0, 0, 10, 0).intervals();
        assertThat(i.recall()).isNull();
        assertThat(i.precision()).isNull();
        assertThat(i.falseAlarmRate().low()).isZero();
        assertThat(i.falseAlarmRate().high()).isCloseTo(0.277532800, within(EPS));
    }

    @Test
    void theJsonOfEveryOperatingPointCarriesThem() throws Exception {
        JsonNode json = new ObjectMapper().valueToTree(new OperatingPoint(0.5, new Confusion(84, 3, 863, 17)));
        assertThat(json.at("/intervals/confidence").asDouble()).isEqualTo(0.95);
        assertThat(json.at("/intervals/recall/low").asDouble()).isCloseTo(0.746887911, within(EPS));
        assertThat(json.at("/intervals/false_alarm_rate/high").asDouble()).isCloseTo(0.010135257, within(EPS));
        JsonNode none = new ObjectMapper().valueToTree(new Confusion(0, 0, 10, 0));
        assertThat(none.at("/intervals/recall").isNull()).isTrue();
    }
}

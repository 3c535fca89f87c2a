package dev.rejection.train;

import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Example;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ModelCardTest {

    @Test
    void co2IsCpuHoursTimesPowerTimesIntensity() {
        EvalReport dev = Evaluation.evaluate(List.of(new Example(1, "no", 1, null), new Example(2, "yes", 0, null)),
                new double[]{0.9, 0.2}, 0.5, List.of(), null);
        ModelCard card = new ModelCard("base", false, List.of("a.jsonl"), dev, 2.0, 50, 400, "rejection train ...");
        // 2 h x 0.05 kW x 400 g/kWh = 40 g
        assertThat(card.emissionsGrams()).isCloseTo(40.0, within(1e-9));
        String text = card.render();
        assertThat(text).contains("base_model: \"base\"", "  - \"a.jsonl\"", "pipeline_tag: text-classification",
                "  emissions: 40.0000", "          - type: f1\n            value: 1.0000",
                "training_type: head training on a frozen encoder", "logistic-regression head on frozen features");

        String tuned = new ModelCard("base", true, List.of("a.jsonl"), dev, 2.0, 50, 400, "train --full").render();
        assertThat(tuned).contains("training_type: fine-tuning of the whole encoder", "every weight fine-tuned")
                .doesNotContain("frozen");
    }
}

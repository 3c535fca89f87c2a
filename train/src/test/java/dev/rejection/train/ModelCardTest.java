package dev.rejection.train;

import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Evaluation;
import dev.rejection.eval.Example;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

    @Test
    void frontMatterParsesAsYamlAndReadsBackWhatWasWritten() throws Exception {
        EvalReport dev = Evaluation.evaluate(List.of(new Example(1, "no", 1, null), new Example(2, "yes", 0, null)),
                new double[]{0.9, 0.2}, 0.5, List.of(), null);
        // names a file system allows: quotes, a colon and a dash as YAML syntax, a newline, a tab, a BOM, an emoji
        List<String> datasets = List.of("plain.jsonl", "a\": b.jsonl", "- c\\d.jsonl", "two\nlines.jsonl",
                "tab\there.jsonl", "\uFEFFbom.jsonl", "emoji \uD83D\uDE00.jsonl", "#not-a-comment.jsonl");
        String base = "org/base: \"quoted\"";
        String text = new ModelCard(base, true, datasets, dev, 2.0, 50, 400, "train --full").render();

        assertThat(text).startsWith("---\n");
        String front = text.substring(4, text.indexOf("\n---\n", 4));
        JsonNode card = new YAMLMapper().readTree(front);

        assertThat(card.get("base_model").asText()).isEqualTo(base);
        List<String> read = new ArrayList<>();
        card.get("datasets").forEach(d -> read.add(d.asText()));
        assertThat(read).isEqualTo(datasets);
        assertThat(card.get("pipeline_tag").asText()).isEqualTo("text-classification");
        // both answers on the right side of 0.5: every count-based metric is 1; the loss is the mean cross-entropy
        double loss = -(Math.log(0.9) + Math.log(1 - 0.2)) / 2;
        JsonNode metrics = card.get("model-index").get(0).get("results").get(0).get("metrics");
        assertThat(metrics).hasSize(5);
        for (JsonNode metric : metrics) {
            double expected = metric.get("type").asText().equals("loss") ? loss : 1.0;
            assertThat(metric.get("value").asDouble()).as(metric.get("type").asText()).isCloseTo(expected,
                    within(0.5e-4));
        }
        assertThat(card.get("co2_eq_emissions").get("emissions").asDouble()).isCloseTo(40.0, within(1e-9));
        assertThat(card.get("co2_eq_emissions").get("training_type").asText())
                .isEqualTo("fine-tuning of the whole encoder");
    }
}

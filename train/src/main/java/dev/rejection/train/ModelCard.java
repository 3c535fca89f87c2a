package dev.rejection.train;

import dev.rejection.eval.Confusion;
import dev.rejection.eval.EvalReport;
import dev.rejection.eval.Metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The model card ({@code README.md}) of a trained detector, in the Hugging Face format: YAML front matter with
 * {@code base_model}, {@code datasets}, {@code metrics} and their values on the dev set, {@code pipeline_tag} and
 * {@code co2_eq_emissions}, then a short human-readable body.
 *
 * <p>CO2 is estimated from the training process's CPU time: {@code emissions [g] = CPU hours × power [kW] × carbon
 * intensity [g/kWh]}. CPU time over-counts nothing that ran elsewhere and under-counts memory and idle power; the
 * card says so.
 *
 * @param baseModel       the encoder: frozen under the head, or the one fine-tuned (or "none")
 * @param fineTuned       whether the whole encoder was fine-tuned ({@code train --full}) rather than a head trained
 * @param datasets        training data file names
 * @param dev             metrics on the dev set at threshold 0.5
 * @param cpuHours        CPU time of training (all threads), in hours
 * @param powerWatts      assumed power draw while busy
 * @param carbonIntensity grid intensity in gCO2eq/kWh
 * @param command         the command line that trained it
 */
public record ModelCard(String baseModel, boolean fineTuned, List<String> datasets, EvalReport dev, double cpuHours,
                        double powerWatts, double carbonIntensity, String command) {

    /** Estimated emissions of the training, in grams of CO2 equivalent. */
    public double emissionsGrams() {
        return cpuHours * powerWatts / 1000 * carbonIntensity;
    }

    public String render() {
        Metrics m = dev.overall();
        Confusion c = m.confusion();
        StringBuilder s = new StringBuilder();
        s.append("---\n");
        s.append("base_model: ").append(yaml(baseModel)).append('\n');
        s.append("datasets:\n");
        datasets.forEach(d -> s.append("  - ").append(yaml(d)).append('\n'));
        s.append("language:\n  - en\n");
        s.append("pipeline_tag: text-classification\n");
        s.append("tags:\n  - rejection-detection\n  - refusal\n");
        s.append("metrics:\n  - loss\n  - accuracy\n  - precision\n  - recall\n  - f1\n");
        s.append("model-index:\n  - name: rejection-detector\n    results:\n      - task:\n")
                .append("          type: text-classification\n        dataset:\n          name: dev\n")
                .append("          type: dev\n        metrics:\n");
        for (Map.Entry<String, Double> metric : Map.of("loss", m.loss(), "accuracy", c.accuracy(),
                "precision", c.precision(), "recall", c.recall(), "f1", c.f1()).entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            s.append("          - type: ").append(metric.getKey()).append("\n            value: ")
                    .append(fmt(metric.getValue())).append('\n');
        }
        s.append("co2_eq_emissions:\n");
        s.append("  emissions: ").append(fmt(emissionsGrams())).append('\n');
        s.append("  source: estimated from the training process's CPU time (").append(fmt(cpuHours))
                .append(" CPU hours) x ").append(fmt(powerWatts)).append(" W x ").append(fmt(carbonIntensity))
                .append(" gCO2eq/kWh\n");
        s.append("  training_type: ").append(fineTuned ? "fine-tuning of the whole encoder"
                : "head training on a frozen encoder").append('\n');
        s.append("  hardware_used: CPU\n");
        s.append("---\n\n");
        s.append("# Rejection detector\n\n");
        s.append("Tells whether an LLM answer is a rejection (refusal, label `REJECTION`) or a normal answer (`NORMAL`). ");
        if (fineTuned) {
            s.append("`").append(baseModel).append("` with a sequence-classification head, every weight fine-tuned ")
                    .append("(AdamW) with `rejection train --full`.\n\n");
        } else {
            s.append("A logistic-regression head on frozen features of `").append(baseModel)
                    .append("` and the lexical refusal detector, trained with `rejection train`.\n\n");
        }
        s.append("## Training\n\n```\n").append(command).append("\n```\n\n");
        s.append("## Metrics on the dev set (threshold 0.5, REJECTION positive)\n\n");
        s.append("| loss | accuracy | precision | recall | F1 | ROC-AUC | PR-AUC | n |\n|---|---|---|---|---|---|---|---|\n");
        s.append(String.format(Locale.ROOT, "| %.4f | %.4f | %.4f | %.4f | %.4f | %s | %s | %d |%n%n", m.loss(),
                c.accuracy(), c.precision(), c.recall(), c.f1(), m.rocAuc() == null ? "-" : fmt(m.rocAuc()),
                m.prAuc() == null ? "-" : fmt(m.prAuc()), c.tp() + c.fp() + c.tn() + c.fn()));
        s.append("## CO2\n\n").append(String.format(Locale.ROOT, "About %.2f g CO2eq: %.4f CPU hours at an assumed "
                        + "%.0f W and %.0f gCO2eq/kWh. CPU time leaves out memory, disks and idle power, so this is "
                        + "a lower bound for the machine; set --power-watts and --carbon-intensity to your own.%n",
                emissionsGrams(), cpuHours, powerWatts, carbonIntensity));
        return s.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /**
     * {@code v} as a YAML double-quoted scalar that reads back as {@code v}: quotes and backslashes escaped, and so is
     * every character YAML does not allow as it is or would read as a line break (a file name may hold a newline).
     */
    private static String yaml(String v) {
        StringBuilder s = new StringBuilder(v.length() + 2).append('"');
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < v.length()
                    && Character.isLowSurrogate(v.charAt(i + 1));
            if (pair) {
                s.append(c).append(v.charAt(++i));
            } else if (c == '"' || c == '\\') {
                s.append('\\').append(c);
            } else if (c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xFFFD && c != 0x2028 && c != 0x2029
                    && c != 0xFEFF && !Character.isSurrogate(c)) {
                s.append(c);
            } else {
                s.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return s.append('"').toString();
    }
}

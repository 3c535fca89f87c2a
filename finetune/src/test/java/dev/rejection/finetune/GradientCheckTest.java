package dev.rejection.finetune;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every parameter tensor's analytic gradient (so every layer's backward pass: embeddings, LayerNorm, attention
 * with the padding mask, GELU, dropout, both heads, class-weighted cross-entropy) against central finite
 * differences of the loss. The model is fp32, so the criterion is relative with an absolute floor: the loss is
 * summed in double, and a step of 1e-2 keeps fp32 rounding (≈1e-7 of the loss) well below the differences.
 */
class GradientCheckTest {

    private static final float[] CLASS_WEIGHTS = {1f, 2.5f};
    private static final long DROPOUT_SEED = 7;

    @ParameterizedTest
    @ValueSource(strings = {"roberta", "bert"})
    void analyticGradientsMatchFiniteDifferences(String type) {
        Architecture arch = TinyModels.arch(type, 0.3, 0.1);
        SequenceClassifier model = new SequenceClassifier(arch);
        model.initialize(3, null);
        // biases and LayerNorm parameters start at 0/1; move them so their gradients are generic
        SplittableRandom random = new SplittableRandom(11);
        for (Param p : model.params()) {
            if (!p.linear() && p.shape().length == 1) {
                for (int i = 0; i < p.size(); i++) {
                    p.values()[i] += (float) (random.nextGaussian() * 0.1);
                }
            }
        }
        Batch batch = TinyModels.batch(arch);
        model.zeroGrad();
        SequenceClassifier.Trace trace = model.forwardTraining(batch, DROPOUT_SEED);
        model.backward(trace, CrossEntropy.of(trace.logits(), batch.labels(), 2, CLASS_WEIGHTS).dLogits());

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Param p : model.params()) {
            double gradNorm = 0;
            for (float g : p.gradient()) {
                gradNorm = Math.max(gradNorm, Math.abs(g));
            }
            for (int index : coordinates(p, batch, random)) {
                double analytic = p.gradient()[index];
                double numeric = numericGradient(model, batch, p, index);
                double error = Math.abs(analytic - numeric);
                checked++;
                if (error > 2e-3 * Math.max(Math.abs(analytic), Math.abs(numeric)) + 3e-5 + 2e-4 * gradNorm) {
                    failures.add(p.name() + "[" + index + "]: analytic " + analytic + " numeric " + numeric);
                }
            }
            if (!p.name().contains("token_type") && !p.name().contains("key.bias")) { // softmax ignores a shift shared by all keys
                assertThat(gradNorm).as("some gradient reaches %s", p.name()).isPositive();
            }
        }
        assertThat(failures).as("%d coordinates checked", checked).isEmpty();
    }

    /** A few coordinates of p, for tables only rows the batch uses. */
    private static List<Integer> coordinates(Param p, Batch batch, SplittableRandom random) {
        List<Integer> picks = new ArrayList<>();
        int[] shape = p.shape();
        for (int n = 0; n < 4; n++) {
            if (!p.linear() && shape.length == 2) {
                int row = p.name().contains("word") ? batch.ids()[random.nextInt(batch.ids().length)]
                        : p.name().contains("token_type") ? batch.typeIds()[random.nextInt(batch.ids().length)]
                        : 2 + random.nextInt(6);
                picks.add(row * shape[1] + random.nextInt(shape[1]));
            } else {
                picks.add(random.nextInt(p.size()));
            }
        }
        return picks;
    }

    private static double numericGradient(SequenceClassifier model, Batch batch, Param p, int index) {
        float h = 1e-2f;
        float original = p.values()[index];
        p.values()[index] = original + h;
        double plus = loss(model, batch);
        p.values()[index] = original - h;
        double minus = loss(model, batch);
        p.values()[index] = original;
        return (plus - minus) / (2 * h);
    }

    private static double loss(SequenceClassifier model, Batch batch) {
        float[] logits = model.forwardTraining(batch, DROPOUT_SEED).logits();
        return CrossEntropy.of(logits, batch.labels(), 2, CLASS_WEIGHTS).loss();
    }
}

package dev.rejection.finetune.train;

/**
 * Transformers' {@code get_linear_schedule_with_warmup}: the learning rate rises linearly from 0 over
 * {@code warmupSteps}, then falls linearly to 0 at {@code totalSteps}. Step 0 is the first optimizer step.
 */
public record LinearSchedule(double peak, int warmupSteps, int totalSteps) {

    public double at(long step) {
        if (step < warmupSteps) {
            return peak * step / Math.max(1, warmupSteps);
        }
        return peak * Math.max(0.0, (double) (totalSteps - step) / Math.max(1, totalSteps - warmupSteps));
    }
}

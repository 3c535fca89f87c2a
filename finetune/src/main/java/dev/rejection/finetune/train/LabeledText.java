package dev.rejection.finetune.train;

/** A training or dev text and its class index (0 NORMAL, 1 REJECTION for the detector). */
public record LabeledText(String text, int label) {

    public LabeledText {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
    }
}

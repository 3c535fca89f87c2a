package dev.rejection.finetune.train;

/**
 * A training or dev text and its class index (0 NORMAL, 1 REJECTION for the detector).
 *
 * @param prompt the prompt the text (an answer) replied to, read before it as a text pair; null: the text alone
 */
public record LabeledText(String text, int label, String prompt) {

    public LabeledText {
        if (text == null) {
            throw new IllegalArgumentException("text is null");
        }
    }

    /** A text read alone. */
    public LabeledText(String text, int label) {
        this(text, label, null);
    }
}

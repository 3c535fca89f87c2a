package dev.rejection.pipeline;

import dev.rejection.tokenizer.Tokenizer;

import java.util.List;
import java.util.Optional;

/**
 * What a detector needs from a model: every label's score for a text. Implemented by the Hugging Face
 * {@link TextClassificationPipeline} and by trained heads on frozen encoders; thread-safe.
 */
public interface TextClassifier extends AutoCloseable {

    /** Label names in id order. */
    List<String> labels();

    /** Tokens per text after truncation, special tokens included. */
    int maxLength();

    /** The tokenizer the model reads with, truncating to {@link #maxLength()}; empty when it reads no tokens. */
    default Optional<Tokenizer> tokenizer() {
        return Optional.empty();
    }

    /** Classifies one text. */
    Classification classify(String text);

    /** Classifies texts; results in input order. */
    List<Classification> classify(List<String> texts);

    /**
     * Classifies answers, each read after its prompt as a text pair (a null prompt: the answer alone); results in
     * input order. Classifiers that read single texts only accept no prompts.
     *
     * @throws UnsupportedOperationException when a prompt is given to a classifier that cannot read pairs
     */
    default List<Classification> classify(List<String> prompts, List<String> texts) {
        if (prompts != null && prompts.stream().anyMatch(java.util.Objects::nonNull)) {
            throw new UnsupportedOperationException("this classifier reads answers alone; it takes no prompt");
        }
        return classify(texts);
    }

    /** Releases the model's native resources. */
    @Override
    void close();
}

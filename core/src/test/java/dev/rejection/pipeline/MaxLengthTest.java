package dev.rejection.pipeline;

import dev.rejection.model.ModelConfig;
import dev.rejection.model.ModelException;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The default max length, as transformers derives it from tokenizer_config.json and config.json. */
class MaxLengthTest {
    private static final String LABELS = "\"id2label\": {\"0\": \"NORMAL\", \"1\": \"REJECTION\"}";

    private static ModelConfig config(String fields) {
        return ModelConfig.parse("{" + fields + (fields.isEmpty() ? "" : ", ") + LABELS + "}", "config.json");
    }

    @Test
    void robertaLosesPaddingIdPlusOnePositions() {
        ModelConfig roberta = config("\"model_type\": \"roberta\", \"max_position_embeddings\": 514, "
                + "\"pad_token_id\": 1");
        assertThat(TextClassificationPipeline.defaultMaxLength(roberta, OptionalInt.empty())).isEqualTo(512);
        assertThat(TextClassificationPipeline.defaultMaxLength(roberta, OptionalInt.of(512))).isEqualTo(512);
        assertThat(TextClassificationPipeline.defaultMaxLength(roberta, OptionalInt.of(128))).isEqualTo(128);
        assertThat(TextClassificationPipeline.defaultMaxLength(roberta, OptionalInt.of(4096))).isEqualTo(512);
    }

    @Test
    void bertUsesAllPositions() {
        ModelConfig bert = config("\"model_type\": \"bert\", \"max_position_embeddings\": 512, \"pad_token_id\": 0");
        assertThat(TextClassificationPipeline.defaultMaxLength(bert, OptionalInt.empty())).isEqualTo(512);
    }

    @Test
    void modelMaxLengthAloneIsEnoughAndNeitherIsAnError() {
        assertThat(TextClassificationPipeline.defaultMaxLength(config(""), OptionalInt.of(256))).isEqualTo(256);
        assertThatThrownBy(() -> TextClassificationPipeline.defaultMaxLength(config(""), OptionalInt.empty()))
                .isInstanceOf(ModelException.class).hasMessageContaining("config.json")
                .hasMessageContaining("max_position_embeddings");
    }
}

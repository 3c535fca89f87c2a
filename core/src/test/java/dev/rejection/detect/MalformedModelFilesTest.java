package dev.rejection.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rejection.model.ModelException;
import dev.rejection.testing.MalformedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A malformed model file fails the load with a message naming the file and what is wrong in it, as bad input
 * ({@link ModelException} or {@link IllegalArgumentException}, which callers report as such), never as an
 * arithmetic or array error from deep inside.
 */
class MalformedModelFilesTest {

    @ParameterizedTest
    @EnumSource(MalformedModels.class)
    void aBrokenFileIsNamedWithWhatIsWrong(MalformedModels broken, @TempDir Path tmp) throws IOException {
        Path dir = broken.write(tmp.resolve("model"));

        assertThatThrownBy(() -> RejectionDetector.load(dir).close())
                .isInstanceOfAny(ModelException.class, IllegalArgumentException.class)
                .hasMessageContaining(dir.resolve(broken.file()).toString())
                .hasMessageContaining(broken.says());
    }

    /** The tokenizer loads beside the ONNX session: with both broken, the tokenizer is named, the graph kept. */
    @Test
    void withTheTokenizerAndTheGraphBothBrokenTheTokenizerIsNamedAndTheGraphsErrorKept(@TempDir Path tmp)
            throws IOException {
        Path dir = MalformedModels.TRUNCATED_TOKENIZER.write(tmp.resolve("model"));
        Files.writeString(dir.resolve("onnx/model.onnx"), "not an ONNX graph");

        assertThatThrownBy(() -> RejectionDetector.load(dir).close())
                .hasMessageContaining(dir.resolve("tokenizer.json").toString())
                .hasMessageContaining("not valid JSON")
                .satisfies(e -> assertThat(e.getSuppressed()).anySatisfy(s ->
                        assertThat(s).hasMessageContaining(dir.resolve("onnx/model.onnx").toString())));
    }
}

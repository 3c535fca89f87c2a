package dev.rejection.detect;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rejection.model.ModelException;
import dev.rejection.testing.MalformedModels;
import java.io.IOException;
import java.nio.file.Path;
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
}

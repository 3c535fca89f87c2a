package dev.rejection.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A model directory packaged as classpath resources (for example inside a jar), extracted to a temporary
 * directory so that it can be opened like any other {@link ModelDir}. Closing deletes the copy; ONNX Runtime and
 * the tokenizer have read what they need by then, so callers close it right after loading.
 *
 * <p>A classpath folder cannot be listed portably, so the known Hugging Face file names are looked up one by one.
 */
public final class ClasspathModel implements AutoCloseable {
    private static final List<String> KNOWN_FILES = List.of("config.json", "tokenizer.json",
            "tokenizer_config.json", "special_tokens_map.json", "added_tokens.json", "vocab.json", "merges.txt",
            "vocab.txt", "model.onnx", "onnx/model.onnx");

    private final Path tempDir;
    private final ModelDir modelDir;

    private ClasspathModel(Path tempDir, ModelDir modelDir) {
        this.tempDir = tempDir;
        this.modelDir = modelDir;
    }

    /**
     * Extracts {@code resourceDir} (e.g. {@code "models/rejection"}) and opens it.
     *
     * @param onnxFile the ONNX file relative to the resource folder, or null for the defaults
     * @throws ModelException when the folder holds no {@code config.json} or is otherwise incomplete
     */
    public static ClasspathModel extract(String resourceDir, String onnxFile, ClassLoader loader) {
        String prefix = resourceDir.replaceAll("^/+|/+$", "");
        List<String> names = new ArrayList<>(KNOWN_FILES);
        if (onnxFile != null) {
            names.add(onnxFile);
        }
        Path tempDir;
        try {
            tempDir = Files.createTempDirectory("rejection-model-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory for classpath model " + prefix, e);
        }
        try {
            int found = 0;
            for (String name : names) {
                try (InputStream in = loader.getResourceAsStream(prefix + "/" + name)) {
                    if (in != null) {
                        Path target = tempDir.resolve(name);
                        Files.createDirectories(target.getParent());
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        found++;
                    }
                }
            }
            if (found == 0) {
                throw new ModelException("no model on the classpath at " + prefix + "/ (no config.json there)");
            }
            return new ClasspathModel(tempDir, ModelDir.open(tempDir, onnxFile));
        } catch (IOException e) {
            deleteQuietly(tempDir);
            throw new ModelException("cannot extract classpath model " + prefix + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tempDir);
            throw e;
        }
    }

    /** The extracted model directory; valid until {@link #close()}. */
    public ModelDir modelDir() {
        return modelDir;
    }

    /** Deletes the extracted copy. */
    @Override
    public void close() {
        deleteQuietly(tempDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless; the caller's real error matters more
        }
    }
}

package dev.rejection.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of a model directory with one config.json field changed: the same ONNX graph under another config. */
public final class ConfigVariant {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigVariant() {
    }

    /** Copies {@code source} to {@code target} and sets config.json's {@code field} to the raw JSON {@code value}. */
    public static Path of(Path source, Path target, String field, String value) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(file, copy);
                }
            }
        }
        Path configFile = target.resolve("config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
        config.set(field, JSON.readTree(value));
        JSON.writeValue(configFile.toFile(), config);
        return target;
    }
}

package dev.rejection.pipeline;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.testing.StandIns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Copies of a model directory with one config.json field changed: the same ONNX graph under another config. */
public final class ConfigVariant {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigVariant() {
    }

    /** Copies {@code source} to {@code target} and sets config.json's {@code field} to the raw JSON {@code value}. */
    public static Path of(Path source, Path target, String field, String value) throws IOException {
        StandIns.copy(source, target);
        Path configFile = target.resolve("config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(configFile.toFile());
        config.set(field, JSON.readTree(value));
        JSON.writeValue(configFile.toFile(), config);
        return target;
    }
}

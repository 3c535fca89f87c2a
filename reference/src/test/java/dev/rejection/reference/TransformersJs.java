package dev.rejection.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Runs the reference, {@code js/classify.mjs} (transformers.js's text-classification pipeline), as a child process
 * and reads its JSON lines back.
 */
final class TransformersJs {
    /** One text's result from the reference. */
    record Result(int index, int[] ids, boolean truncated, Map<String, Double> scores) {
        String topLabel() {
            return scores.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String node;
    private final Path scriptDir;

    TransformersJs(String node, Path scriptDir) {
        this.node = node;
        this.scriptDir = scriptDir;
    }

    /** From the system properties the reference module's surefire sets. */
    static TransformersJs fromSystemProperties() {
        return new TransformersJs(System.getProperty("node.executable", "node"),
                Path.of(System.getProperty("reference.js.dir", "js")).toAbsolutePath());
    }

    /** Where {@code npm ci} put transformers.js; missing when the Maven build did not install it. */
    boolean installed() {
        return Files.isDirectory(scriptDir.resolve("node_modules/@huggingface/transformers"));
    }

    Path scriptDir() {
        return scriptDir;
    }

    /**
     * Classifies every text of a JSONL file ({@code text} field) with the pipeline, {@code batchSize} texts per
     * call, truncating at {@code maxLength} tokens the way Python transformers does.
     */
    List<Result> classify(Path modelDir, Path textsJsonl, int batchSize, int maxLength) {
        List<String> command = List.of(node, scriptDir.resolve("classify.mjs").toString(), "classify",
                "--model", modelDir.toAbsolutePath().toString(), "--input", textsJsonl.toAbsolutePath().toString(),
                "--batch-size", Integer.toString(batchSize), "--max-length", Integer.toString(maxLength));
        List<Result> results = new ArrayList<>();
        try {
            Process process = new ProcessBuilder(command).directory(scriptDir.toFile()).start();
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(process));
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    results.add(parse(line));
                }
            }
            int exit = process.waitFor();
            if (exit != 0) {
                throw new IllegalStateException("transformers.js (" + String.join(" ", command) + ") exited with "
                        + exit + ":\n" + stderr.join());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for transformers.js", e);
        }
        return results;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(stderr unreadable: " + e + ")";
        }
    }

    private static Result parse(String line) throws IOException {
        JsonNode node = JSON.readTree(line);
        JsonNode ids = node.get("ids");
        int[] tokenIds = new int[ids.size()];
        for (int i = 0; i < tokenIds.length; i++) {
            tokenIds[i] = ids.get(i).asInt();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        for (JsonNode score : node.get("scores")) {
            scores.put(score.get("label").asText(), score.get("score").asDouble());
        }
        return new Result(node.get("index").asInt(), tokenIds, node.get("truncated").asBoolean(), scores);
    }
}

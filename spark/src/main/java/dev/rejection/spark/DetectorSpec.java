package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.Preset;
import dev.rejection.detect.mode.ReadSpec;
import dev.rejection.hub.ModelLocator;
import org.apache.spark.SparkFiles;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Which detector to run on the executors, and how it reads each text: small enough to ship with every task. Its
 * model settings are the key under which each executor JVM keeps its one loaded detector ({@link ExecutorDetectors});
 * the mode is not, so specs that differ only in mode share one model.
 *
 * <p>The model is found on each executor, in one of four ways:
 * <ul>
 *   <li>a directory that every executor can read (a shared file system, or the same path baked into each node);</li>
 *   <li>a Hub id {@code org/name[@revision]}, found in the executor's Hugging Face cache or downloaded into it;</li>
 *   <li>{@code sparkfiles:NAME}, a model directory shipped as a zip in {@code spark.archives} ({@link ShippedModel},
 *       or spark-submit's {@code --archives MODEL.zip#NAME}), whose local copy {@link SparkFiles#get} names;</li>
 *   <li>null: the embedded default detector, whose files are resources of the job jar.</li>
 * </ul>
 *
 * @param model          where the model is, as above; null for the embedded default detector, which travels inside
 *                       the job jar
 * @param onnxFile       the ONNX file inside the model directory, or null for the model's default
 * @param threshold      probability of the positive label above which a text is a rejection
 * @param maxLength      tokens per text after truncation; 0 for the model's own limit
 * @param batchSize      texts per model call; 0 for the detector's default
 * @param intraOpThreads ONNX Runtime threads per model call; 1 by default, because Spark already runs one task per
 *                       core and more threads per call would only make the tasks fight over the cores
 * @param mode           how each text is read ({@link MatchMode}): {@code FULL} (the default) as the model card does;
 *                       {@code SENTENCE} and {@code WINDOW} score every sentence or token window, take the highest,
 *                       and add the deciding span's columns ({@link RejectionColumns#schema(MatchMode)})
 * @param stride         tokens shared by consecutive windows in {@code WINDOW} and {@code DEEP} mode; null for
 *                       {@link dev.rejection.detect.mode.ModeDetector}'s default (given only in window mode)
 */
public record DetectorSpec(String model, String onnxFile, double threshold, int maxLength, int batchSize,
                           int intraOpThreads, MatchMode mode, Integer stride) implements Serializable {

    /** The prefix of a model shipped in {@code spark.archives} ({@link ShippedModel}). */
    public static final String SPARK_FILES = "sparkfiles:";

    public DetectorSpec {
        if (model != null && model.isBlank()) {
            throw new IllegalArgumentException("model is blank: give a directory, a Hub id or " + SPARK_FILES
                    + "NAME, or null for the embedded default");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be between 0 and 1, got " + threshold);
        }
        if (maxLength < 0 || batchSize < 0 || intraOpThreads < 1) {
            throw new IllegalArgumentException("max length and batch size must be 0 (default) or more, and intra-op "
                    + "threads at least 1; got " + maxLength + ", " + batchSize + ", " + intraOpThreads);
        }
        if (mode == null) {
            throw new IllegalArgumentException("mode is required: full, sentence, window or deep");
        }
        ReadSpec.of(mode, stride, null, Preset.DEFAULT); // checks the stride against the mode
    }

    /** How each text is read: this spec's mode and stride. */
    ReadSpec reading() {
        return ReadSpec.of(mode, stride, null, Preset.DEFAULT);
    }

    /** The embedded default detector with default settings. */
    public static DetectorSpec defaults() {
        return of(null);
    }

    /**
     * The model with default settings: threshold 0.5, the model's max length, one thread per call, full mode.
     */
    public static DetectorSpec of(String model) {
        return new DetectorSpec(model, null, RejectionDetector.DEFAULT_THRESHOLD, 0, 0, 1, MatchMode.FULL, null);
    }

    /** The embedded default detector with default settings, as {@link #of} gives them. */
    public static DetectorSpec embedded() {
        return of(null);
    }

    /** A model directory shipped with {@link ShippedModel} (as {@link ShippedModel#model()} names it). */
    public static DetectorSpec shipped(String name) {
        return of(SPARK_FILES + name);
    }

    public DetectorSpec withOnnxFile(String file) {
        return new DetectorSpec(model, file, threshold, maxLength, batchSize, intraOpThreads, mode, stride);
    }

    public DetectorSpec withThreshold(double value) {
        return new DetectorSpec(model, onnxFile, value, maxLength, batchSize, intraOpThreads, mode, stride);
    }

    public DetectorSpec withMaxLength(int tokens) {
        return new DetectorSpec(model, onnxFile, threshold, tokens, batchSize, intraOpThreads, mode, stride);
    }

    public DetectorSpec withBatchSize(int texts) {
        return new DetectorSpec(model, onnxFile, threshold, maxLength, texts, intraOpThreads, mode, stride);
    }

    public DetectorSpec withIntraOpThreads(int threads) {
        return new DetectorSpec(model, onnxFile, threshold, maxLength, batchSize, threads, mode, stride);
    }

    /** A copy reading texts in {@code readAs} mode. */
    public DetectorSpec withMode(MatchMode readAs) {
        return new DetectorSpec(model, onnxFile, threshold, maxLength, batchSize, intraOpThreads, readAs, stride);
    }

    /** A copy whose windows share {@code tokens} tokens; for window and deep mode only ({@code withMode} first). */
    public DetectorSpec withStride(int tokens) {
        return new DetectorSpec(model, onnxFile, threshold, maxLength, batchSize, intraOpThreads, mode, tokens);
    }

    /** The settings the loaded detector depends on: this spec read in full mode, the key of the executor's cache. */
    DetectorSpec loading() {
        return new DetectorSpec(model, onnxFile, threshold, maxLength, batchSize, intraOpThreads, MatchMode.FULL, null);
    }

    /**
     * Loads the detector in this JVM (the caller keeps it; see {@link ExecutorDetectors}).
     *
     * @throws dev.rejection.model.ModelException when the model is missing or broken
     * @throws IllegalArgumentException           when {@code model} is neither a directory, a Hub id nor a shipped
     *                                            model that this executor has
     */
    RejectionDetector load() {
        RejectionDetector.Builder builder = RejectionDetector.builder()
                .onnxFile(onnxFile)
                .intraOpThreads(intraOpThreads)
                .parallelism(1); // Spark runs one task per core; a task's calls side by side would fight them
        if (model != null) {
            builder.modelDir(modelDir()); // else the embedded default
        }
        reading().configure(builder, threshold, maxLength > 0 ? maxLength : null);
        if (batchSize > 0) {
            builder.batchSize(batchSize);
        }
        return builder.build();
    }

    /**
     * When the model is a folder on this machine's file system, its files (to two levels, {@code onnx/} included)
     * as path, size and modification time: what tells a model changed in place. Empty for the embedded default, a
     * Hub id (its snapshots are named by commit) and a shipped model (Spark refuses a second file of one name).
     */
    List<String> localModelFiles() {
        if (model == null || model.startsWith(SPARK_FILES)) {
            return List.of();
        }
        Path dir;
        try {
            dir = Path.of(model);
        } catch (InvalidPathException e) {
            return List.of(); // not a folder: a Hub id, or a name the load refuses
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(Files::isRegularFile).map(file -> {
                try {
                    return dir.relativize(file) + " " + Files.size(file) + " " + Files.getLastModifiedTime(file);
                } catch (IOException e) {
                    return dir.relativize(file) + " unreadable";
                }
            }).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of(); // the load says what is wrong with the folder
        }
    }

    private Path modelDir() {
        if (model.startsWith(SPARK_FILES)) {
            String name = model.substring(SPARK_FILES.length());
            Path dir = Path.of(SparkFiles.get(name));
            if (!Files.isDirectory(dir)) {
                throw new IllegalArgumentException("shipped model " + name + " is not in this executor's SparkFiles ("
                        + dir + "); ship it from the driver in spark.archives (see ShippedModel)");
            }
            return dir;
        }
        return ModelLocator.fromEnvironment().locate(model, null, onnxFile).dir();
    }
}

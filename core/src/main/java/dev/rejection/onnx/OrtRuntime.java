package dev.rejection.onnx;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's one {@link OrtEnvironment}, with ONNX Runtime's native-library folder removed as soon as the
 * libraries are loaded.
 *
 * <p>ONNX Runtime 1.28's {@code OnnxRuntime.init()} creates {@code Files.createTempDirectory("onnxruntime-java")}
 * in {@code java.io.tmpdir} on every start (even when {@code onnxruntime.native.path} says where the libraries
 * are), copies {@code libonnxruntime.so} and {@code libonnxruntime4j_jni.so} out of the jar into it, and marks
 * the libraries, then the folder, {@code deleteOnExit}. The JVM deletes those in reverse order, the folder first
 * while it still holds the libraries, so every run left an empty {@code onnxruntime-java*} folder behind (and a
 * killed run the libraries too). A loaded library no longer needs its file (Linux and macOS keep the mapping), so
 * the folder and its files are deleted right after loading; where that fails (Windows keeps loaded files), ONNX
 * Runtime's own {@code deleteOnExit} is all there is. The folder is private to ONNX Runtime, read by reflection;
 * when a later version renames it, nothing is deleted and a debug line says so.
 */
public final class OrtRuntime {
    private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);

    private OrtRuntime() {
    }

    /**
     * Starts creating the environment on a background thread and returns it, so that loading the native libraries
     * (~200 ms) overlaps whatever the caller does meanwhile (parsing options, reading the model and tokenizer); a
     * later {@link #environment()} waits for it. Join the thread before exiting, so that the libraries' folder is
     * removed even when the run ends early.
     */
    public static Thread preload() {
        Thread thread = new Thread(OrtRuntime::environment, "onnxruntime-preload");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** The environment, created (and its native-library folder removed) on first use. */
    public static OrtEnvironment environment() {
        return Loaded.ENVIRONMENT;
    }

    /** Initialised on first access, by the JVM's class-initialisation lock: once, whichever thread comes first. */
    private static final class Loaded {
        static final OrtEnvironment ENVIRONMENT = load();

        private static OrtEnvironment load() {
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            removeExtractedLibraries();
            return environment;
        }
    }

    private static void removeExtractedLibraries() {
        Path folder;
        try {
            Field field = Class.forName("ai.onnxruntime.OnnxRuntime").getDeclaredField("tempDirectory");
            field.setAccessible(true);
            folder = (Path) field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("cannot find ONNX Runtime's native-library folder ({}); it stays to be deleted at exit",
                    e.toString());
            return;
        }
        if (folder == null || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            List<Path> paths = walk.sorted(Comparator.reverseOrder()).toList();
            for (Path path : paths) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            LOG.debug("cannot delete ONNX Runtime's native-library folder {} now ({}); it is deleted at exit", folder,
                    e.toString());
        }
    }
}

package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The detectors loaded in this JVM, one per {@link DetectorSpec}'s model settings (specs that differ only in match
 * mode share one). A Spark executor runs many tasks, on several threads, over the life of a job; loading the model
 * (hundreds of megabytes, seconds) once per JVM instead of once per task or row is what makes scoring on Spark
 * cheap. This is the one piece of JVM-wide state in the module, and
 * it is here only because Spark gives an executor no other place to keep a resource between tasks.
 *
 * <p>Detectors are thread-safe, so concurrent tasks share one. They live until the JVM exits, which is when an
 * executor's ONNX sessions would be released anyway.
 */
public final class ExecutorDetectors {
    private static final Map<DetectorSpec, RejectionDetector> LOADED = new ConcurrentHashMap<>();

    private ExecutorDetectors() {
    }

    /**
     * The detector for {@code spec}, loaded by the first task that asks; the others wait for it. A load that fails
     * is not remembered, so a retried task tries again. The spec's mode is how texts are read with the detector,
     * not part of it.
     */
    public static RejectionDetector get(DetectorSpec spec) {
        return LOADED.computeIfAbsent(spec.loading(), DetectorSpec::load);
    }
}

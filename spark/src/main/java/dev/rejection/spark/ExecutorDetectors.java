package dev.rejection.spark;

import dev.rejection.detect.RejectionDetector;
import org.apache.spark.SparkEnv;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The detectors loaded in this JVM, one per {@link DetectorSpec}'s model settings (specs that differ only in match
 * mode share one). A Spark executor runs many tasks, on several threads, over the life of a job; loading the model
 * (hundreds of megabytes, seconds) once per JVM instead of once per task or row is what makes scoring on Spark
 * cheap. This is the one piece of JVM-wide state in the module, and
 * it is here only because Spark gives an executor no other place to keep a resource between tasks.
 *
 * <p>Detectors are thread-safe, so concurrent tasks share one. They live until the JVM exits, which is when an
 * executor's ONNX sessions would be released anyway; one whose model folder has changed is replaced, not closed. A
 * model shipped again with other files comes under another name ({@link ShippedModel}) and so is loaded as another
 * model, the one before it likewise left open.
 */
public final class ExecutorDetectors {
    private static final Logger LOG = LoggerFactory.getLogger(ExecutorDetectors.class);
    private static final Map<DetectorSpec, Loaded> LOADED = new ConcurrentHashMap<>();
    /** Models loaded in this JVM so far: the number in each load's log line, which tells a reload from a first. */
    private static final AtomicInteger LOADS = new AtomicInteger();

    /** A loaded detector and its model folder's files as they were when it was loaded. */
    private record Loaded(RejectionDetector detector, List<String> files) {
    }

    private ExecutorDetectors() {
    }

    /**
     * The detector for {@code spec}, loaded by the first task that asks; the others wait for it. A load that fails
     * is not remembered, so a retried task tries again. The spec's mode is how texts are read with the detector,
     * not part of it. A model folder whose files have changed since their load (a model retrained in place, in a
     * notebook's long-lived JVM) is loaded again; the detector loaded before stays open, as tasks may still use it.
     */
    public static RejectionDetector get(DetectorSpec spec) {
        DetectorSpec key = spec.loading();
        List<String> files = key.localModelFiles();
        return LOADED.compute(key, (k, loaded) -> {
            if (loaded != null && loaded.files().equals(files)) {
                return loaded;
            }
            if (loaded != null) {
                LOG.info("rejection model {} changed on disk since it was loaded: loading it again", k.model());
            }
            return new Loaded(load(k), files);
        }).detector();
    }

    /**
     * Loads one detector and says so in the executor's log, with this JVM's PID and how many loads it has done:
     * what shows, on a cluster, that each executor loaded its model once (the line format is {@link #LOG_LINE}).
     */
    private static RejectionDetector load(DetectorSpec spec) {
        long start = System.nanoTime();
        RejectionDetector detector = spec.load();
        SparkEnv env = SparkEnv.get();
        LOG.info(String.format(Locale.ROOT, LOG_LINE, spec.model() == null ? "(embedded default)" : spec.model(),
                ProcessHandle.current().pid(), env == null ? "none" : env.executorId(), LOADS.incrementAndGet(),
                (System.nanoTime() - start) / 1e9));
        return detector;
    }

    /** The load's log line: model, PID, Spark executor id, loads in this JVM so far, seconds. */
    static final String LOG_LINE = "rejection model %s loaded in pid %d (executor %s): load %d in this JVM, %.2f s";
}

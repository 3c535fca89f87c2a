package dev.rejection.server;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.mode.SpanVerdict;

/**
 * The model behind the server as it goes from loading to ready (or failed) to stopping. Thread-safe: the loader
 * thread publishes, request threads read.
 */
final class ModelState {
    enum Status { LOADING, READY, FAILED, STOPPING }

    private volatile Status status = Status.LOADING;
    private volatile boolean stopping;
    private volatile RejectionDetector detector;
    private volatile MicroBatcher<Answer, SpanVerdict> batcher;
    private volatile String failure;

    /** The status for {@code /readyz}: STOPPING once shutdown began, though requests in flight still finish. */
    Status status() {
        return stopping ? Status.STOPPING : status;
    }

    boolean ready() {
        return status() == Status.READY;
    }

    void ready(RejectionDetector detector, MicroBatcher<Answer, SpanVerdict> batcher) {
        this.detector = detector;
        this.batcher = batcher;
        this.status = Status.READY;
    }

    void failed(String message) {
        this.failure = message;
        this.status = Status.FAILED;
    }

    void stopping() {
        this.stopping = true;
    }

    String failure() {
        return failure;
    }

    /** The batcher, or 503 while the model is not ready. */
    MicroBatcher<Answer, SpanVerdict> batcher() {
        requireReady();
        return batcher;
    }

    double threshold() {
        requireReady();
        return detector.threshold();
    }

    RejectionDetector detector() {
        return detector;
    }

    MicroBatcher<Answer, SpanVerdict> batcherOrNull() {
        return batcher;
    }

    private void requireReady() {
        switch (status) {
            case READY -> { }
            case LOADING -> throw new ApiException(503, "not_ready", "the model is still loading; see /readyz");
            case FAILED -> throw new ApiException(503, "not_ready", "the model failed to load: " + failure);
            case STOPPING -> throw new IllegalStateException("STOPPING is a view of status(), never stored");
        }
    }
}

package dev.rejection.server;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.testing.StandIns;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** Test servers on a free loopback port over the tiny stand-in model, ready before they are returned. */
final class TestServers {
    private TestServers() {
    }

    static ServerSettings settings() {
        return ServerSettings.defaults().withPort(0).withHttpThreads(16);
    }

    /**
     * Loads the tiny BERT stand-in, which needs nothing from {@code ../shared}. Its folder is made here, on the
     * test's thread, so that a failure to make it fails the test instead of a model load on the loader thread.
     */
    static Supplier<RejectionDetector> tinyLoader() {
        Path model = StandIns.bertTinyReadingPrompts(); // the BERT stand-in, as a model trained on pairs
        return () -> RejectionDetector.load(model);
    }

    static RejectionServer start(ServerSettings settings) {
        RejectionServer server = RejectionServer.start(settings, tinyLoader());
        awaitReady(server);
        return server;
    }

    static void awaitReady(RejectionServer server) {
        try {
            server.awaitReady(Duration.ofMinutes(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

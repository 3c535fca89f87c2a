package dev.rejection.server;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.testing.StandIns;

import java.time.Duration;

/** Test servers on a free loopback port over the tiny stand-in model, ready before they are returned. */
final class TestServers {
    private TestServers() {
    }

    static ServerSettings settings() {
        return ServerSettings.defaults().withPort(0).withHttpThreads(16);
    }

    static RejectionServer start(ServerSettings settings) {
        RejectionServer server = RejectionServer.start(settings, () -> RejectionDetector.load(StandIns.tiny()));
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

package dev.rejection.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The dispatcher alone, behind the JDK's HTTP server: what a request that breaks leaves behind. */
class DispatcherTest {

    @Test
    void anErrorInOneRequestIsAnswered500AndTheWorkerGoesOn() throws Exception {
        AtomicBoolean fail = new AtomicBoolean(true);
        Map<String, Dispatcher.Route> routes = Map.of("/work", new Dispatcher.Route("POST", true, exchange -> {
            if (fail.getAndSet(false)) {
                throw new StackOverflowError("as a request that recursed too deep would"); // an Error, not an Exception
            }
            return Response.json(200, Map.of("ok", true));
        }));
        ExecutorService oneWorker = Executors.newSingleThreadExecutor();
        Dispatcher dispatcher = new Dispatcher(routes, new BearerAuth(Optional.empty()),
                CrossSiteGuard.forBinding("127.0.0.1", List.of()), new Metrics(() -> 0, () -> true), oneWorker);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", dispatcher);
        server.start();
        try {
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/work");
            HttpRequest post = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build();

            HttpResponse<String> broken = client.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(broken.statusCode()).isEqualTo(500);
            assertThat(broken.body()).contains("\"internal_error\"").doesNotContain("StackOverflowError");

            HttpResponse<String> next = client.send(post, HttpResponse.BodyHandlers.ofString());
            assertThat(next.statusCode()).as("the one worker thread is still there").isEqualTo(200);

            HttpResponse<String> get = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
            assertThat(get.headers().firstValue("Allow")).hasValue("POST");
            assertThat(dispatcher.inFlight()).isZero();
        } finally {
            server.stop(0);
            oneWorker.shutdownNow();
        }
    }
}

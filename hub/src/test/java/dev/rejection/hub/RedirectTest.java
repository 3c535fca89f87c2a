package dev.rejection.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** Which redirects the Hub client follows: the https ones cannot be tested against the plain-http fake Hub. */
class RedirectTest {
    private static final URI HUB = URI.create("https://huggingface.co/org/model/resolve/main/model.onnx");

    @Test
    void aRedirectFromHttpsToPlainHttpIsRefused() {
        assertThatThrownBy(() -> HubClient.redirect(answer(302, "http://cdn.example.org/blob"), HUB, "model.onnx"))
                .isInstanceOf(HubException.class)
                .hasMessageContaining("from https to plain http")
                .hasMessageContaining("'http://cdn.example.org/blob'")
                .hasMessageContaining("model.onnx");
        assertThatThrownBy(() -> HubClient.redirect(answer(307, "HTTP://cdn.example.org/blob"), HUB, "model.onnx"))
                .isInstanceOf(HubException.class);
    }

    @Test
    void httpsTargetsAndPlainHttpHubsAreFollowed() {
        assertThat(HubClient.redirect(answer(302, "https://cdn.example.org/blob?x=1"), HUB, "model.onnx"))
                .isEqualTo(URI.create("https://cdn.example.org/blob?x=1"));
        assertThat(HubClient.redirect(answer(301, "/org/renamed/resolve/main/model.onnx"), HUB, "model.onnx"))
                .isEqualTo(URI.create("https://huggingface.co/org/renamed/resolve/main/model.onnx"));
        URI mirror = URI.create("http://mirror.internal/org/model/resolve/main/model.onnx");
        assertThat(HubClient.redirect(answer(302, "http://cdn.internal/blob"), mirror, "model.onnx"))
                .as("a mirror the user chose to reach over http").isEqualTo(URI.create("http://cdn.internal/blob"));
        assertThat(HubClient.redirect(answer(200, "http://cdn.example.org/blob"), HUB, "model.onnx")).isNull();
    }

    private static HttpResponse<Void> answer(int status, String location) {
        HttpHeaders headers = HttpHeaders.of(Map.of("Location", List.of(location)), (name, value) -> true);
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return HttpRequest.newBuilder(HUB).build();
            }

            @Override
            public Optional<HttpResponse<Void>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return headers;
            }

            @Override
            public Void body() {
                return null;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return HUB;
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}

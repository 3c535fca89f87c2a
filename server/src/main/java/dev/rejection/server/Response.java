package dev.rejection.server;

import com.fasterxml.jackson.core.JsonProcessingException;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An answer: status, content type, body and any extra headers. */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {
    static final String JSON = "application/json; charset=utf-8";

    static Response json(int status, Object value) {
        try {
            return new Response(status, JSON, JsonBody.MAPPER.writeValueAsBytes(value), Map.of());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a response as JSON", e);
        }
    }

    static Response text(int status, String contentType, String text) {
        return new Response(status, contentType, text.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /** The JSON error body {@code {"error": {"status", "code", "message"}}}. */
    static Response error(ApiException e) {
        Response r = json(e.status(), Map.of("error", new ErrorBody(e.status(), e.code(), e.getMessage())));
        return switch (e.status()) {
            case 401 -> r.withHeaders(Map.of("WWW-Authenticate", "Bearer"));
            case 429, 503 -> r.withHeaders(Map.of("Retry-After", "1"));
            default -> r;
        };
    }

    private record ErrorBody(int status, String code, String message) {
    }

    Response withHeaders(Map<String, String> extra) {
        return new Response(status, contentType, body, extra);
    }
}

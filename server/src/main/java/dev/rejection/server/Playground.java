package dev.rejection.server;

import dev.rejection.detect.mode.MatchMode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The playground: a page at {@code GET /} to try the detector by hand — one answer with its verdict and spans, a file
 * of answers with its refusal rate, a labelled file with its eval metrics — and the three API endpoints it needs
 * ({@code /v1/info}, {@code /v1/records}, {@code /v1/evaluate}), which stay on without the page.
 *
 * <p>The page is static HTML, CSS and JavaScript modules from this jar: no CDN, nothing fetched but this server's
 * API. It is open, like the health checks (it holds nothing secret); the API calls it makes need the bearer token
 * when the server has one, which the page asks for and keeps in memory only. A strict Content-Security-Policy
 * lets it load and call nothing but this origin.
 */
final class Playground {
    /** Where the page's files are served, beside {@code /} for the page itself. */
    static final String ASSETS = "/playground/";
    private static final String RESOURCES = "playground/";
    private static final List<String> FILES = List.of("style.css", "main.js", "api.js", "answer.js", "spans.js",
            "file.js", "charts.js", "results.js", "words.js");
    private static final Map<String, String> SECURITY = Map.of(
            "Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                    + "connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'",
            "X-Content-Type-Options", "nosniff",
            "Referrer-Policy", "no-referrer",
            "Cache-Control", "no-cache");

    private Playground() {
    }

    /** Every route the playground adds: its API endpoints, and the page with its files unless {@code ui} is off. */
    static Map<String, Dispatcher.Route> routes(ServerSettings settings, ModelState model, MatchMode mode) {
        InfoEndpoint info = new InfoEndpoint(settings, model, mode);
        RecordsEndpoint records = new RecordsEndpoint(settings);
        EvaluateEndpoint evaluate = new EvaluateEndpoint(settings, model);
        Map<String, Dispatcher.Route> routes = new HashMap<>();
        routes.put("/v1/info", new Dispatcher.Route("GET", false, ex -> info.handle()));
        routes.put("/v1/records", new Dispatcher.Route("POST", false, records::handle));
        routes.put("/v1/evaluate", new Dispatcher.Route("POST", false, evaluate::handle));
        if (settings.ui()) {
            routes.put("/", page("index.html"));
            for (String file : FILES) {
                routes.put(ASSETS + file, page(file));
            }
        }
        return routes;
    }

    /** A file of the page, read once from the jar: a missing one fails the server's start, not a request. */
    private static Dispatcher.Route page(String file) {
        Response response = new Response(200, contentType(file), resource(RESOURCES + file), SECURITY);
        return new Dispatcher.Route("GET", true, ex -> response);
    }

    private static String contentType(String file) {
        String extension = file.substring(file.lastIndexOf('.') + 1);
        return switch (extension) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            default -> throw new IllegalArgumentException("no content type for " + file);
        };
    }

    private static byte[] resource(String name) {
        try (InputStream in = Playground.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " missing beside " + Playground.class.getName());
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

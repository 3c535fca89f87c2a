package dev.rejection.server;

import dev.rejection.detect.mode.MatchMode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/info}: how this server judges texts and what it accepts — the match mode, the threshold, whether
 * the model reads prompts with answers, and the request limits — so that a client (the playground) can re-decide
 * verdicts at another threshold, say what a prompt does and size its requests. 503 while the model loads, since the
 * threshold and the prompt reading are the loaded detector's.
 */
final class InfoEndpoint {
    private final ServerSettings settings;
    private final ModelState model;
    private final MatchMode mode;

    InfoEndpoint(ServerSettings settings, ModelState model, MatchMode mode) {
        this.settings = settings;
        this.model = model;
        this.mode = mode;
    }

    Response handle() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("mode", mode.toString());
        info.put("threshold", model.threshold());
        info.put("reads_prompts", model.detector().readsPrompts());
        info.put("limits", Map.of(
                "max_body_bytes", settings.maxBodyBytes(),
                "max_texts", settings.maxTexts(),
                "max_chars", settings.maxChars()));
        info.put("formats", List.of("jsonl", "csv", "txt"));
        return Response.json(200, info);
    }
}

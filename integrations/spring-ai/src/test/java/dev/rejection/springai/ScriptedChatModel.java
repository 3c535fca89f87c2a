package dev.rejection.springai;

import org.springframework.ai.chat.messages.AssistantMessage;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.metadata.ChatGenerationMetadata;
import org.springframework.ai.chat.model.ChatModel;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.ai.chat.prompt.Prompt;
import reactor.core.publisher.Flux;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat model that plays back a script of answers, one per call (the last one repeats), and remembers the
 * messages of each prompt. Streams an answer word by word, the last chunk with finish reason STOP. No network.
 */
final class ScriptedChatModel implements ChatModel {
    private final List<String> answers;
    private final List<List<Message>> prompts = new ArrayList<>();

    ScriptedChatModel(String... answers) {
        this.answers = List.of(answers);
    }

    @Override
    public ChatResponse call(Prompt prompt) {
        return new ChatResponse(List.of(generation(next(prompt), "STOP")));
    }

    @Override
    public Flux<ChatResponse> stream(Prompt prompt) {
        return Flux.defer(() -> {
            String[] words = next(prompt).split("(?<= )");
            List<ChatResponse> chunks = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                chunks.add(new ChatResponse(List.of(generation(words[i], i == words.length - 1 ? "STOP" : null))));
            }
            return Flux.fromIterable(chunks);
        });
    }

    private static Generation generation(String text, String finishReason) {
        return new Generation(new AssistantMessage(text),
                ChatGenerationMetadata.builder().finishReason(finishReason).build());
    }

    private synchronized String next(Prompt prompt) {
        prompts.add(List.copyOf(prompt.getInstructions()));
        return answers.get(Math.min(prompts.size(), answers.size()) - 1);
    }

    /** The messages of every prompt so far, in call order. */
    synchronized List<List<Message>> prompts() {
        return List.copyOf(prompts);
    }
}

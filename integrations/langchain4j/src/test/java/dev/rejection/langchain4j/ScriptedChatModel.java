package dev.rejection.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;

import java.util.ArrayList;
import java.util.List;

/**
 * A chat model that plays back a script of answers, one per call (the last one repeats), and remembers the
 * messages of each request. Streams an answer word by word. No network.
 */
final class ScriptedChatModel implements ChatModel {
    private final List<String> answers;
    private final List<List<ChatMessage>> requests = new ArrayList<>();

    ScriptedChatModel(String... answers) {
        this.answers = List.of(answers);
    }

    @Override
    public synchronized ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from(next(request))).finishReason(FinishReason.STOP).build();
    }

    /** The same script as a streaming model (both interfaces have clashing defaults, so one class can't be both). */
    StreamingChatModel streaming() {
        return new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                String answer;
                synchronized (ScriptedChatModel.this) {
                    answer = next(request);
                }
                for (String word : answer.split("(?<= )")) {
                    handler.onPartialResponse(word);
                }
                handler.onCompleteResponse(ChatResponse.builder()
                        .aiMessage(AiMessage.from(answer)).finishReason(FinishReason.STOP).build());
            }
        };
    }

    private String next(ChatRequest request) {
        requests.add(List.copyOf(request.messages()));
        return answers.get(Math.min(requests.size(), answers.size()) - 1);
    }

    /** The messages of every request so far, in call order. */
    synchronized List<List<ChatMessage>> requests() {
        return List.copyOf(requests);
    }
}

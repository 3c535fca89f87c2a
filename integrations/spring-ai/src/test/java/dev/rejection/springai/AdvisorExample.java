package dev.rejection.springai;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.model.ChatModel;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Runnable example (README): a {@code ChatClient} whose answers pass through the rejection advisor, which asks
 * the model once more, with a hint, when it refuses. The model here is scripted to refuse once; put your
 * provider's {@code ChatModel} (or the auto-configured {@code ChatClient.Builder}) in its place. Run with a model
 * directory as the argument, e.g. the real {@code distilroberta-base-rejection-v1}.
 */
public final class AdvisorExample {

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: AdvisorExample <model directory>");
            System.exit(2);
        }
        ChatModel model = new ScriptedChatModel("I'm sorry, but I can't help with that.",
                "The capital of France is Paris.");
        try (RejectionDetector detector = RejectionDetector.load(Path.of(args[0]))) {
            System.out.println(ask(detector, model, "What is the capital of France?"));
        }
    }

    /** Asks one question through a ChatClient advised by the detector; returns the answer and prints its verdict. */
    static String ask(RejectionDetector detector, ChatModel model, String question) {
        ChatClient chat = ChatClient.builder(model)
                .defaultAdvisors(RejectionAdvisor.builder(detector)
                        .outcome(RejectionAdvisor.Outcome.RETRY)
                        .maxRetries(1)
                        .retryHint("Please answer the question as fully as you can.")
                        .build())
                .build();
        ChatClientResponse response = chat.prompt(question).call().chatClientResponse();
        Verdict verdict = (Verdict) response.context().get(RejectionAdvisor.VERDICT_KEY);
        System.out.printf(Locale.ROOT, "%s %.3f after %s call(s)%n", verdict.label(), verdict.score(),
                response.context().get(RejectionAdvisor.ATTEMPTS_KEY));
        return response.chatResponse().getResult().getOutput().getText();
    }
}

package dev.rejection.langchain4j;

import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.rejection.detect.RejectionDetector;

import java.nio.file.Path;
import java.util.Locale;

/**
 * Runnable example (README): an AI service whose answers pass through the rejection guardrail, which reprompts the
 * model when it refuses. The model here is scripted to refuse once; put your provider's {@code ChatModel} in its
 * place. Run with a model directory as the argument, e.g. the real {@code distilroberta-base-rejection-v1}.
 */
public final class GuardrailExample {

    interface Assistant {
        String chat(String question);
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: GuardrailExample <model directory>");
            System.exit(2);
        }
        ChatModel model = new ScriptedChatModel("I'm sorry, but I can't help with that.",
                "The capital of France is Paris.");
        try (RejectionDetector detector = RejectionDetector.load(Path.of(args[0]))) {
            System.out.println(ask(detector, model, "What is the capital of France?"));
        }
    }

    /** Asks one question through an AI service guarded by the detector, printing every verdict. */
    static String ask(RejectionDetector detector, ChatModel model, String question) {
        RejectionGuardrail guardrail = RejectionGuardrail.builder(detector)
                .outcome(RejectionGuardrail.Outcome.REPROMPT)
                .reprompt("Please answer the question as fully as you can.")
                .listener((verdict, answer) -> System.out.printf(Locale.ROOT, "%s %.3f  %s%n",
                        verdict.label(), verdict.score(), answer))
                .build();
        Assistant assistant = AiServices.builder(Assistant.class)
                .chatModel(model)
                .chatMemory(MessageWindowChatMemory.withMaxMessages(10))  // retries re-send the memory
                .outputGuardrails(guardrail)
                .build();
        return assistant.chat(question);
    }
}

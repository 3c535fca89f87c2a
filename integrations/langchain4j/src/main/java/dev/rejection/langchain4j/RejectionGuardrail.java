package dev.rejection.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.guardrail.GuardrailRequestParams;
import dev.langchain4j.guardrail.OutputGuardrail;
import dev.langchain4j.guardrail.OutputGuardrailRequest;
import dev.langchain4j.guardrail.OutputGuardrailResult;
import dev.langchain4j.model.input.PromptTemplate;
import dev.rejection.detect.RejectionCheck;
import dev.rejection.detect.RejectionException;
import dev.rejection.detect.Verdict;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A LangChain4j output guardrail that catches rejections (refusals): it classifies the text of each AI answer and,
 * when the answer is a rejection, returns the configured {@link Outcome}.
 *
 * <pre>{@code
 * RejectionGuardrail guardrail = RejectionGuardrail.builder(detector)   // reads the user message with the answer
 *         .outcome(RejectionGuardrail.Outcome.REPROMPT)
 *         .listener((verdict, answer) -> metrics.count(verdict))
 *         .build();
 * Assistant assistant = AiServices.builder(Assistant.class)
 *         .chatModel(model)
 *         .chatMemory(MessageWindowChatMemory.withMaxMessages(10))
 *         .outputGuardrails(guardrail)
 *         .build();
 * }</pre>
 *
 * <p>Every verdict goes to the {@link VerdictListener}. On a rejection the failure's cause is a
 * {@link RejectionException} carrying the verdict, so an app that catches LangChain4j's
 * {@code OutputGuardrailException} reads it with {@code e.result().failures().get(0).cause()}.
 *
 * <p>Answers without text (tool-call requests) pass unjudged. Streaming AI services run output guardrails on the
 * complete answer, holding its partial tokens back until they pass: on {@code FAIL} no token reaches the stream's
 * handler; on {@code RETRY} or {@code REPROMPT} LangChain4j (1.19) replays the refused answer's tokens to
 * {@code onPartialResponse} after the retry, so take the answer from {@code onCompleteResponse} (see the README).
 *
 * <p>Immutable and thread-safe when its check and listener are.
 */
public final class RejectionGuardrail implements OutputGuardrail {

    /** What a rejection makes the AI service do. */
    public enum Outcome {
        /** Stop: the AI service throws {@code OutputGuardrailException}. */
        FAIL,
        /** Ask the model again with the same messages, up to the AI service's guardrail retry limit. */
        RETRY,
        /** Ask again with the reprompt message added as a user message, up to the same limit. */
        REPROMPT
    }

    /** The user message added on {@link Outcome#REPROMPT} unless another is configured. */
    public static final String DEFAULT_REPROMPT =
            "Your previous answer declined the request. Please answer the request as fully as you can.";

    private final RejectionCheck check;
    private final Outcome outcome;
    private final String reprompt;
    private final VerdictListener listener;

    private RejectionGuardrail(Builder builder) {
        this.check = builder.check;
        this.outcome = builder.outcome;
        this.reprompt = builder.reprompt;
        this.listener = builder.listener;
    }

    /** A guardrail that fails on a rejection; see {@link #builder(RejectionCheck)} for the other outcomes. */
    public static RejectionGuardrail of(RejectionCheck check) {
        return builder(check).build();
    }

    /**
     * Settings for a guardrail that asks {@code check} about each answer: a {@code RejectionDetector} itself, so
     * that it reads the user's message with the answer ({@code detector::classify} would bind to the one-text
     * method and drop it), or a {@code Reading}.
     */
    public static Builder builder(RejectionCheck check) {
        return new Builder(check);
    }

    /**
     * Judges the model's answer after the user's message of this invocation (LangChain4j's invocation context, else
     * the last user message in the chat memory, else the service's user message template filled in with the call's
     * variables: a service without memory), so that a check reading prompts sees what was asked.
     */
    @Override
    public OutputGuardrailResult validate(OutputGuardrailRequest request) {
        return validate(request.responseFromLLM().aiMessage(), userMessage(request.requestParams()));
    }

    /** Judges the answer alone (no user message known). */
    @Override
    public OutputGuardrailResult validate(AiMessage answer) {
        return validate(answer, null);
    }

    private static String userMessage(GuardrailRequestParams params) {
        if (params == null) {
            return null;
        }
        UserMessage user = params.invocationContext() == null ? null : params.invocationContext().userMessage();
        if (user == null && params.chatMemory() != null) {
            List<ChatMessage> messages = params.chatMemory().messages();
            for (int i = messages.size() - 1; i >= 0 && user == null; i--) {
                if (messages.get(i) instanceof UserMessage u) {
                    user = u;
                }
            }
        }
        if (user != null) { // its text parts, an image's caption beside it: what was asked
            String text = user.contents().stream().filter(TextContent.class::isInstance)
                    .map(c -> ((TextContent) c).text()).collect(Collectors.joining("\n"));
            return text.isBlank() ? null : text;
        }
        return filledTemplate(params);
    }

    /** What a service without memory sent: its user message template, filled in; null when it cannot be. */
    private static String filledTemplate(GuardrailRequestParams params) {
        String template = params.userMessageTemplate();
        if (template == null || template.isBlank()) {
            return null;
        }
        try {
            return PromptTemplate.from(template).apply(params.variables() == null ? Map.of() : params.variables())
                    .text();
        } catch (IllegalArgumentException e) { // a variable the call did not give: no prompt rather than a wrong one
            return null;
        }
    }

    private OutputGuardrailResult validate(AiMessage answer, String prompt) {
        String text = answer.text();
        if (text == null || text.isBlank()) {
            return success();
        }
        Verdict verdict = check.classify(prompt, text);
        listener.onVerdict(verdict, text);
        if (!verdict.rejection()) {
            return success();
        }
        String message = RejectionException.describe(verdict);
        RejectionException cause = new RejectionException(message, verdict, text);
        return switch (outcome) {
            case FAIL -> failureWithMessageRemoval(message, cause); // the refusal is not kept in the chat memory
            case RETRY -> retry(message, cause);
            case REPROMPT -> reprompt(message, cause, reprompt);
        };
    }

    /** The outcome of a rejection. */
    public Outcome outcome() {
        return outcome;
    }

    /** Hears every verdict the guardrail reaches, rejection or not, e.g. to count refusals. */
    @FunctionalInterface
    public interface VerdictListener {
        VerdictListener NONE = (verdict, answer) -> { };

        /** Called on the thread that runs the guardrail, before the outcome is applied. */
        void onVerdict(Verdict verdict, String answer);
    }

    /** Settings for a {@link RejectionGuardrail}; everything but the check has a default. */
    public static final class Builder {
        private final RejectionCheck check;
        private Outcome outcome = Outcome.FAIL;
        private String reprompt = DEFAULT_REPROMPT;
        private VerdictListener listener = VerdictListener.NONE;

        private Builder(RejectionCheck check) {
            this.check = Objects.requireNonNull(check, "check");
        }

        /** What a rejection does; {@link Outcome#FAIL} by default. */
        public Builder outcome(Outcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        /** The user message added on {@link Outcome#REPROMPT}; {@link #DEFAULT_REPROMPT} by default. */
        public Builder reprompt(String message) {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("reprompt message must not be blank");
            }
            this.reprompt = message;
            return this;
        }

        /** Who hears every verdict; nobody by default. */
        public Builder listener(VerdictListener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public RejectionGuardrail build() {
            return new RejectionGuardrail(this);
        }
    }
}

package dev.rejection.springai;

import dev.rejection.detect.RejectionCheck;
import dev.rejection.detect.RejectionException;
import dev.rejection.detect.Verdict;
import org.springframework.ai.chat.client.ChatClientRequest;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.client.advisor.api.CallAdvisor;
import org.springframework.ai.chat.client.advisor.api.CallAdvisorChain;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisor;
import org.springframework.ai.chat.client.advisor.api.StreamAdvisorChain;
import org.springframework.ai.chat.model.ChatResponse;
import org.springframework.ai.chat.model.Generation;
import org.springframework.core.Ordered;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Spring AI {@code ChatClient} advisor that catches rejections (refusals): it classifies the text of each answer
 * and, when the answer is a rejection, does what its {@link Outcome} says.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel)
 *         .defaultAdvisors(RejectionAdvisor.builder(detector)   // reads the user message with the answer
 *                 .outcome(RejectionAdvisor.Outcome.RETRY)
 *                 .maxRetries(2)
 *                 .retryHint("Please answer the question as fully as you can.")
 *                 .build())
 *         .build();
 * ChatClientResponse response = chat.prompt("What is the capital of France?").call().chatClientResponse();
 * Verdict verdict = (Verdict) response.context().get(RejectionAdvisor.VERDICT_KEY);
 * }</pre>
 *
 * <p>Every judged answer carries its {@link Verdict} under {@link #VERDICT_KEY} both in the {@code ChatResponse}
 * metadata and in the {@code ChatClientResponse} context, and the number of model calls under
 * {@link #ATTEMPTS_KEY}. Answers without text and tool-call requests pass unjudged, with the number of calls.
 *
 * <p>Streaming: the advisor holds the chunks until the answer is complete, judges the whole answer, then either
 * replays the chunks (the last one carrying the verdict), streams a retry, or ends the stream with a
 * {@link RejectionException}. A rejection never reaches the subscriber, at the price of streaming latency.
 *
 * <p>By default it runs just around the model call ({@link #DEFAULT_ORDER}), inside memory and logging advisors,
 * so a retry asks only the model again and memory keeps only the final answer.
 *
 * <p>Immutable and thread-safe when its check is.
 */
public final class RejectionAdvisor implements CallAdvisor, StreamAdvisor {

    /** Where the {@link Verdict} on the answer goes, in the response metadata and the response context. */
    public static final String VERDICT_KEY = "rejection.verdict";
    /** Where the number of model calls made goes (1 without retries), beside the verdict. */
    public static final String ATTEMPTS_KEY = "rejection.attempts";
    /** Just outside the model call, which Spring AI runs last ({@link Ordered#LOWEST_PRECEDENCE}). */
    public static final int DEFAULT_ORDER = Ordered.LOWEST_PRECEDENCE - 1000;

    /** What a rejection makes the call do. */
    public enum Outcome {
        /** Throw a {@link RejectionException} carrying the verdict. */
        THROW,
        /** Call the model again, up to {@code maxRetries} times, then throw if it still refuses. */
        RETRY,
        /** Return the answer as it is, with the verdict in its metadata. */
        PASS
    }

    private final RejectionCheck check;
    private final Outcome outcome;
    private final int maxRetries;
    private final String retryHint;
    private final int order;

    private RejectionAdvisor(Builder builder) {
        this.check = builder.check;
        this.outcome = builder.outcome;
        this.maxRetries = builder.maxRetries;
        this.retryHint = builder.retryHint;
        this.order = builder.order;
    }

    /** An advisor that throws on a rejection; see {@link #builder(RejectionCheck)} for the other outcomes. */
    public static RejectionAdvisor of(RejectionCheck check) {
        return builder(check).build();
    }

    /**
     * Settings for an advisor that asks {@code check} about each answer: a {@code RejectionDetector} itself, so
     * that it reads the user's text with the answer ({@code detector::classify} would bind to the one-text method
     * and drop it), or a {@code Reading}.
     */
    public static Builder builder(RejectionCheck check) {
        return new Builder(check);
    }

    @Override
    public ChatClientResponse adviseCall(ChatClientRequest request, CallAdvisorChain chain) {
        ChatClientRequest attemptRequest = request;
        for (int attempt = 1; ; attempt++) {
            ChatClientResponse response = chain.copy(this).nextCall(attemptRequest);
            String text = judgeableText(List.of(response));
            if (text == null) {
                return annotate(response, null, attempt);
            }
            Verdict verdict = check.classify(userText(request), text);
            if (passes(verdict)) {
                return annotate(response, verdict, attempt);
            }
            if (!retries(attempt)) {
                throw rejection(verdict, text, attempt);
            }
            attemptRequest = retryRequest(request);
        }
    }

    /** What the user asked: the text of the request's last user message, or null when it has none. */
    private static String userText(ChatClientRequest request) {
        var user = request.prompt() == null ? null : request.prompt().getUserMessage();
        String text = user == null ? null : user.getText();
        return text == null || text.isBlank() ? null : text;
    }

    @Override
    public Flux<ChatClientResponse> adviseStream(ChatClientRequest request, StreamAdvisorChain chain) {
        return streamAttempt(request, request, chain, 1);
    }

    private Flux<ChatClientResponse> streamAttempt(ChatClientRequest original, ChatClientRequest attemptRequest,
                                                   StreamAdvisorChain chain, int attempt) {
        return chain.copy(this).nextStream(attemptRequest).collectList().flatMapMany(chunks -> {
            String text = judgeableText(chunks);
            if (text == null) {
                if (chunks.isEmpty()) {
                    return Flux.empty();
                }
                List<ChatClientResponse> counted = new ArrayList<>(chunks);
                counted.set(counted.size() - 1, annotate(counted.get(counted.size() - 1), null, attempt));
                return Flux.fromIterable(counted);
            }
            // inference is blocking CPU work: keep it off the event-loop thread
            return Mono.fromCallable(() -> check.classify(userText(original), text))
                    .subscribeOn(Schedulers.boundedElastic())
                    .flatMapMany(verdict -> {
                        if (passes(verdict)) {
                            List<ChatClientResponse> annotated = new ArrayList<>(chunks);
                            int last = annotated.size() - 1;
                            annotated.set(last, annotate(annotated.get(last), verdict, attempt));
                            return Flux.fromIterable(annotated);
                        }
                        if (!retries(attempt)) {
                            return Flux.error(rejection(verdict, text, attempt));
                        }
                        return streamAttempt(original, retryRequest(original), chain, attempt + 1);
                    });
        });
    }

    private boolean passes(Verdict verdict) {
        return !verdict.rejection() || outcome == Outcome.PASS;
    }

    private boolean retries(int attempt) {
        return outcome == Outcome.RETRY && attempt <= maxRetries;
    }

    /** The original request again, its last user message amended by the hint when one is set. */
    private ChatClientRequest retryRequest(ChatClientRequest original) {
        if (retryHint == null) {
            return original;
        }
        return original.mutate()
                .prompt(original.prompt().augmentUserMessage(user -> user.mutate()
                        .text(user.getText() + System.lineSeparator() + retryHint).build()))
                .build();
    }

    private static RejectionException rejection(Verdict verdict, String text, int attempts) {
        String message = RejectionException.describe(verdict);
        return new RejectionException(attempts == 1 ? message : message + " after " + attempts + " attempts",
                verdict, text);
    }

    /**
     * The answer text of a response (or of a stream's chunks, joined), or null when there is nothing to judge: no
     * text, or a tool-call request that the tool loop answers before the model gives its real answer.
     */
    private static String judgeableText(List<ChatClientResponse> responses) {
        StringBuilder text = new StringBuilder();
        for (ChatClientResponse response : responses) {
            ChatResponse chat = response.chatResponse();
            if (chat == null) {
                continue;
            }
            if (chat.hasToolCalls()) {
                return null;
            }
            // the first generation: what ChatClient's content() gives; with n > 1 choices, joining them all would
            // judge a text no one reads
            Generation generation = chat.getResult();
            String part = generation == null || generation.getOutput() == null ? null : generation.getOutput().getText();
            if (part != null) {
                text.append(part);
            }
        }
        return text.toString().isBlank() ? null : text.toString();
    }

    /**
     * The response with the number of model calls made and, when it was judged ({@code verdict} not null), the
     * verdict; an answer with no text to judge still says how many calls it took (a refusal may have come first).
     */
    private static ChatClientResponse annotate(ChatClientResponse response, Verdict verdict, int attempts) {
        ChatClientResponse.Builder annotated = response.mutate().context(ATTEMPTS_KEY, attempts);
        if (verdict != null) {
            annotated.context(VERDICT_KEY, verdict);
        }
        if (response.chatResponse() != null) {
            ChatResponse.Builder chat = ChatResponse.builder().from(response.chatResponse())
                    .metadata(ATTEMPTS_KEY, attempts);
            if (verdict != null) {
                chat.metadata(VERDICT_KEY, verdict);
            }
            annotated.chatResponse(chat.build());
        }
        return annotated.build();
    }

    @Override
    public String getName() {
        return "RejectionAdvisor";
    }

    @Override
    public int getOrder() {
        return order;
    }

    /** Settings for a {@link RejectionAdvisor}; everything but the check has a default. */
    public static final class Builder {
        private final RejectionCheck check;
        private Outcome outcome = Outcome.THROW;
        private int maxRetries = 1;
        private String retryHint;
        private int order = DEFAULT_ORDER;

        private Builder(RejectionCheck check) {
            this.check = Objects.requireNonNull(check, "check");
        }

        /** What a rejection does; {@link Outcome#THROW} by default. */
        public Builder outcome(Outcome outcome) {
            this.outcome = Objects.requireNonNull(outcome, "outcome");
            return this;
        }

        /** Model calls after the first on {@link Outcome#RETRY}; 1 by default. */
        public Builder maxRetries(int maxRetries) {
            if (maxRetries < 1) {
                throw new IllegalArgumentException("max retries must be at least 1, got " + maxRetries);
            }
            this.maxRetries = maxRetries;
            return this;
        }

        /** Text added to the last user message on a retry; none by default (the same prompt again). */
        public Builder retryHint(String hint) {
            if (hint != null && hint.isBlank()) {
                throw new IllegalArgumentException("retry hint must not be blank (null for none)");
            }
            this.retryHint = hint;
            return this;
        }

        /** Where the advisor runs in the chain; {@link #DEFAULT_ORDER} by default. */
        public Builder order(int order) {
            this.order = order;
            return this;
        }

        public RejectionAdvisor build() {
            return new RejectionAdvisor(this);
        }
    }
}

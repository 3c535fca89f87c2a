package dev.rejection.springai;

import dev.rejection.detect.RejectionException;
import dev.rejection.detect.Verdict;
import dev.rejection.springai.RejectionAdvisor.Outcome;
import dev.rejection.testing.ScriptedCheck;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.chat.client.ChatClientResponse;
import org.springframework.ai.chat.messages.Message;
import org.springframework.ai.chat.model.ChatResponse;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RejectionAdvisorTest {
    static final String QUESTION = "What is the capital of France?";
    static final String REFUSAL = "I'm sorry, but I can't help with that.";
    static final String ANSWER = "The capital of France is Paris.";

    final ScriptedCheck check = new ScriptedCheck();

    static ChatClient client(ScriptedChatModel model, RejectionAdvisor advisor) {
        return ChatClient.builder(model).defaultAdvisors(advisor).build();
    }

    static Verdict verdictIn(ChatClientResponse response) {
        Verdict fromContext = (Verdict) response.context().get(RejectionAdvisor.VERDICT_KEY);
        Verdict fromMetadata = response.chatResponse().getMetadata().get(RejectionAdvisor.VERDICT_KEY);
        assertThat(fromMetadata).isEqualTo(fromContext);
        return fromContext;
    }

    static String lastUserText(List<Message> prompt) {
        return prompt.get(prompt.size() - 1).getText();
    }

    @Test
    void normalAnswerPassesUntouchedWithItsVerdict() {
        ScriptedChatModel model = new ScriptedChatModel(ANSWER);

        ChatClientResponse response = client(model, RejectionAdvisor.of(check))
                .prompt(QUESTION).call().chatClientResponse();

        assertThat(response.chatResponse().getResult().getOutput().getText()).isEqualTo(ANSWER);
        assertThat(verdictIn(response).rejection()).isFalse();
        assertThat(verdictIn(response).score()).isEqualTo(ScriptedCheck.NORMAL_SCORE);
        assertThat(response.context()).containsEntry(RejectionAdvisor.ATTEMPTS_KEY, 1);
        assertThat(model.prompts()).hasSize(1);
    }

    @Test
    void theCheckHearsWhatTheUserAsked() {
        ScriptedChatModel model = new ScriptedChatModel(ANSWER);
        client(model, RejectionAdvisor.of(check)).prompt(QUESTION).call().chatClientResponse();
        assertThat(check.prompts()).containsExactly(QUESTION);
        assertThat(check.judged()).containsExactly(ANSWER);
    }

    @Test
    void withSeveralChoicesTheFirstIsJudgedAsContentReadsIt() {
        // n > 1: ChatClient's content() gives the first choice, so that is the answer judged, not the choices joined
        org.springframework.ai.chat.model.ChatModel twoChoices = new org.springframework.ai.chat.model.ChatModel() {
            @Override
            public org.springframework.ai.chat.model.ChatResponse call(org.springframework.ai.chat.prompt.Prompt p) {
                return new org.springframework.ai.chat.model.ChatResponse(List.of(
                        new org.springframework.ai.chat.model.Generation(
                                new org.springframework.ai.chat.messages.AssistantMessage(ANSWER)),
                        new org.springframework.ai.chat.model.Generation(
                                new org.springframework.ai.chat.messages.AssistantMessage(REFUSAL))));
            }
        };
        String content = ChatClient.builder(twoChoices).defaultAdvisors(RejectionAdvisor.of(check)).build()
                .prompt(QUESTION).call().content();
        assertThat(content).isEqualTo(ANSWER);
        assertThat(check.judged()).containsExactly(ANSWER);
    }

    @Test
    void throwCarriesTheVerdict() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);
        ChatClient chat = client(model, RejectionAdvisor.builder(check).outcome(Outcome.THROW).build());

        RejectionException e = catchThrowableOfType(RejectionException.class,
                () -> chat.prompt(QUESTION).call().content());

        assertThat(e).hasMessage("the answer is a rejection (REJECTION score 0.970)");
        assertThat(e.verdict().rejection()).isTrue();
        assertThat(e.answer()).isEqualTo(REFUSAL);
        assertThat(model.prompts()).hasSize(1);
    }

    @Test
    void retryCallsTheModelAgainWithTheSamePrompt() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);

        ChatClientResponse response = client(model, RejectionAdvisor.builder(check).outcome(Outcome.RETRY).build())
                .prompt(QUESTION).call().chatClientResponse();

        assertThat(response.chatResponse().getResult().getOutput().getText()).isEqualTo(ANSWER);
        assertThat(response.context()).containsEntry(RejectionAdvisor.ATTEMPTS_KEY, 2);
        assertThat(model.prompts()).hasSize(2);
        assertThat(model.prompts().get(1)).isEqualTo(model.prompts().get(0));
        assertThat(check.judged()).containsExactly(REFUSAL, ANSWER);
    }

    @Test
    void anAnswerWithNoTextPassesUnjudgedButStillCountsTheCalls() {
        // a refusal, retried, then an empty answer: two calls were made, and the README's cast must not meet a null
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL, " ");

        ChatClientResponse response = client(model, RejectionAdvisor.builder(check).outcome(Outcome.RETRY).build())
                .prompt(QUESTION).call().chatClientResponse();

        assertThat(response.context()).containsEntry(RejectionAdvisor.ATTEMPTS_KEY, 2)
                .doesNotContainKey(RejectionAdvisor.VERDICT_KEY);
        assertThat(response.chatResponse().getMetadata().<Integer>get(RejectionAdvisor.ATTEMPTS_KEY)).isEqualTo(2);
        assertThat(check.judged()).containsExactly(REFUSAL);

        List<ChatClientResponse> streamed = client(new ScriptedChatModel(" "), RejectionAdvisor.of(check))
                .prompt(QUESTION).stream().chatClientResponse().collectList().block(Duration.ofSeconds(10));
        assertThat(streamed.get(streamed.size() - 1).context()).containsEntry(RejectionAdvisor.ATTEMPTS_KEY, 1);
    }

    @Test
    void retryHintAmendsTheUserMessage() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);
        String hint = "The question is about geography; please answer it.";

        String answer = client(model, RejectionAdvisor.builder(check).outcome(Outcome.RETRY).retryHint(hint).build())
                .prompt(QUESTION).call().content();

        assertThat(answer).isEqualTo(ANSWER);
        assertThat(lastUserText(model.prompts().get(0))).isEqualTo(QUESTION);
        assertThat(lastUserText(model.prompts().get(1))).isEqualTo(QUESTION + System.lineSeparator() + hint);
    }

    @Test
    void retriesStopAtTheLimitAndThrow() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL);
        ChatClient chat = client(model, RejectionAdvisor.builder(check).outcome(Outcome.RETRY).maxRetries(2).build());

        RejectionException e = catchThrowableOfType(RejectionException.class,
                () -> chat.prompt(QUESTION).call().content());

        assertThat(model.prompts()).hasSize(3);
        assertThat(e).hasMessage("the answer is a rejection (REJECTION score 0.970) after 3 attempts");
    }

    @Test
    void passReturnsTheRefusalWithItsVerdict() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL);

        ChatResponse response = client(model, RejectionAdvisor.builder(check).outcome(Outcome.PASS).build())
                .prompt(QUESTION).call().chatResponse();

        assertThat(response.getResult().getOutput().getText()).isEqualTo(REFUSAL);
        Verdict verdict = response.getMetadata().get(RejectionAdvisor.VERDICT_KEY);
        assertThat(verdict.rejection()).isTrue();
        assertThat(verdict.score()).isEqualTo(ScriptedCheck.REJECTION_SCORE);
    }

    @Test
    void streamPassesANormalAnswerChunkByChunkWithTheVerdictOnTheLast() {
        ScriptedChatModel model = new ScriptedChatModel(ANSWER);

        List<ChatClientResponse> chunks = client(model, RejectionAdvisor.of(check))
                .prompt(QUESTION).stream().chatClientResponse().collectList().block(Duration.ofSeconds(10));

        assertThat(chunks).hasSize(ANSWER.split(" ").length);
        assertThat(chunks).map(c -> c.chatResponse().getResult().getOutput().getText())
                .containsExactly(ANSWER.split("(?<= )"));
        assertThat(verdictIn(chunks.get(chunks.size() - 1)).rejection()).isFalse();
        assertThat(check.judged()).containsExactly(ANSWER);
    }

    @Test
    void streamRetriesARefusalWithoutEmittingIt() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL, ANSWER);

        List<String> texts = client(model, RejectionAdvisor.builder(check).outcome(Outcome.RETRY).build())
                .prompt(QUESTION).stream().content().collectList().block(Duration.ofSeconds(10));

        assertThat(String.join("", texts)).isEqualTo(ANSWER);
        assertThat(model.prompts()).hasSize(2);
    }

    @Test
    void streamEndsWithTheRejectionOnThrow() {
        ScriptedChatModel model = new ScriptedChatModel(REFUSAL);

        Throwable error = catchThrowableOfType(RuntimeException.class, () -> client(model, RejectionAdvisor.of(check))
                .prompt(QUESTION).stream().content().collectList().block(Duration.ofSeconds(10)));

        assertThat(error).isInstanceOf(RejectionException.class);
    }
}

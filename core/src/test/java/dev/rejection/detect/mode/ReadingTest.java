package dev.rejection.detect.mode;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadingTest {
    private static final String REFUSAL = "NOPE, not doing that.";

    @Test
    void fullModeTakesItsSpanFromWhereTheModelCutTheText() {
        // bertTiny reads 8 tokens: [CLS], six words, [SEP]; "one two three four five six" ends at index 27
        String text = "one two three four five six seven eight";
        try (RejectionDetector detector = RejectionDetector.builder().modelDir(StandIns.bertTiny()).maxLength(8)
                .build()) {
            Read read = ReadSpec.defaults().on(detector).read(text);
            assertThat(read.verdict().truncated()).isTrue();
            assertThat(read.verdict().cut()).isEqualTo(27);
            assertThat(read.span()).contains(new Span(0, 27));
            assertThat(ReadSpec.defaults().on(detector).read("one two").span()).contains(new Span(0, 7));
        }
    }

    @Test
    void fullModeNeedsNoTokenizer() {
        FakeScorer fake = new FakeScorer(0.5, 512);
        SpanScorer tokenless = new SpanScorer() {
            @Override
            public List<Verdict> classify(List<String> texts) {
                return fake.classify(texts);
            }

            @Override
            public double threshold() {
                return fake.threshold();
            }

            @Override
            public Tokenizer tokenizer() {
                throw new IllegalArgumentException("no tokenizer");
            }

            @Override
            public int maxLength() {
                return fake.maxLength();
            }

            @Override
            public List<String> labels() {
                return fake.labels();
            }

            @Override
            public String positiveLabel() {
                return fake.positiveLabel();
            }
        };
        Read read = ReadSpec.defaults().on(tokenless).read(REFUSAL);
        assertThat(read.rejection()).isTrue();
        assertThat(read.span()).contains(new Span(0, REFUSAL.length()));
        assertThatThrownBy(() -> ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT).on(tokenless))
                .hasMessage("no tokenizer");
    }

    @Test
    void settingsAreCheckedOnceWithOneWording() {
        assertThatThrownBy(() -> ReadSpec.of(MatchMode.SENTENCE, 10, null, Preset.DEFAULT))
                .hasMessage("a stride applies to window and deep mode only, not to sentence mode");
        assertThatThrownBy(() -> ReadSpec.of(null, 10, null, Preset.LLM_GUARD))
                .hasMessage("a stride applies to window and deep mode only, not to full mode");
        assertThatThrownBy(() -> ReadSpec.of(MatchMode.WINDOW, -1, null, Preset.DEFAULT))
                .hasMessage("stride must be at least 0, got -1");
        assertThatThrownBy(() -> Preset.parse("guard"))
                .hasMessage("unknown preset 'guard': choose default or llm-guard");
        assertThat(Preset.parse("LLM_Guard")).isEqualTo(Preset.LLM_GUARD);
        assertThat(ReadSpec.of(null, null, null, Preset.DEFAULT).mode()).isEqualTo(MatchMode.FULL);
        assertThat(ReadSpec.of(MatchMode.WINDOW, 3, null, Preset.DEFAULT).stride()).hasValue(3);
        assertThat(ReadSpec.defaults().stride()).isEmpty();
    }

    @Test
    void aMaxLengthThatLeavesNoWindowIsSaidSoNotBlamedOnAStride() {
        // MiniLM's tokenizer adds 2 special tokens, and windows keep 4 tokens of slack: 6 tokens leave none
        for (MatchMode mode : List.of(MatchMode.WINDOW, MatchMode.DEEP)) {
            assertThatThrownBy(() -> ReadSpec.of(mode, null, null, Preset.DEFAULT).on(new FakeScorer(0.5, 6)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage(mode.name().toLowerCase(java.util.Locale.ROOT) + " mode needs a window of at least "
                            + "one token, but a window length of 6 tokens leaves none after 2 special tokens and 4 "
                            + "tokens of slack; give a longer max length");
        }
        assertThat(ReadSpec.of(MatchMode.WINDOW, null, null, Preset.DEFAULT).on(new FakeScorer(0.5, 7))).isNotNull();
    }

    @Test
    void theDefaultStrideIsHalfASmallWindow() {
        // MiniLM adds 2 special tokens; a 64-token model leaves 64 - 2 - 4 (edge slack) = 58, half: 29
        Reading reading = ReadSpec.of(MatchMode.WINDOW, null, null, Preset.DEFAULT).on(new FakeScorer(0.5, 64));
        assertThat(reading.model().stride()).isEqualTo(29);
        Reading large = ReadSpec.of(MatchMode.WINDOW, null, null, Preset.DEFAULT).on(new FakeScorer(0.5, 2048));
        assertThat(large.model().stride()).isEqualTo(ModeDetector.DEFAULT_STRIDE);
    }

    @Test
    void llmGuardLeavesBlankTextsUnreadAndScansTheRest() {
        FakeScorer fake = new FakeScorer(LlmGuard.THRESHOLD, LlmGuard.MAX_LENGTH);
        List<Read> reads = ReadSpec.of(null, null, null, Preset.LLM_GUARD).on(fake).read(List.of(" \n ", REFUSAL));

        assertThat(fake.texts()).isEqualTo(1); // the blank one never reached the model
        Read blank = reads.get(0);
        assertThat(blank.verdict().label()).isEqualTo("NORMAL");
        assertThat(blank.score()).isZero();
        assertThat(blank.rejection()).isFalse();
        assertThat(blank.span()).isEmpty();
        assertThat(blank.scan()).contains(new LlmGuard.Scan(true, -1.0));

        // (0.99 - 0.75) / (1 - 0.75) = 0.96, rounded to one decimal: 1.0
        assertThat(reads.get(1).scan()).contains(new LlmGuard.Scan(false, 1.0));
        assertThat(reads.get(1).modelSkipped()).isEmpty();
    }

    @Test
    void aStreamEndsWithTheVerdictItsReadingGivesTheWholeText() {
        FakeScorer fake = new FakeScorer(LlmGuard.THRESHOLD, LlmGuard.MAX_LENGTH);
        StreamingDetector blank = ReadSpec.of(null, null, null, Preset.LLM_GUARD).on(fake).stream();
        blank.accept(" \n ");
        StreamDecision end = blank.finish();
        assertThat(fake.texts()).isZero(); // left unread, as read leaves it
        assertThat(end.verdict().score()).isZero();
        assertThat(end.verdict().verdict().tokens()).isZero();
        assertThat(end.verdict().span()).isEqualTo(new Span(0, 3));

        FakeScorer model = new FakeScorer(0.5, 512);
        StreamingDetector cascade = ReadSpec.of(null, null, EnumSet.of(Cascade.Decisive.REJECTION), Preset.DEFAULT)
                .on(model).stream();
        cascade.accept("I'm sorry, but I can't help with that request.");
        assertThat(cascade.finish().verdict().rejection()).isTrue();
        assertThat(model.texts()).isZero(); // the phrases decided, as the cascade decides in read
    }

    @Test
    void withoutThePresetBlankTextsAreReadAndNothingIsScanned() {
        FakeScorer fake = new FakeScorer(0.5, 512);
        Read blank = ReadSpec.defaults().on(fake).read(" ");
        assertThat(fake.texts()).isEqualTo(1);
        assertThat(blank.score()).isEqualTo(FakeScorer.NORMAL_SCORE);
        assertThat(blank.scan()).isEmpty();
    }

    @Test
    void theCascadeSaysWhichTextsSkippedTheModel() {
        FakeScorer fake = new FakeScorer(0.5, 512);
        List<Read> reads = ReadSpec.of(null, null, EnumSet.of(Cascade.Decisive.REJECTION), Preset.DEFAULT).on(fake)
                .read(List.of("I'm sorry, but I can't help with that request.", "The capital of France is Paris."));
        assertThat(reads).extracting(Read::modelSkipped).containsExactly(java.util.Optional.of(true),
                java.util.Optional.of(false));
        assertThat(fake.texts()).isEqualTo(1);
    }

    @Test
    void anUnreadTextTakesTheFirstLabelThatIsNotThePositiveOne() {
        assertThat(LlmGuard.unreadVerdict(List.of("REJECTION", "OK", "PARTIAL"), "REJECTION").label())
                .isEqualTo("OK");
    }

    @Test
    void aNullTextIsNamedByItsIndex() {
        assertThatThrownBy(() -> ReadSpec.defaults().on(new FakeScorer(0.5, 512))
                .read(java.util.Arrays.asList("fine", null))).hasMessage("text 1 is null");
    }

    @Test
    void everySpanIsReadAfterItsAnswersPrompt() {
        FakeScorer fake = new FakeScorer(0.5, 512);
        List<String> seen = new java.util.ArrayList<>();
        SpanScorer recording = new SpanScorer() {
            @Override
            public List<Verdict> classify(List<String> texts) {
                return classify(null, texts);
            }

            @Override
            public List<Verdict> classify(List<String> prompts, List<String> texts) {
                for (int i = 0; i < texts.size(); i++) {
                    seen.add((prompts == null ? null : prompts.get(i)) + " | " + texts.get(i));
                }
                return fake.classify(texts);
            }

            @Override
            public double threshold() {
                return fake.threshold();
            }

            @Override
            public Tokenizer tokenizer() {
                return fake.tokenizer();
            }

            @Override
            public int maxLength() {
                return fake.maxLength();
            }

            @Override
            public List<String> labels() {
                return fake.labels();
            }

            @Override
            public String positiveLabel() {
                return fake.positiveLabel();
            }
        };
        Reading sentences = ReadSpec.of(MatchMode.SENTENCE, null, null, Preset.DEFAULT).on(recording);
        List<Read> reads = sentences.read(java.util.Arrays.asList("Q1", null),
                List.of("Fine. NOPE, not doing that.", "Sure thing."));
        assertThat(seen).containsExactly("Q1 | Fine.", "Q1 | NOPE, not doing that.", "null | Sure thing.");
        assertThat(reads).extracting(Read::rejection).containsExactly(true, false);
        seen.clear();
        ReadSpec.defaults().on(recording).read("Q2", "An answer.");
        assertThat(seen).containsExactly("Q2 | An answer.");
        seen.clear();
        String longAnswer = ModeDetectorTest.deepAnswer(fake.tokenizer(), "NOPE.", 700);
        Read deep = ReadSpec.of(MatchMode.DEEP, 100, null, Preset.DEFAULT).on(recording).read("Q3", longAnswer);
        assertThat(deep.rejection()).isTrue();
        // the full read, then past its cut one window of 506 tokens from 100 before it (~740 tokens in all) and a
        // window for each paragraph that ends there: every one read after the prompt
        assertThat(seen).hasSizeGreaterThan(2).allMatch(part -> part.startsWith("Q3 | "));
        assertThatThrownBy(() -> ReadSpec.defaults().on(recording).read(List.of("a", "b"), List.of("x")))
                .hasMessage("2 prompts for 1 texts");
    }
}

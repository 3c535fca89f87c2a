package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModeDetectorTest {
    private static final String REFUSAL = "However, I'm sorry, but I can't help you pick that lock.";

    /** A long normal answer with {@code sentence} inserted once more than {@code afterTokens} tokens precede it. */
    static String deepAnswer(Tokenizer tokenizer, String sentence, int afterTokens) {
        StringBuilder text = new StringBuilder("Here is a careful overview of how river valleys form.\n\n");
        int paragraph = 0;
        while (tokenizer.withoutTruncation().withoutPadding().encode(text.toString(), false).length() <= afterTokens) {
            text.append("Paragraph ").append(++paragraph).append(": water carries sand and gravel downstream, the ")
                    .append("banks erode on the outside of each bend, and over many centuries the valley widens ")
                    .append("while the floodplain collects fertile silt for the farms along it.\n\n");
        }
        text.append(sentence).append("\n\nFinally, the valley floor keeps changing with every flood season.");
        return text.toString();
    }

    @Test
    void aRefusalAfterToken600IsMissedByFullAndFoundByWindowAndSentence() {
        FakeScorer model = new FakeScorer(0.5, 512);
        String text = deepAnswer(model.tokenizer(), "NOPE: I will not continue with this part.", 600);
        int refusalAt = text.indexOf("NOPE");
        assertThat(model.tokenizer().withoutTruncation().withoutPadding().encode(text.substring(0, refusalAt), false).length())
                .isGreaterThan(600);

        SpanVerdict full = ModeDetector.of(model, MatchMode.FULL).classify(text);
        assertThat(full.rejection()).isFalse();
        assertThat(full.verdict().truncated()).isTrue();
        assertThat(full.span().start()).isZero();
        assertThat(full.span().end()).isLessThan(refusalAt); // the span says how far the model read

        SpanVerdict window = ModeDetector.of(model, MatchMode.WINDOW, 64).classify(text);
        assertThat(window.rejection()).isTrue();
        assertThat(window.span().start()).isLessThanOrEqualTo(refusalAt).isPositive();
        assertThat(window.span().end()).isGreaterThan(refusalAt);
        assertThat(window.verdict().truncated()).isFalse();

        SpanVerdict sentence = ModeDetector.of(model, MatchMode.SENTENCE).classify(text);
        assertThat(sentence.rejection()).isTrue();
        assertThat(sentence.spanText(text)).isEqualTo("NOPE: I will not continue with this part.");
    }

    @Test
    void deepModeReadsTextsWithinTheMaxLengthExactlyAsFullModeInOneCall() {
        // windows of 64 tokens, a full read of 512: NOPE after token 300 is inside the full read
        FakeScorer model = new FakeScorer(0.5, 512, 64);
        List<String> texts = List.of("Sure, here it is.", "MAYBE later.", deepAnswer(model.tokenizer(), "NOPE.", 300));
        List<SpanVerdict> full = ModeDetector.of(model, MatchMode.FULL).classify(texts);
        FakeScorer counted = new FakeScorer(0.5, 512, 64);
        List<SpanVerdict> deep = ModeDetector.of(counted, MatchMode.DEEP).classify(texts);
        assertThat(deep).isEqualTo(full);
        assertThat(deep).extracting(SpanVerdict::score)
                .containsExactly(FakeScorer.NORMAL_SCORE, FakeScorer.UNSURE_SCORE, FakeScorer.REFUSAL_SCORE);
        assertThat(counted.calls()).isEqualTo(1);
        assertThat(counted.texts()).isEqualTo(3);
    }

    @Test
    void deepModeReadsWhatTheFullReadCutOffInWindowsThatOverlapIt() {
        FakeScorer model = new FakeScorer(0.5, 128, 64);
        String longText = deepAnswer(model.tokenizer(), "NOPE: I will not continue with this part.", 300);
        List<String> texts = List.of("MAYBE.", longText);
        ModeDetector deep = ModeDetector.of(model, MatchMode.DEEP);
        List<SpanVerdict> verdicts = deep.classify(texts);

        // the full reads in one call, then the long text's windows in a second
        Encoding tokens = model.tokenizer().withoutTruncation().withoutPadding().encode(longText, false);
        int room = 128 - 2, stride = (64 - 2 - 4) / 2, size = 64 - 2 - 4;
        int read = tokens.end(room - 1);
        List<Span> expected = new java.util.ArrayList<>();
        for (int first = room - stride; ; first += size - stride) {
            int last = Math.min(first + size, tokens.length()) - 1;
            expected.add(new Span(tokens.start(first), tokens.end(last)));
            if (last == tokens.length() - 1) {
                break;
            }
        }
        // and a window for each group of paragraphs that end past the full read: a group is a paragraph and those
        // after it that end within 16 tokens of its end (here the refusal's short paragraph joins the one before
        // it); the window ends with the group's last paragraph and reaches back a stride before that paragraph
        List<int[]> paragraphs = new java.util.ArrayList<>();
        for (int start = 0, end; start < longText.length(); start = end + 2) {
            end = longText.indexOf("\n\n", start);
            end = end < 0 ? longText.length() : end;
            int first = 0, last = tokens.length() - 1;
            while (tokens.start(first) < start) {
                first++;
            }
            while (tokens.end(last) > end) {
                last--;
            }
            if (tokens.end(last) > read) {
                paragraphs.add(new int[] {first, last});
            }
        }
        int groups = 0;
        for (int i = 0, j; i < paragraphs.size(); i = j + 1, groups++) {
            for (j = i; j + 1 < paragraphs.size() && paragraphs.get(j + 1)[1] - paragraphs.get(i)[1] < 16; j++) {
            }
            int first = paragraphs.get(j)[0], last = paragraphs.get(j)[1]; // stride >= 16 reaches group's start
            expected.add(new Span(tokens.start(Math.max(first - stride, last - size + 1)), tokens.end(last)));
        }
        assertThat(paragraphs).hasSizeGreaterThan(4);
        assertThat(groups).isLessThan(paragraphs.size());
        expected = expected.stream().distinct()
                .sorted(java.util.Comparator.comparingInt(Span::start).thenComparingInt(Span::end)).toList();
        expected = java.util.stream.Stream.concat(java.util.stream.Stream.of(new Span(0, read)), expected.stream())
                .toList();
        assertThat(model.calls()).isEqualTo(2);
        assertThat(model.texts()).isEqualTo(2 + expected.size() - 1);
        assertThat(verdicts.get(1).spans()).extracting(ScoredSpan::span).containsExactlyElementsOf(expected);
        assertThat(deep.spans(longText)).containsExactlyElementsOf(expected);

        SpanVerdict v = verdicts.get(1);
        assertThat(v.rejection()).isTrue();
        assertThat(v.spanText(longText)).contains("NOPE");
        assertThat(v.spans().get(0).score()).isEqualTo(FakeScorer.NORMAL_SCORE); // the full read missed it
        assertThat(verdicts.get(0).score()).isEqualTo(FakeScorer.UNSURE_SCORE);
        assertThat(verdicts.get(0).spans()).hasSize(1);
    }

    @Test
    void deepModeFindsARefusalFollowedByMoreOfTheAnswerWithTheWindowThatEndsWithItsParagraph() {
        // the fake, like the trained models, reads DECLINED as a refusal only where it ends what it reads
        FakeScorer model = new FakeScorer(0.5, 128, 64);
        String text = deepAnswer(model.tokenizer(), "I have to say no to this. DECLINED\n\nThe soils of a valley "
                + "floor are deep and well drained, which is why farms have lined the floodplain for centuries.", 300);
        int refusalEnd = text.indexOf("DECLINED") + "DECLINED".length();
        assertThat(ModeDetector.of(model, MatchMode.FULL).classify(text).rejection()).isFalse();
        // no token window ends with it
        assertThat(ModeDetector.of(model, MatchMode.WINDOW).classify(text).rejection()).isFalse();

        ModeDetector deep = ModeDetector.of(model, MatchMode.DEEP);
        SpanVerdict v = deep.classify(text);
        assertThat(v.rejection()).isTrue();
        assertThat(v.span().end()).isEqualTo(refusalEnd);
        assertThat(v.spans()).filteredOn(s -> s.score() > 0.5).hasSize(1);
        // the paragraph comes with the stride's worth of tokens before it
        Tokenizer reading = model.tokenizer().withoutTruncation().withoutPadding();
        String context = text.substring(v.span().start(), text.indexOf("I have to say no"));
        assertThat(reading.encode(context, false).length()).isEqualTo(deep.stride());
    }

    private static final String CLOSING = "I hope this helps! Let me know if you have any other questions.";

    /**
     * A long answer with DECLINED in its last paragraph, then a closing. The fake reads DECLINED as a refusal only
     * where it ends what it reads, so a closing read after it hides it.
     */
    private static String refusalBeforeAClosing(FakeScorer model) {
        String text = deepAnswer(model.tokenizer(), "I have to say no to this. DECLINED", 300)
                .replace("\n\nFinally, the valley floor keeps changing with every flood season.", "\n\n" + CLOSING);
        assertThat(text).endsWith("DECLINED\n\n" + CLOSING);
        return text;
    }

    @Test
    void deepModesWindowsStopBeforeTheAnswersClosing() {
        FakeScorer model = new FakeScorer(0.5, 128, 64);
        String text = refusalBeforeAClosing(model);
        int contentEnd = text.indexOf("DECLINED") + "DECLINED".length();

        ModeDetector deep = ModeDetector.of(model, MatchMode.DEEP);
        SpanVerdict v = deep.classify(text);
        assertThat(v.rejection()).isTrue();
        assertThat(v.span().end()).isEqualTo(contentEnd);
        // the full read starts the text; every window past it ends by the closing's start
        List<Span> spans = deep.spans(text);
        assertThat(spans.get(0).start()).isZero();
        assertThat(spans.subList(1, spans.size())).isNotEmpty().allSatisfy(span ->
                assertThat(span.end()).isLessThanOrEqualTo(contentEnd));
    }

    @Test
    void windowModesWindowsStopBeforeTheClosingOfATextLongerThanAWindow() {
        FakeScorer model = new FakeScorer(0.5, 128, 64);
        String text = refusalBeforeAClosing(model);
        int contentEnd = text.indexOf("DECLINED") + "DECLINED".length();

        ModeDetector window = ModeDetector.of(model, MatchMode.WINDOW);
        SpanVerdict v = window.classify(text);
        assertThat(v.rejection()).isTrue(); // with the closing at the last window's end, the fake would miss it
        assertThat(v.span().end()).isEqualTo(contentEnd);
        List<Span> spans = window.spans(text);
        assertThat(spans.get(0).start()).isZero();
        assertThat(spans).allSatisfy(span -> assertThat(span.end()).isLessThanOrEqualTo(contentEnd));

        // a text read whole by one window keeps its closing: a short deflection's sign-off is part of what it says
        String deflection = "Dosing has to come from your doctor. DECLINED\n\n" + CLOSING;
        assertThat(window.spans(deflection)).containsExactly(new Span(0, deflection.length()));
        assertThat(window.classify(deflection).rejection()).isFalse();
    }

    @Test
    void aParagraphLongerThanAWindowIsReadByTheWindowThatEndsIt() {
        FakeScorer model = new FakeScorer(0.5, 64);
        StringBuilder paragraph = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            paragraph.append("The river keeps cutting its bed a little deeper every year. ");
        }
        String outro = "Outro paragraph, long enough to end sixteen tokens or more after the one before it.";
        String text = "Intro paragraph.\n\n" + paragraph + "DECLINED\n\n" + outro;
        ModeDetector deep = ModeDetector.of(model, MatchMode.DEEP, 16);
        SpanVerdict v = deep.classify(text);
        assertThat(v.rejection()).isTrue();
        assertThat(v.span().end()).isEqualTo(text.indexOf("DECLINED") + "DECLINED".length());
        Tokenizer reading = model.tokenizer().withoutTruncation().withoutPadding();
        assertThat(reading.encode(v.spanText(text), false).length()).isEqualTo(64 - 2 - 4);
        // the intro ends inside the full read and gets no window of its own; the outro's reaches back 16 tokens
        assertThat(deep.spans(text)).noneSatisfy(s -> assertThat(s.of(text)).isEqualTo("Intro paragraph."))
                .anySatisfy(s -> assertThat(s.of(text)).endsWith(" every year. DECLINED\n\n" + outro)
                        .satisfies(window -> assertThat(reading.encode(window, false).length())
                                .isEqualTo(16 + reading.encode(outro, false).length())));
    }

    @Test
    void aGroupsWindowEndsWithItsLastParagraphAndHoldsTheFirstOnesEndWhateverTheStride() {
        FakeScorer model = new FakeScorer(0.5, 64);
        String text = "Here is how river valleys form. ".repeat(12) + "\n\nI have to say no to this. DECLINED\n\n"
                + "Good luck.\n\nA closing paragraph long enough to end well over sixteen tokens after the one before.";
        int declinedEnds = text.indexOf("DECLINED") + "DECLINED".length();
        for (int stride : new int[] {0, 4, 30}) {
            // the refusal's paragraph and the short one after it are one group, read by a window that ends with
            // "Good luck." and reaches back far enough to hold the refusal's last token
            assertThat(ModeDetector.of(model, MatchMode.DEEP, stride).spans(text)).as("stride %d", stride)
                    .anySatisfy(span -> {
                        assertThat(span.of(text)).endsWith("DECLINED\n\nGood luck.");
                        assertThat(span.start()).isLessThan(declinedEnds);
                    });
        }
    }

    @Test
    void tinyParagraphsAreReadInGroupsSoTheyCostAboutWhatTokenWindowsCostAndEachEndsNearAWindowsEnd() {
        FakeScorer model = new FakeScorer(0.5, 64);
        String tiny = "a\n\n".repeat(2_000) + "DECLINED\n\n" + "a\n\n".repeat(500);
        ModeDetector deep = ModeDetector.of(model, MatchMode.DEEP);
        List<Span> spans = deep.spans(tiny);
        Tokenizer reading = model.tokenizer().withoutTruncation().withoutPadding();
        int tokens = reading.encode(tiny, false).length();
        int step = (64 - 2 - 4) - deep.stride();
        // the full read, the token windows, and at most one paragraph window per 16 tokens: not one per paragraph
        assertThat(tokens).isGreaterThan(2_500);
        assertThat(spans.size()).isLessThanOrEqualTo(1 + (tokens / step + 1) + (tokens / 16 + 1));
        // yet every paragraph past the full read ends at most 15 tokens before some window's end
        Encoding encoding = reading.encode(tiny, false);
        java.util.Map<Integer, Integer> tokenEndingAt = new java.util.HashMap<>();
        for (int t = 0; t < encoding.length(); t++) {
            tokenEndingAt.put(encoding.end(t), t);
        }
        java.util.TreeSet<Integer> windowEnds = new java.util.TreeSet<>();
        spans.forEach(span -> windowEnds.add(tokenEndingAt.get(span.end())));
        int paragraphsChecked = 0;
        for (int end = tiny.indexOf("\n\n"); end >= 0; end = tiny.indexOf("\n\n", end + 2)) {
            if (end > spans.get(0).end()) {
                int last = tokenEndingAt.get(end);
                assertThat(windowEnds.ceiling(last)).as("paragraph ending at %d", end).isBetween(last, last + 15);
                paragraphsChecked++;
            }
        }
        assertThat(paragraphsChecked).isGreaterThan(2_000);
    }

    @Test
    void aSentenceLongerThanTheModelReadsIsRecordedAsThePartItRead() {
        FakeScorer model = new FakeScorer(0.5, 8); // 6 tokens of text
        String text = "Short one. One two three four five six seven eight NOPE.";
        SpanVerdict v = ModeDetector.of(model, MatchMode.SENTENCE).classify(text);
        int second = text.indexOf("One two");
        // the model read "One two three four five six" of the second sentence, not its NOPE
        assertThat(v.spans()).containsExactly(
                new ScoredSpan(new Span(0, second - 1), FakeScorer.NORMAL_SCORE),
                new ScoredSpan(new Span(second, text.indexOf(" seven")), FakeScorer.NORMAL_SCORE));
    }

    @Test
    void everySpanComesWithItsOwnScoreInTextOrder() {
        FakeScorer model = new FakeScorer(0.5, 512);
        String text = "Sure, here it is. MAYBE this helps. NOPE: not this part. The end.";
        SpanVerdict v = ModeDetector.of(model, MatchMode.SENTENCE).classify(text);

        // the fake scores NOPE 0.99, MAYBE 0.55, anything else 0.02; a sentence ends before the space to the next
        int maybe = text.indexOf("MAYBE"), nope = text.indexOf("NOPE"), end = text.indexOf("The end.");
        assertThat(v.spans()).containsExactly(
                new ScoredSpan(new Span(0, maybe - 1), FakeScorer.NORMAL_SCORE),
                new ScoredSpan(new Span(maybe, nope - 1), FakeScorer.UNSURE_SCORE),
                new ScoredSpan(new Span(nope, end - 1), FakeScorer.REFUSAL_SCORE),
                new ScoredSpan(new Span(end, text.length()), FakeScorer.NORMAL_SCORE));
        assertThat(v.span()).isEqualTo(new Span(nope, end - 1));
        assertThat(v.score()).isEqualTo(FakeScorer.REFUSAL_SCORE);

        SpanVerdict full = ModeDetector.of(model, MatchMode.FULL).classify(text);
        assertThat(full.spans()).containsExactly(new ScoredSpan(new Span(0, text.length()), FakeScorer.REFUSAL_SCORE));
    }

    @Test
    void theLexicalDetectorAsSpanScorerBehavesTheSame() {
        Tokenizer tokenizer = Tokenizer.fromFile(StandIns.minilmTokenizerJson());
        SpanScorer lexical = SpanScorer.lexical(LexicalDetector.defaults(), tokenizer, 512);
        String text = deepAnswer(tokenizer, REFUSAL, 600);

        assertThat(ModeDetector.of(lexical, MatchMode.FULL).classify(text).rejection()).isFalse();
        SpanVerdict window = ModeDetector.of(lexical, MatchMode.WINDOW).classify(text);
        assertThat(window.rejection()).isTrue();
        assertThat(window.spanText(text)).contains(REFUSAL);
        SpanVerdict sentence = ModeDetector.of(lexical, MatchMode.SENTENCE).classify(text);
        assertThat(sentence.spanText(text)).isEqualTo(REFUSAL);
        assertThat(sentence.score()).isGreaterThan(0.9); // alone, the refusal is an opening refusal
    }

    @Test
    void windowsOverlapByTheStrideAndCoverTheWholeText() {
        FakeScorer model = new FakeScorer(0.5, 64);
        String text = deepAnswer(model.tokenizer(), "The end.", 300);
        ModeDetector windows = ModeDetector.of(model, MatchMode.WINDOW, 16);
        List<Span> spans = windows.spans(text);
        assertThat(spans.size()).isGreaterThan(5);
        assertThat(spans.get(0).start()).isZero();
        assertThat(spans.get(spans.size() - 1).end()).isEqualTo(text.length());
        Tokenizer reading = model.tokenizer().withoutTruncation().withoutPadding();
        for (int i = 0; i < spans.size(); i++) {
            // each window fits the model whole, even re-tokenized out of context
            assertThat(reading.encode(spans.get(i).of(text), false).length()).isLessThanOrEqualTo(62);
            if (i > 0) {
                assertThat(spans.get(i).start()).isLessThan(spans.get(i - 1).end()); // they overlap
            }
        }
    }

    @Test
    void windowsTakeTheModelsWindowLengthWhereItIsShorterThanTheMaxLength() {
        FakeScorer model = new FakeScorer(0.5, 512, 64);
        String text = deepAnswer(model.tokenizer(), "The end.", 300);
        ModeDetector windows = ModeDetector.of(model, MatchMode.WINDOW);
        assertThat(windows.stride()).isEqualTo((64 - 2 - 4) / 2); // half the window: 29
        Tokenizer reading = model.tokenizer().withoutTruncation().withoutPadding();
        List<Span> spans = windows.spans(text);
        for (Span span : spans) {
            assertThat(reading.encode(span.of(text), false).length()).isLessThanOrEqualTo(64 - 2);
        }
        // 300+ tokens in windows of 58 stepping by 29: at least ten of them
        assertThat(spans.size()).isGreaterThanOrEqualTo(10);
        // a window length above the max length is capped by it
        FakeScorer capped = new FakeScorer(0.5, 64, 512);
        assertThat(ModeDetector.of(capped, MatchMode.WINDOW).spans(text)).hasSameSizeAs(spans);
    }

    @Test
    void allSpansOfAllTextsGoInOneBatchAndVerdictsKeepInputOrder() {
        FakeScorer model = new FakeScorer(0.5, 512);
        List<String> texts = List.of("Fine. Here you go.", "Sure thing. NOPE, not that part.", "", "MAYBE later.");
        List<SpanVerdict> verdicts = ModeDetector.of(model, MatchMode.SENTENCE).classify(texts);
        assertThat(model.calls()).isEqualTo(1);
        assertThat(model.texts()).isEqualTo(2 + 2 + 1 + 1); // an empty text is still read, whole
        assertThat(verdicts).extracting(SpanVerdict::rejection).containsExactly(false, true, false, true);
        assertThat(verdicts.get(1).spanText(texts.get(1))).isEqualTo("NOPE, not that part.");
        assertThat(verdicts.get(2).span()).isEqualTo(new Span(0, 0));
    }

    @Test
    void aShortTextIsOneSpanInEveryMode() {
        FakeScorer model = new FakeScorer(0.5, 512);
        for (MatchMode mode : List.of(MatchMode.FULL, MatchMode.WINDOW, MatchMode.DEEP)) {
            assertThat(ModeDetector.of(model, mode).spans("Short answer.")).containsExactly(new Span(0, 13));
        }
    }

    @Test
    void badSettingsAreRefusedWithTheReason() {
        FakeScorer model = new FakeScorer(0.5, 64);
        assertThatThrownBy(() -> ModeDetector.of(model, MatchMode.WINDOW, 58))
                .hasMessageContaining("stride 58 must be below the window of 58 tokens");
        assertThatThrownBy(() -> ModeDetector.of(model, MatchMode.WINDOW, -1)).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> MatchMode.parse("paragraph")).hasMessageContaining("full, sentence, window or deep");
        assertThat(MatchMode.parse(" Window ")).isEqualTo(MatchMode.WINDOW);
        assertThat(MatchMode.parse("DEEP")).isEqualTo(MatchMode.DEEP);
        assertThatThrownBy(() -> ModeDetector.of(model, MatchMode.DEEP, 58))
                .hasMessageContaining("stride 58 must be below the window of 58 tokens");
    }
}

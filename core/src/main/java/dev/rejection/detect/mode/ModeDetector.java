package dev.rejection.detect.mode;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@link SpanScorer} (usually a {@link RejectionDetector}) run in a {@link MatchMode}: the text is cut into the
 * spans the mode reads, all spans of all texts go to the scorer as one batch (in deep mode two: the full reads, then
 * the windows past where they cut), and each text takes the verdict of its highest-scoring span, which is reported
 * with it (and every span's score, {@link SpanVerdict#spans()}).
 *
 * <pre>{@code
 * ModeDetector windows = ModeDetector.of(SpanScorer.of(detector), MatchMode.WINDOW);
 * SpanVerdict v = windows.classify(longAnswer);   // v.span(): the window that decided
 * }</pre>
 *
 * <p>Immutable and thread-safe when the scorer is.
 */
public final class ModeDetector {
    /** Tokens shared by consecutive windows when none is given: a quarter of RoBERTa's 512. */
    public static final int DEFAULT_STRIDE = 128;

    /**
     * Tokens a window leaves free: cut out of its context, a window's text can tokenize to a token or two more at
     * its edges (a word losing its leading space), which the model would then truncate away.
     */
    static final int EDGE_SLACK = 4;

    /** A blank line: where one paragraph ends and the next begins. */
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\R[\\t ]*\\R");

    /**
     * Tokens within which paragraphs share a paragraph window: a group of paragraphs is one and those after it that
     * end within this many tokens of its end, read by one window ending with the group. Groups start at least this
     * far apart, so a text of many tiny paragraphs costs at most a window per this many tokens, not a window per
     * paragraph (20,000 characters of "a" and blank lines: deep mode 3.0 s; 21 s with a window per paragraph), and
     * every paragraph still ends at most 15 tokens before a window's end.
     */
    static final int PARAGRAPH_SPACING = 16;

    private final SpanScorer scorer;
    private final MatchMode mode;
    private final int stride;
    private final SentenceSplitter splitter;
    private final Tokenizer reading;

    private ModeDetector(SpanScorer scorer, MatchMode mode, int stride, SentenceSplitter splitter) {
        this.scorer = scorer;
        this.mode = mode;
        this.stride = stride;
        this.splitter = splitter;
        // full mode hands whole texts to the scorer and needs no tokenizer (a lexical-only head has none)
        this.reading = mode == MatchMode.FULL ? null : scorer.tokenizer().withoutPadding().withoutTruncation();
        if (mode.windowed() && stride >= windowTokens()) {
            throw new IllegalArgumentException("stride " + stride + " must be below the window of " + windowTokens()
                    + " tokens (window length " + scorer.windowLength() + " less special tokens and " + EDGE_SLACK
                    + " tokens of slack)");
        }
    }

    /** The scorer in {@code mode}, windows overlapping by {@link #defaultStride} tokens. */
    public static ModeDetector of(SpanScorer scorer, MatchMode mode) {
        return of(scorer, mode, mode.windowed() ? defaultStride(scorer) : 0);
    }

    /**
     * The stride when none is given: {@value #DEFAULT_STRIDE} tokens, or half the window when smaller, so that a
     * short window (the embedded default's 128 tokens) still has every token in the first half of some window, with
     * room after it for a refusal that starts there.
     */
    public static int defaultStride(SpanScorer scorer) {
        return Math.min(DEFAULT_STRIDE, windowTokens(scorer) / 2);
    }

    /**
     * The scorer in {@code mode}.
     *
     * @param stride tokens shared by consecutive windows (as in Hugging Face tokenizers' {@code stride}); used by
     *               {@link MatchMode#WINDOW} and {@link MatchMode#DEEP} only, at least 0 and below the window length
     */
    public static ModeDetector of(SpanScorer scorer, MatchMode mode, int stride) {
        requireWindow(scorer, mode);
        if (stride < 0) {
            throw new IllegalArgumentException("stride must be at least 0, got " + stride);
        }
        return new ModeDetector(scorer, mode, stride, new SentenceSplitter());
    }

    public MatchMode mode() {
        return mode;
    }

    public int stride() {
        return stride;
    }

    public SpanScorer scorer() {
        return scorer;
    }

    public double threshold() {
        return scorer.threshold();
    }

    /** Classifies one text. */
    public SpanVerdict classify(String text) {
        return classify(Collections.singletonList(text)).get(0);
    }

    /** Classifies texts, all their spans in one batch (deep mode: two); verdicts in input order. */
    public List<SpanVerdict> classify(List<String> texts) {
        return classify(null, texts);
    }

    /**
     * Classifies answers, each span read after the answer's prompt (null list or items: none), all spans in one
     * batch (deep mode: two); verdicts in input order.
     */
    public List<SpanVerdict> classify(List<String> prompts, List<String> texts) {
        if (prompts != null && prompts.size() != texts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts for " + texts.size() + " texts");
        }
        for (int i = 0; i < texts.size(); i++) {
            if (texts.get(i) == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
        }
        if (mode == MatchMode.FULL) {
            return score(prompts, texts, null);
        }
        if (mode == MatchMode.DEEP) {
            return deep(prompts, texts);
        }
        return score(prompts, texts, texts.stream().map(this::spans).toList());
    }

    /**
     * Deep mode: the full read first, which says where it cut each text (after its prompt, if any), then windows
     * over the rest up to the text's {@linkplain #content closing} as a second batch, of the long texts only; each
     * text takes the higher of the two verdicts.
     */
    private List<SpanVerdict> deep(List<String> prompts, List<String> texts) {
        List<SpanVerdict> full = score(prompts, texts, null);
        List<List<Span>> rest = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            int read = full.get(i).span().end();
            String content = content(text, read);
            rest.add(read < content.length() ? deepWindows(reading.encode(content, false), content, read) : List.of());
        }
        List<SpanVerdict> windows = score(prompts, texts, rest);
        List<SpanVerdict> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            SpanVerdict read = full.get(i);
            SpanVerdict deeper = windows.get(i);
            if (deeper == null) {
                out.add(read);
                continue;
            }
            List<ScoredSpan> scored = new ArrayList<>(read.spans());
            scored.addAll(deeper.spans());
            SpanVerdict best = deeper.score() > read.score() ? deeper : read;
            out.add(new SpanVerdict(best.verdict(), best.span(), scored));
        }
        return out;
    }

    /**
     * Scores the given spans of each text (each read after the text's prompt) in one batch; each text takes the
     * verdict of its highest-scoring span. {@code spans} null: each text is read whole as the model card does (the
     * model truncates it, and its verdict says where it cut, so the text is not tokenized a second time); a text
     * with no spans gets null.
     */
    private List<SpanVerdict> score(List<String> prompts, List<String> texts, List<List<Span>> spans) {
        boolean whole = spans == null;
        if (whole) {
            spans = texts.stream().map(text -> List.of(new Span(0, text.length()))).toList();
        }
        List<String> parts = new ArrayList<>();
        List<String> partPrompts = prompts == null ? null : new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            for (Span span : spans.get(i)) {
                parts.add(span.of(text));
                if (partPrompts != null) {
                    partPrompts.add(prompts.get(i));
                }
            }
        }
        List<Verdict> verdicts = parts.isEmpty() ? List.of()
                : partPrompts == null ? scorer.classify(parts) : scorer.classify(partPrompts, parts);
        List<SpanVerdict> out = new ArrayList<>(texts.size());
        int next = 0;
        for (int i = 0; i < texts.size(); i++) {
            if (spans.get(i).isEmpty()) {
                out.add(null);
                continue;
            }
            Verdict best = null;
            Span deciding = null;
            List<ScoredSpan> scored = new ArrayList<>(spans.get(i).size());
            for (Span span : spans.get(i)) {
                Verdict verdict = verdicts.get(next++);
                // the part the model read: a sentence past the max length is read only up to it
                Span read = whole ? new Span(0, verdict.read(texts.get(i)))
                        : new Span(span.start(), span.start() + verdict.read(span.of(texts.get(i))));
                scored.add(new ScoredSpan(read, verdict.score()));
                if (best == null || verdict.score() > best.score()) {
                    best = verdict;
                    deciding = read;
                }
            }
            out.add(new SpanVerdict(best, deciding, scored));
        }
        return out;
    }

    /**
     * The spans this mode reads in {@code text} read alone: one for {@code full} (the part within the max length),
     * the sentences, the windows, or for {@code deep} the full read's part and the windows over the rest. Never
     * empty: a text with no sentence or token is read whole.
     */
    public List<Span> spans(String text) {
        List<Span> spans = switch (mode) {
            case FULL -> List.of(fullSpan(scorer.tokenizer().withoutPadding().withoutTruncation().encode(text, false),
                    text));
            case SENTENCE -> splitter.split(text);
            case WINDOW -> {
                Encoding encoding = reading.encode(text, false);
                // a text one window reads whole keeps its closing; a longer one is read up to it
                String content = encoding.length() <= windowTokens() ? text : content(text, 0);
                yield windows(content.length() == text.length() ? encoding : reading.encode(content, false),
                        content, 0);
            }
            case DEEP -> {
                Encoding encoding = reading.encode(text, false);
                Span full = fullSpan(encoding, text);
                List<Span> deep = new ArrayList<>(List.of(full));
                String content = content(text, full.end());
                if (full.end() < content.length()) {
                    deep.addAll(deepWindows(content.length() == text.length() ? encoding
                            : reading.encode(content, false), content, full.end()));
                }
                yield deep;
            }
        };
        return spans.isEmpty() ? List.of(new Span(0, text.length())) : spans;
    }

    /**
     * What the windows read of a text whose first read (deep mode's full read, window mode's first window) ended at
     * {@code read}: all of it up to its {@linkplain Closing closing} ("I hope this helps! Let me know ..."), which at
     * a window's end reads as a refusal's sign-off; the text itself when the first read took all of it, since a short
     * deflection read whole needs its sign-off. A prefix of the text, so that spans in it are spans in the text.
     */
    private static String content(String text, int read) {
        return read < text.length() ? text.substring(0, Closing.contentEnd(text)) : text;
    }

    /**
     * The part of {@code text} (tokenized whole, untruncated, as {@code encoding}) a full read covers (classify
     * learns it from the verdict instead).
     */
    private Span fullSpan(Encoding encoding, String text) {
        int room = scorer.maxLength() - scorer.tokenizer().numSpecialTokensToAdd();
        return encoding.length() <= room ? new Span(0, text.length()) : new Span(0, encoding.end(room - 1));
    }

    private int windowTokens() {
        return windowTokens(scorer);
    }

    /** A windowed mode needs a window of at least one token; a very short max length leaves none. */
    private static void requireWindow(SpanScorer scorer, MatchMode mode) {
        if (mode.windowed() && windowTokens(scorer) < 1) {
            throw new IllegalArgumentException(mode.name().toLowerCase(Locale.ROOT) + " mode needs a window "
                    + "of at least one token, but a window length of " + Math.min(scorer.windowLength(),
                    scorer.maxLength()) + " tokens leaves none after " + scorer.tokenizer().numSpecialTokensToAdd()
                    + " special tokens and " + EDGE_SLACK + " tokens of slack; give a longer max length");
        }
    }

    /** Tokens in one window: the scorer's window length, less special tokens and the edge slack. */
    private static int windowTokens(SpanScorer scorer) {
        return Math.min(scorer.windowLength(), scorer.maxLength()) - scorer.tokenizer().numSpecialTokensToAdd()
                - EDGE_SLACK;
    }

    /**
     * What deep mode reads past {@code from} (where the full read of {@code text}, tokenized whole as
     * {@code encoding}, cut it): the {@linkplain #windows stride windows} and, for each paragraph that ends past
     * {@code from}, a {@linkplain #paragraphWindows paragraph window}; in text order, without repeats. Empty when no
     * token starts at or after {@code from}.
     */
    private List<Span> deepWindows(Encoding encoding, String text, int from) {
        Set<Span> windows = new LinkedHashSet<>(windows(encoding, text, from));
        if (windows.isEmpty()) {
            return List.of();
        }
        windows.addAll(paragraphWindows(encoding, text, from));
        return windows.stream().sorted(Comparator.comparingInt(Span::start).thenComparingInt(Span::end)).toList();
    }

    /**
     * Windows over the tokens of {@code text} (tokenized whole, untruncated, as {@code encoding}) from the first
     * that starts at or after {@code from} (a UTF-16 index; 0: all of them) to the end, each of
     * {@link #windowTokens} tokens, consecutive ones sharing {@code stride}; after 0, the first window reaches back
     * {@code stride} tokens, so that it overlaps what was read before as windows overlap each other. Empty when no
     * token starts there; one span of the whole text when it fits in a window.
     */
    private List<Span> windows(Encoding encoding, String text, int from) {
        int n = encoding.length();
        int first = 0;
        while (first < n && encoding.start(first) < from) {
            first++;
        }
        if (from > 0 && first == n) {
            return List.of();
        }
        first = Math.max(0, first - (from > 0 ? stride : 0));
        int size = windowTokens();
        if (first == 0 && n <= size) {
            return List.of(new Span(0, text.length()));
        }
        List<Span> windows = new ArrayList<>();
        int step = size - stride;
        for (; ; first += step) {
            int last = Math.min(first + size, n) - 1;
            windows.add(new Span(encoding.start(first), encoding.end(last)));
            if (last == n - 1) {
                return windows;
            }
        }
    }

    /** The parts of {@code text} between blank lines, in order (some may be blank, the last empty). */
    static List<Span> paragraphs(String text) {
        List<Span> paragraphs = new ArrayList<>();
        Matcher breaks = PARAGRAPH_BREAK.matcher(text);
        int start = 0;
        while (breaks.find()) {
            paragraphs.add(new Span(start, breaks.start()));
            start = breaks.end();
        }
        paragraphs.add(new Span(start, text.length()));
        return paragraphs;
    }

    /**
     * For each group of paragraphs (text between blank lines; a group: a paragraph that ends past {@code from} and
     * those after it that end within {@link #PARAGRAPH_SPACING} tokens of its end), a window that ends with the
     * group's last token and reaches back {@code stride} tokens before the last paragraph (at least to the first
     * one's end, at most {@link #windowTokens} tokens in all; more context than that before a refusal reads as an
     * answer). A stride window ends wherever its token count runs out, so a refusal followed by more of the answer
     * sits mid-window, where a model has learned that an apology followed by content is an answer; a paragraph window
     * ends with the refusal (or a few tokens after it), as the long-answer windows the embedded default trained on
     * do. Deep mode only: over a whole text (window mode) they read the apologies and caveats that open ordinary
     * answers out of what follows them, and raise false alarms.
     */
    private List<Span> paragraphWindows(Encoding encoding, String text, int from) {
        List<int[]> paragraphs = new ArrayList<>(); // first and last token of each paragraph ending past from
        int n = encoding.length();
        int token = 0;
        for (Span paragraph : paragraphs(text)) {
            while (token < n && encoding.start(token) < paragraph.start()) {
                token++;
            }
            int last = token - 1;
            while (last + 1 < n && encoding.end(last + 1) <= paragraph.end()) {
                last++;
            }
            if (last >= token && encoding.end(last) > from) {
                paragraphs.add(new int[] {token, last});
            }
        }
        List<Span> windows = new ArrayList<>();
        int i = 0;
        while (i < paragraphs.size()) { // a group: the paragraphs that end within the spacing of its first one's end
            int firstEnds = paragraphs.get(i)[1];
            int[] last = paragraphs.get(i);
            for (i++; i < paragraphs.size() && paragraphs.get(i)[1] - firstEnds < PARAGRAPH_SPACING; i++) {
                last = paragraphs.get(i);
            }
            // the last paragraph's context, as a window of its own would have, reaching the first one's end at least
            int start = Math.max(Math.max(0, Math.min(last[0] - stride, firstEnds)), last[1] - windowTokens() + 1);
            windows.add(new Span(encoding.start(start), encoding.end(last[1])));
        }
        return windows;
    }
}

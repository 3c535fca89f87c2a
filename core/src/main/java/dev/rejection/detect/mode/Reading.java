package dev.rejection.detect.mode;

import dev.rejection.detect.RejectionCheck;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Where a text is read: a {@link ReadSpec} over a model. Texts under a preset's blank rule are left unread; the
 * rest go, in one batch, to the cascade (lexical first) or straight to the {@link ModeDetector}; each comes back
 * as a {@link Read} with its verdict, the span that decided, and what the cascade and preset add.
 *
 * <p>A {@link RejectionCheck}, so that the framework integrations can read in any mode:
 * {@code RejectionGuardrail.builder(ReadSpec.of(MatchMode.WINDOW, null, null, Preset.DEFAULT).on(detector))}.
 *
 * <p>Immutable and thread-safe when the model is. Made by {@link ReadSpec#on}.
 */
public final class Reading implements RejectionCheck {
    private final ReadSpec spec;
    private final SpanScorer scorer;
    private final ModeDetector model;
    private final Cascade lexicalFirst; // null without a cascade

    Reading(ReadSpec spec, SpanScorer scorer, ModeDetector model, Cascade lexicalFirst) {
        this.spec = spec;
        this.scorer = scorer;
        this.model = model;
        this.lexicalFirst = lexicalFirst;
    }

    public ReadSpec spec() {
        return spec;
    }

    /** The mode detector the reading runs (its stride is the one used, default or given). */
    public ModeDetector model() {
        return model;
    }

    public double threshold() {
        return scorer.threshold();
    }

    /** Reads one text. */
    public Read read(String text) {
        return read(Collections.singletonList(text)).get(0); // a null text is named, not a bare NPE
    }

    /** Reads one answer after its prompt (null: none). */
    public Read read(String prompt, String text) {
        return read(Collections.singletonList(prompt), Collections.singletonList(text)).get(0);
    }

    /** The verdict on one text, as {@link #read} gives it. */
    @Override
    public Verdict classify(String text) {
        return read(text).verdict();
    }

    /** The verdict on one answer after its prompt, as {@link #read(String, String)} gives it. */
    @Override
    public Verdict classify(String prompt, String answer) {
        return read(prompt, answer).verdict();
    }

    /**
     * Reads texts; results in input order.
     *
     * @throws IllegalArgumentException when a text is null (naming its index)
     */
    public List<Read> read(List<String> texts) {
        return read(null, texts);
    }

    /**
     * Reads answers, each after its prompt ({@code prompts} null, or null items, where there is none: the answer is
     * read alone; a model that reads answers alone drops the prompts, as
     * {@link dev.rejection.detect.RejectionDetector} does); results in input order.
     *
     * @throws IllegalArgumentException when a text is null (naming its index), or the lists differ in size
     */
    public List<Read> read(List<String> prompts, List<String> texts) {
        if (prompts != null && prompts.size() != texts.size()) {
            throw new IllegalArgumentException(prompts.size() + " prompts for " + texts.size() + " texts");
        }
        boolean llmGuard = spec.preset() == Preset.LLM_GUARD;
        List<String> read = new ArrayList<>(texts.size());
        List<String> readPrompts = prompts == null ? null : new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
            if (!(llmGuard && LlmGuard.unread(text))) {
                read.add(text);
                if (readPrompts != null) {
                    readPrompts.add(prompts.get(i));
                }
            }
        }
        List<SpanVerdict> verdicts = new ArrayList<>(read.size());
        List<Optional<Boolean>> skipped = new ArrayList<>(read.size());
        if (lexicalFirst != null) {
            for (Cascade.Result result : lexicalFirst.classify(readPrompts, read)) {
                verdicts.add(result.verdict());
                skipped.add(Optional.of(result.skipped()));
            }
        } else if (!read.isEmpty()) {
            verdicts.addAll(model.classify(readPrompts, read));
            read.forEach(t -> skipped.add(Optional.empty()));
        }
        List<Read> out = new ArrayList<>(texts.size());
        int next = 0;
        for (String text : texts) {
            if (llmGuard && LlmGuard.unread(text)) {
                out.add(new Read(LlmGuard.unreadVerdict(scorer.labels(), scorer.positiveLabel()), Optional.empty(),
                        Optional.empty(), Optional.of(LlmGuard.scan(text, null, threshold()))));
                continue;
            }
            SpanVerdict verdict = verdicts.get(next);
            Optional<LlmGuard.Scan> scan = llmGuard
                    ? Optional.of(LlmGuard.scan(text, verdict.verdict(), threshold())) : Optional.empty();
            out.add(new Read(verdict.verdict(), Optional.of(verdict.span()), skipped.get(next), scan, verdict.spans()));
            next++;
        }
        return out;
    }

    /**
     * A detector for one streamed text, deciding early from the default phrases and the model's sentence scores,
     * and at the end as {@link #read} does.
     */
    public StreamingDetector stream() {
        return new StreamingDetector(model, LexicalDetector.defaults(), StreamingDetector.DEFAULT_CONFIDENCE,
                text -> {
                    Read read = read(text); // a text left unread (blank, under LLM Guard) is decided by all of it
                    return new SpanVerdict(read.verdict(), read.span().orElse(new Span(0, text.length())),
                            read.spans());
                });
    }

    /** Under the LLM Guard preset, its scan of a (streamed) text's verdict; empty otherwise. */
    public Optional<LlmGuard.Scan> scan(String text, SpanVerdict verdict) {
        return spec.preset() == Preset.LLM_GUARD
                ? Optional.of(LlmGuard.scan(text, verdict.verdict(), threshold())) : Optional.empty();
    }
}

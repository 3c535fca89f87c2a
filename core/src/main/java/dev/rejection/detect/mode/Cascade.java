package dev.rejection.detect.mode;

import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.lexical.LexicalMatch;
import dev.rejection.detect.lexical.LexicalVerdict;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The lexical detector first, the model only where needed: a text whose lexical evidence is decisive, of a kind
 * trusted, takes the lexical verdict and skips the model; every other text goes to the model (in its mode), all in
 * one batch.
 *
 * <p>Which kinds to trust is measured, not assumed: {@link #DEFAULT_TRUST} is the largest set that costs at most 0.2
 * points of F1 on the dev data with the embedded default detector (docs/modes.md has the measurement and the
 * command that repeats it).
 *
 * <p>Immutable and thread-safe when the model is.
 */
public final class Cascade {
    /** The two kinds of decisive lexical evidence ({@link LexicalVerdict#decisive()}). */
    public enum Decisive {
        /** A strong refusal phrase in the opening and no counter-evidence anywhere. */
        REJECTION,
        /** Counter-evidence in the opening ("Sure, here's") and no refusal phrase anywhere. */
        NORMAL
    }

    /**
     * The kinds trusted by default: none. Measured with the embedded default detector on 2,000 rows of the dev data
     * (docs/modes.md), trusting decisive rejections cost 1.62 points of F1, decisive normals 0.55, both 2.16: all
     * above the 0.2 points allowed, so by default every text goes to the model. Trust kinds explicitly
     * ({@link #of(LexicalDetector, ModeDetector, Set)}, {@code --cascade=rejection}) where speed matters more.
     */
    public static final Set<Decisive> DEFAULT_TRUST = Set.of();

    /**
     * Trusted kinds by name: {@code default} ({@link #DEFAULT_TRUST}), {@code none}, {@code rejection},
     * {@code normal}, or both separated by a comma.
     */
    public static Set<Decisive> parseTrust(String names) {
        String s = names.strip().toLowerCase(java.util.Locale.ROOT);
        if (s.equals("default")) {
            return DEFAULT_TRUST;
        }
        Set<Decisive> trust = EnumSet.noneOf(Decisive.class);
        if (s.equals("none")) {
            return Set.of();
        }
        for (String name : s.split(",")) {
            switch (name.strip()) {
                case "rejection" -> trust.add(Decisive.REJECTION);
                case "normal" -> trust.add(Decisive.NORMAL);
                default -> throw new IllegalArgumentException("unknown decisive kind '" + name.strip()
                        + "': use default, none, rejection, normal or rejection,normal");
            }
        }
        return Set.copyOf(trust);
    }

    /** One text's verdict and whether the model was skipped for it. */
    public record Result(SpanVerdict verdict, boolean skipped) {
    }

    private final LexicalDetector lexical;
    private final ModeDetector model;
    private final Set<Decisive> trusted;

    private Cascade(LexicalDetector lexical, ModeDetector model, Set<Decisive> trusted) {
        this.lexical = lexical;
        this.model = model;
        this.trusted = Set.copyOf(trusted);
    }

    /** A cascade trusting {@link #DEFAULT_TRUST}. */
    public static Cascade of(LexicalDetector lexical, ModeDetector model) {
        return of(lexical, model, DEFAULT_TRUST);
    }

    /** A cascade trusting the given kinds of decisive evidence (none: the model reads every text). */
    public static Cascade of(LexicalDetector lexical, ModeDetector model, Set<Decisive> trusted) {
        return new Cascade(lexical, model, trusted);
    }

    public Set<Decisive> trusted() {
        return trusted;
    }

    public ModeDetector model() {
        return model;
    }

    /** The kind of decisive evidence in a lexical verdict, if it is decisive. */
    public static Optional<Decisive> decisive(LexicalVerdict verdict) {
        if (!verdict.decisive()) {
            return Optional.empty();
        }
        return Optional.of(verdict.rejection() ? Decisive.REJECTION : Decisive.NORMAL);
    }

    /** Classifies one text. */
    public Result classify(String text) {
        return classify(Collections.singletonList(text)).get(0);
    }

    /** Classifies texts; results in input order. */
    public List<Result> classify(List<String> texts) {
        return classify(null, texts);
    }

    /** Classifies answers after their prompts (null list or items: none; the phrases read the answer only). */
    public List<Result> classify(List<String> prompts, List<String> texts) {
        Result[] results = new Result[texts.size()];
        List<String> rest = new ArrayList<>();
        List<String> restPrompts = prompts == null ? null : new ArrayList<>();
        List<Integer> restIndex = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null) {
                throw new IllegalArgumentException("text " + i + " is null");
            }
            LexicalVerdict verdict = lexical.score(text);
            Optional<Decisive> kind = decisive(verdict);
            if (kind.isPresent() && trusted.contains(kind.get())) {
                results[i] = new Result(lexicalVerdict(verdict, kind.get(), text.length(), model.threshold()), true);
            } else {
                rest.add(text);
                restIndex.add(i);
                if (restPrompts != null) {
                    restPrompts.add(prompts.get(i));
                }
            }
        }
        List<SpanVerdict> modelled = rest.isEmpty() ? List.of() : model.classify(restPrompts, rest);
        for (int k = 0; k < rest.size(); k++) {
            results[restIndex.get(k)] = new Result(modelled.get(k), false);
        }
        return List.of(results);
    }

    /**
     * The lexical decision as a span verdict, judged at the model's threshold; the span is the first match of the
     * deciding kind (a refusal phrase, or the counter-evidence).
     */
    static SpanVerdict lexicalVerdict(LexicalVerdict verdict, Decisive kind, int textLength, double threshold) {
        List<LexicalMatch> matches = kind == Decisive.REJECTION ? verdict.refusalMatches() : verdict.counterMatches();
        Span span = matches.isEmpty() ? new Span(0, textLength)
                : new Span(matches.get(0).start(), matches.get(0).end());
        // a decisive verdict must decide as its kind says, whatever the model's threshold
        double score = kind == Decisive.REJECTION ? Math.max(verdict.score(), Math.nextUp(threshold))
                : Math.min(verdict.score(), threshold);
        LexicalVerdict judged = new LexicalVerdict(score, kind == Decisive.REJECTION, true, verdict.matches());
        return new SpanVerdict(SpanScorer.verdict(judged, 0, -1, threshold), span);
    }
}

package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.mode.Cascade;
import dev.rejection.detect.mode.LlmGuard;
import dev.rejection.detect.mode.MatchMode;
import dev.rejection.detect.mode.ModeDetector;
import dev.rejection.detect.mode.Span;
import dev.rejection.detect.mode.SpanScorer;
import dev.rejection.detect.mode.SpanVerdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How the detector reads each text: match mode, window stride, the lexical cascade, the LLM Guard preset. */
final class ModeOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--mode", paramLabel = "MODE", converter = MatchModeConverter.class,
            description = "full (the whole text, truncated to the max length: the model card's behaviour), sentence "
                    + "(every sentence, score = the highest) or window (token windows of the max length over the "
                    + "whole text, score = the highest). Default: full. Entries then name the deciding span.")
    MatchMode mode;

    @Option(names = "--stride", paramLabel = "N",
            description = "Tokens shared by consecutive windows in --mode window (default: "
                    + ModeDetector.DEFAULT_STRIDE + ", or a quarter of the window when that is smaller).")
    Integer stride;

    @Option(names = "--cascade", arity = "0..1", fallbackValue = "default", paramLabel = "KINDS",
            description = "Try the lexical detector first: texts whose phrases decide clearly, of the kinds trusted, "
                    + "skip the model. KINDS: default (as measured for the embedded default, see docs/modes.md), "
                    + "none, rejection, normal, or rejection,normal.")
    String cascade;

    @Option(names = "--preset", paramLabel = "NAME",
            description = "llm-guard: LLM Guard NoRefusal compatibility: threshold 0.75 (strict >), max length 128, "
                    + "risk_score and valid in the output, blank texts valid with risk -1. --threshold, "
                    + "--max-length and --mode given explicitly override it.")
    String preset;

    static final class MatchModeConverter implements picocli.CommandLine.ITypeConverter<MatchMode> {
        @Override
        public MatchMode convert(String value) {
            return MatchMode.parse(value);
        }
    }

    /** Whether any option asks for more than the detector's plain verdicts. */
    boolean active() {
        return mode != null || stride != null || cascade != null || llmGuard();
    }

    boolean llmGuard() {
        if (preset == null) {
            return false;
        }
        if (!preset.equals("llm-guard")) {
            throw new ParameterException(spec.commandLine(), "unknown --preset '" + preset + "': the one preset is "
                    + "llm-guard");
        }
        return true;
    }

    /** The threshold to use: the explicit one, else the preset's, else null (the detector's default). */
    Double threshold(Double explicit) {
        return explicit != null ? explicit : llmGuard() ? LlmGuard.THRESHOLD : null;
    }

    /** The max length to use: the explicit one, else the preset's, else null (the model's own). */
    Integer maxLength(Integer explicit) {
        return explicit != null ? explicit : llmGuard() ? LlmGuard.MAX_LENGTH : null;
    }

    /** The detector in the chosen mode. */
    ModeDetector modeDetector(RejectionDetector detector) {
        MatchMode chosen = mode != null ? mode : llmGuard() ? LlmGuard.MODE : MatchMode.FULL;
        if (stride != null && chosen != MatchMode.WINDOW) {
            throw new ParameterException(spec.commandLine(), "--stride applies to --mode window only");
        }
        try {
            SpanScorer scorer = SpanScorer.of(detector);
            return stride != null ? ModeDetector.of(scorer, chosen, stride) : ModeDetector.of(scorer, chosen);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** The decisive kinds --cascade trusts. */
    Set<Cascade.Decisive> trust() {
        try {
            return Cascade.parseTrust(cascade);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--cascade: " + e.getMessage(), e);
        }
    }

    /** One text's result: verdict, deciding span, extra output fields. */
    record Judged(Verdict verdict, Span span, Map<String, Object> extra) {
    }

    /** Classifies texts as the options say; results in input order. */
    List<Judged> judge(ModeDetector detector, List<String> texts) {
        List<String> read = new ArrayList<>();
        for (String text : texts) {
            if (!(llmGuard() && text.isBlank())) { // LLM Guard does not classify blank output
                read.add(text);
            }
        }
        List<SpanVerdict> verdicts = new ArrayList<>();
        List<Boolean> skipped = new ArrayList<>();
        if (cascade != null) {
            for (Cascade.Result result : Cascade.of(LexicalDetector.defaults(), detector, trust()).classify(read)) {
                verdicts.add(result.verdict());
                skipped.add(result.skipped());
            }
        } else {
            verdicts.addAll(detector.classify(read));
        }
        List<Judged> out = new ArrayList<>(texts.size());
        int next = 0;
        for (String text : texts) {
            Map<String, Object> extra = new LinkedHashMap<>();
            if (llmGuard() && text.isBlank()) {
                extra.put("valid", true);
                extra.put("risk_score", -1.0);
                out.add(new Judged(blank(), null, extra));
                continue;
            }
            SpanVerdict verdict = verdicts.get(next);
            if (cascade != null) {
                extra.put("model_skipped", skipped.get(next));
            }
            if (llmGuard()) {
                LlmGuard.Scan scan = LlmGuard.scan(text, verdict.verdict(), detector.threshold());
                extra.put("valid", scan.valid());
                extra.put("risk_score", scan.riskScore());
            }
            out.add(new Judged(verdict.verdict(), verdict.span(), extra));
            next++;
        }
        return out;
    }

    /** What a blank output gets under the preset, unread: not a refusal, REJECTION score 0. */
    private static Verdict blank() {
        return new Verdict("NORMAL", 0, false, Map.of(), 0, false);
    }
}

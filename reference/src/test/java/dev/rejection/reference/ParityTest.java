package dev.rejection.reference;

import dev.rejection.model.ModelDir;
import dev.rejection.pipeline.Classification;
import dev.rejection.pipeline.TextClassificationPipeline;
import dev.rejection.standin.StandIn;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.testing.StandIns;
import dev.rejection.tokenizer.Tokenizer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Our pipeline against the reference, transformers.js's text-classification pipeline, on stand-in models (the
 * real architecture and vocabulary, seeded random weights): for every one of 2,000 texts from
 * {@code ../shared/data/refusals} — short to over-long — the same token ids, every label's probability within
 * {@value #MAX_SCORE_DELTA}, and the same top label, at batch sizes 1 and 32.
 *
 * <p>The only texts left out are those transformers.js's own tokenizer cannot get right (see
 * {@link ParityTexts#jsWhitespaceDiffers}); they are counted and printed. Any other difference fails.
 */
class ParityTest {
    static final double MAX_SCORE_DELTA = 1e-4;
    static final int MAX_LENGTH = 512;
    static final long SEED = 20240601L;

    private static Path shared;
    private static TransformersJs reference;

    @BeforeAll
    static void requirements() {
        shared = dev.rejection.testing.StandIns.sharedData("parity with transformers.js on data/refusals")
                .getParent();
        reference = TransformersJs.fromSystemProperties();
        assertThat(reference.installed())
                .as("transformers.js is not installed in %s: the Maven build runs js/install.mjs (npm ci) first",
                        reference.scriptDir())
                .isTrue();
    }

    @Test
    void distilrobertaStandInMatchesTransformersJs() throws IOException {
        Path dir = standIn(StandIn.Size.DISTILROBERTA, shared.resolve("data"));
        assertParity("distilroberta", dir);
    }

    @Test
    void bertStandInMatchesTransformersJs() throws IOException {
        Path dir = standIn(StandIn.Size.BERT_TINY, StandIns.minilmTokenizerJson());
        assertParity("bert-tiny", dir);
    }

    /** Written into target/ once per run (the full-size one: ~8 s, 330 MB), so it always matches the generator. */
    private static Path standIn(StandIn.Size size, Path source) throws IOException {
        return StandIn.of(size, source).write(Path.of("target", "standins", size.id()).toAbsolutePath(), SEED);
    }

    private void assertParity(String name, Path modelDir) {
        try (TextClassificationPipeline ours = TextClassificationPipeline.load(ModelDir.open(modelDir), MAX_LENGTH,
                1, 0)) {
            Tokenizer untruncated = Tokenizer.fromDirectory(modelDir).withoutTruncation().withoutPadding();
            List<ParityTexts.Text> all = ParityTexts.readAll(shared.resolve("data/refusals"),
                    text -> untruncated.encode(text).length());
            List<ParityTexts.Text> usable = all.stream().filter(t -> !ParityTexts.jsWhitespaceDiffers(t.text())).toList();
            List<ParityTexts.Text> texts = ParityTexts.choose(usable, ParityTexts.defaultBands(MAX_LENGTH));
            System.out.printf("[parity %s] %d texts chosen of %d (%d left out: U+FEFF/U+0085, where "
                            + "transformers.js's \\s differs from the Rust tokenizers'); %d over %d tokens%n", name,
                    texts.size(), all.size(), all.size() - usable.size(),
                    texts.stream().filter(t -> t.tokens() > MAX_LENGTH).count(), MAX_LENGTH);

            Path jsonl = Path.of("target", "parity-" + name + ".jsonl").toAbsolutePath();
            ParityTexts.writeJsonl(texts, jsonl);
            List<String> strings = texts.stream().map(ParityTexts.Text::text).toList();
            List<Encoding> encodings = strings.stream().map(ours::preprocess).toList();

            for (int batchSize : new int[] {1, 32}) {
                long start = System.nanoTime();
                List<Classification> javaResults = classify(modelDir, strings, batchSize);
                long javaNanos = System.nanoTime() - start;
                start = System.nanoTime();
                List<TransformersJs.Result> jsResults = reference.classify(modelDir, jsonl, batchSize, MAX_LENGTH);
                long jsNanos = System.nanoTime() - start;
                compare(name, batchSize, texts, encodings, javaResults, jsResults, javaNanos, jsNanos);
            }
        }
    }

    private static List<Classification> classify(Path modelDir, List<String> texts, int batchSize) {
        try (TextClassificationPipeline pipeline = TextClassificationPipeline.load(ModelDir.open(modelDir),
                MAX_LENGTH, batchSize, 0)) {
            return pipeline.classify(texts);
        }
    }

    private static void compare(String name, int batchSize, List<ParityTexts.Text> texts, List<Encoding> encodings,
                                List<Classification> ours, List<TransformersJs.Result> theirs,
                                long javaNanos, long jsNanos) {
        assertThat(theirs).as("transformers.js results").hasSize(texts.size());
        assertThat(ours).as("our results").hasSize(texts.size());
        List<String> failures = new ArrayList<>();
        int sameIds = 0;
        int sameLabel = 0;
        int truncated = 0;
        double largestDelta = 0;
        String largestAt = "";
        for (int i = 0; i < texts.size(); i++) {
            String where = texts.get(i).source() + " (" + texts.get(i).tokens() + " tokens)";
            TransformersJs.Result js = theirs.get(i);
            Classification java = ours.get(i);
            int[] ids = encodings.get(i).ids();
            if (Arrays.equals(ids, js.ids())) {
                sameIds++;
            } else {
                failures.add(where + ": token ids differ at position " + firstDifference(ids, js.ids())
                        + " (ours " + ids.length + " tokens, transformers.js " + js.ids().length + ")");
            }
            if (java.truncated()) {
                truncated++;
            }
            if (java.truncated() != js.truncated()) {
                failures.add(where + ": truncated " + java.truncated() + " vs transformers.js " + js.truncated());
            }
            if (!java.scores().keySet().equals(js.scores().keySet())) {
                failures.add(where + ": labels " + java.scores().keySet() + " vs " + js.scores().keySet());
                continue;
            }
            for (Map.Entry<String, Double> score : java.scores().entrySet()) {
                double delta = Math.abs(score.getValue() - js.scores().get(score.getKey()));
                if (delta > largestDelta) {
                    largestDelta = delta;
                    largestAt = where + " " + score.getKey();
                }
                if (delta > MAX_SCORE_DELTA) {
                    failures.add(where + ": " + score.getKey() + " " + score.getValue() + " vs transformers.js "
                            + js.scores().get(score.getKey()));
                }
            }
            if (java.topLabel().equals(js.topLabel())) {
                sameLabel++;
            } else {
                failures.add(where + ": label " + java.topLabel() + " vs transformers.js " + js.topLabel());
            }
        }
        System.out.printf("[parity %s, batch %d] %d texts (%d truncated): same ids %d, same label %d, "
                        + "largest |Δ probability| %.3g at %s; ours %.1f s, transformers.js %.1f s%n",
                name, batchSize, texts.size(), truncated, sameIds, sameLabel, largestDelta, largestAt,
                javaNanos / 1e9, jsNanos / 1e9);
        assertThat(failures).as("differences from transformers.js (%s, batch %d)", name, batchSize).isEmpty();
    }

    private static int firstDifference(int[] a, int[] b) {
        int n = Math.min(a.length, b.length);
        for (int i = 0; i < n; i++) {
            if (a[i] != b[i]) {
                return i;
            }
        }
        return n;
    }
}

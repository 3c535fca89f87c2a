package dev.rejection.tokenizer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The components the two real tokenizers do not use, each checked against the oracle: the MiniLM WordPiece
 * vocabulary (and roberta-base's BPE) put behind other normalizers, pre-tokenizers and post-processors.
 */
class ComponentParityTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static List<String> corpus;

    static List<Arguments> variants() {
        String wp = "wordpiece";
        String bpe = "bpe";
        return List.of(
                Arguments.of(wp, "NFKC+Lowercase+Replace / WhitespaceSplit+Punctuation+Digits(individual)",
                        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKC\"},{\"type\":\"Lowercase\"},"
                                + "{\"type\":\"Replace\",\"pattern\":{\"String\":\"’\"},\"content\":\"'\"}]}",
                        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"WhitespaceSplit\"},"
                                + "{\"type\":\"Punctuation\",\"behavior\":\"Isolated\"},"
                                + "{\"type\":\"Digits\",\"individual_digits\":true}]}", null),
                Arguments.of(wp, "NFD+StripAccents+Lowercase+Strip / Whitespace",
                        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFD\"},{\"type\":\"StripAccents\"},"
                                + "{\"type\":\"Lowercase\"},{\"type\":\"Strip\",\"strip_left\":true,\"strip_right\":true}]}",
                        "{\"type\":\"Whitespace\"}", null),
                Arguments.of(wp, "NFKD+Replace(regex) / Split(regex, MergedWithNext)+Digits(contiguous)",
                        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"NFKD\"},"
                                + "{\"type\":\"Replace\",\"pattern\":{\"Regex\":\"\\\\s+\"},\"content\":\" \"}]}",
                        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"Regex\":\"[,.!?]\"},"
                                + "\"behavior\":\"MergedWithNext\",\"invert\":false},{\"type\":\"Digits\","
                                + "\"individual_digits\":false},{\"type\":\"WhitespaceSplit\"}]}", null),
                Arguments.of(wp, "NFC / Split(string, MergedWithPrevious)+Split(regex, Contiguous)",
                        "{\"type\":\"NFC\"}",
                        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Split\",\"pattern\":{\"String\":\" \"},"
                                + "\"behavior\":\"MergedWithPrevious\",\"invert\":false},{\"type\":\"Split\","
                                + "\"pattern\":{\"Regex\":\"[a-z]\"},\"behavior\":\"Contiguous\",\"invert\":false}]}", null),
                Arguments.of(wp, "Lowercase / Split(regex, Removed, invert)",
                        "{\"type\":\"Lowercase\"}",
                        "{\"type\":\"Split\",\"pattern\":{\"Regex\":\"\\\\w+|[^\\\\w\\\\s]+\"},\"behavior\":\"Removed\","
                                + "\"invert\":true}", null),
                Arguments.of(wp, "Prepend+Lowercase / Metaspace(always, split)",
                        "{\"type\":\"Sequence\",\"normalizers\":[{\"type\":\"Lowercase\"},{\"type\":\"Prepend\",\"prepend\":\"x\"}]}",
                        "{\"type\":\"Metaspace\",\"replacement\":\"▁\",\"prepend_scheme\":\"always\",\"split\":true}", null),
                Arguments.of(wp, "BertNormalizer(no lowercase) / Metaspace(first, no split)+WhitespaceSplit",
                        "{\"type\":\"BertNormalizer\",\"clean_text\":true,\"handle_chinese_chars\":false,"
                                + "\"strip_accents\":false,\"lowercase\":false}",
                        "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Metaspace\",\"replacement\":\"#\","
                                + "\"prepend_scheme\":\"first\",\"split\":false},{\"type\":\"WhitespaceSplit\"}]}", null),
                Arguments.of(bpe, "ByteLevel(add_prefix_space) + ByteLevel processor",
                        null, "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}",
                        "{\"type\":\"ByteLevel\",\"add_prefix_space\":true,\"trim_offsets\":true,\"use_regex\":true}"),
                Arguments.of(bpe, "Whitespace + ByteLevel(no regex) + TemplateProcessing",
                        null, "{\"type\":\"Sequence\",\"pretokenizers\":[{\"type\":\"Whitespace\"},"
                                + "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":false,\"use_regex\":false}]}",
                        "{\"type\":\"TemplateProcessing\",\"single\":[{\"SpecialToken\":{\"id\":\"<s>\",\"type_id\":0}},"
                                + "{\"Sequence\":{\"id\":\"A\",\"type_id\":1}},{\"SpecialToken\":{\"id\":\"</s>\",\"type_id\":1}}],"
                                + "\"pair\":[],\"special_tokens\":{\"<s>\":{\"id\":\"<s>\",\"ids\":[0],\"tokens\":[\"<s>\"]},"
                                + "\"</s>\":{\"id\":\"</s>\",\"ids\":[2],\"tokens\":[\"</s>\"]}}}"),
                Arguments.of(bpe, "added tokens: single_word, lstrip, rstrip, normalized or not (Lowercase)",
                        "{\"type\":\"Lowercase\"}",
                        "{\"type\":\"ByteLevel\",\"add_prefix_space\":false,\"trim_offsets\":true,\"use_regex\":true}",
                        null));
    }

    /** Extra added tokens for the added-token variant: every option, matched before or after Lowercase. */
    private static final String EXTRA_ADDED = "["
            + "{\"id\":50265,\"content\":\"world\",\"single_word\":true,\"lstrip\":false,\"rstrip\":false,"
            + "\"normalized\":false,\"special\":false},"
            + "{\"id\":50266,\"content\":\"'re\",\"single_word\":false,\"lstrip\":true,\"rstrip\":true,"
            + "\"normalized\":true,\"special\":false},"
            + "{\"id\":50267,\"content\":\"Hello\",\"single_word\":false,\"lstrip\":false,\"rstrip\":true,"
            + "\"normalized\":false,\"special\":true},"
            + "{\"id\":50268,\"content\":\"ing\",\"single_word\":true,\"lstrip\":false,\"rstrip\":false,"
            + "\"normalized\":true,\"special\":false},"
            + "{\"id\":50269,\"content\":\"sorry, but\",\"single_word\":false,\"lstrip\":true,\"rstrip\":false,"
            + "\"normalized\":true,\"special\":false}]";


    @ParameterizedTest(name = "{1}")
    @MethodSource("variants")
    void matchesOracle(String base, String name, String normalizer, String preTokenizer, String processor)
            throws IOException {
        Path data = TokenizerParityTest.sharedData();
        String baseJson = base.equals("bpe")
                ? java.nio.file.Files.readString(data.resolve("roberta-base/tokenizer.json"))
                : TokenizerParityTest.miniLmJson();
        ObjectNode json = (ObjectNode) MAPPER.readTree(baseJson);
        json.set("normalizer", normalizer == null ? null : MAPPER.readTree(normalizer));
        json.set("pre_tokenizer", MAPPER.readTree(preTokenizer));
        if (processor != null) json.set("post_processor", MAPPER.readTree(processor));
        if (name.startsWith("added tokens")) {
            MAPPER.readTree(EXTRA_ADDED).forEach(((com.fasterxml.jackson.databind.node.ArrayNode) json.get("added_tokens"))::add);
        }
        json.set("truncation", null);
        json.set("padding", null);
        String text = MAPPER.writeValueAsString(json);
        if (corpus == null) corpus = TokenizerParityTest.corpus(data);
        List<String> texts = new ArrayList<>(corpus.subList(0, 200));
        texts.addAll(HardCases.generate(name.hashCode(), 800, 2, corpus));
        Tokenizer ours = Tokenizer.fromJson(text, name);
        try (HuggingFaceTokenizer theirs = HuggingFaceTokenizer.newInstance(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                Map.of("truncation", "false", "padding", "false"))) {
            Oracle.Result r = Oracle.run(ours, texts, Oracle.oracle(theirs, texts, true, false), true);
            System.out.println("[parity] " + r.report(name));
            assertThat(r.mismatched()).as(r.report(name)).isZero();
        }
    }
}

package dev.rejection.eval;

import dev.rejection.io.TextRecord;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EvalSetTest {
    @Test
    void everyRecordBecomesAnExampleOrABadRow() {
        EvalSet set = EvalSet.from(Stream.of(
                new TextRecord(1, null, "sorry, no", Map.of("label", 1, "source", "s"), null),
                new TextRecord(2, null, "sure", Map.of("label", "NORMAL"), null),
                new TextRecord(3, null, "what", Map.of("label", "both"), null),
                new TextRecord(4, null, "huh", Map.of(), null),
                TextRecord.failed(5, null, "d.jsonl:5: malformed JSON")), "d.jsonl", "label");

        assertThat(set.examples()).containsExactly(
                new Example(1, "sorry, no", 1, "s"), new Example(2, "sure", 0, null));
        assertThat(set.errors()).extracting(BadRow::line).containsExactly(3L, 4L, 5L);
        assertThat(set.errors().get(0).message()).isEqualTo(
                "d.jsonl:3: field \"label\": label must be 0/1, true/false or NORMAL/REJECTION, got \"both\"");
        assertThat(set.errors().get(1).message()).isEqualTo("d.jsonl:4: field \"label\": missing label");
        assertThat(set.errors().get(2).message()).isEqualTo("d.jsonl:5: malformed JSON");
    }

    @Test
    void theGroupFieldIsCarriedAsText() {
        EvalSet set = EvalSet.from(Stream.of(
                new TextRecord(1, null, "a", Map.of("label", 1, "model", "claude-2.1"), null),
                new TextRecord(2, null, "b", Map.of("label", 0, "model", 7), null),
                new TextRecord(3, null, "c", Map.of("label", 0), null)), "d.jsonl", "label", "model");
        assertThat(set.examples()).extracting(Example::group).containsExactly("claude-2.1", "7", null);
    }

    @Test
    void aTextAndAnotherValueThatReadAlikeAreTwoGroups() {
        EvalSet set = EvalSet.from(Stream.of(
                new TextRecord(1, null, "a", Map.of("label", 1, "run", 1), null),
                new TextRecord(2, null, "b", Map.of("label", 0, "run", "1"), null),
                new TextRecord(3, null, "c", Map.of("label", 0, "run", java.util.List.of("x", "y")), null),
                new TextRecord(4, null, "d", Map.of("label", 0, "run", "[\"x\",\"y\"]"), null),
                new TextRecord(5, null, "e", Map.of("label", 0, "run", "claude"), null),
                new TextRecord(6, null, "f", Map.of("label", 0, "run", Evaluation.NO_SOURCE), null),
                new TextRecord(7, null, "g", Map.of("label", 0), null),
                new TextRecord(8, null, "h", Map.of("label", 0, "run", "\"1\""), null)), "d.jsonl", "label", "run");
        assertThat(set.examples()).extracting(Example::group).containsExactly(
                "1", "\"1\"", "[\"x\",\"y\"]", "\"[\\\"x\\\",\\\"y\\\"]\"", "claude", "\"(none)\"", null,
                "\"\\\"1\\\"\"");
        assertThat(set.examples().stream().map(Example::group).distinct().count()).isEqualTo(8);
    }

    @Test
    void labelsFromAJsonFileAreReadExactly() throws Exception {
        byte[] jsonl = String.join("\n",
                "{\"text\":\"a\",\"label\":1e-400}",
                "{\"text\":\"b\",\"label\":0.99999999999999999999}",
                "{\"text\":\"c\",\"label\":1.000}",
                "{\"text\":\"d\",\"label\":0E+5}",
                "{\"text\":\"e\",\"label\":0,\"year\":2020.0}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        EvalSet set;
        try (Stream<TextRecord> records = dev.rejection.io.TextRecords.read(new java.io.ByteArrayInputStream(jsonl),
                "d.jsonl", dev.rejection.io.InputFormat.JSONL, "text")) {
            set = EvalSet.from(records, "d.jsonl", "label", "year");
        }
        assertThat(set.examples()).extracting(Example::text, Example::label).containsExactly(
                org.assertj.core.groups.Tuple.tuple("c", 1), org.assertj.core.groups.Tuple.tuple("d", 0),
                org.assertj.core.groups.Tuple.tuple("e", 0));
        assertThat(set.examples().get(2).group()).isEqualTo("2020.0"); // as written, not 2.02E+3
        assertThat(set.errors()).extracting(BadRow::message).containsExactly(
                "d.jsonl:1: field \"label\": label must be 0 or 1, got 1E-400",
                "d.jsonl:2: field \"label\": label must be 0 or 1, got 0.99999999999999999999");
    }
}

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
}

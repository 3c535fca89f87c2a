package dev.rejection.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.Verdict;
import java.io.IOException;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VerdictWriterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final TextRecord REFUSAL = new TextRecord(1, "a", "Sorry,\n I can't   help.", Map.of(), null);
    private static final TextRecord ANSWER = TextRecord.of(2, "Paris.");
    private static final TextRecord BAD = TextRecord.failed(3, "c", "in:3: missing field \"text\"");

    private static Verdict verdict(double rejection) {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("NORMAL", 1 - rejection);
        scores.put("REJECTION", rejection);
        return new Verdict(rejection > 0.5 ? "REJECTION" : "NORMAL", rejection, rejection > 0.5, scores, 7, false);
    }

    private static String write(OutputFormat format) throws IOException {
        StringWriter out = new StringWriter();
        try (VerdictWriter writer = VerdictWriter.of(format, out)) {
            writer.verdict(REFUSAL, verdict(0.75));
            writer.verdict(ANSWER, verdict(0.25));
            writer.error(BAD);
        }
        return out.toString();
    }

    @Test
    void jsonlIsOneObjectPerRecordInOrder() throws IOException {
        String[] lines = write(OutputFormat.JSONL).split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[3]).isEmpty();
        assertThat(lines[0]).isEqualTo("{\"line\":1,\"id\":\"a\",\"label\":\"REJECTION\",\"score\":0.75,"
                + "\"rejection\":true,\"tokens\":7,\"truncated\":false,\"scores\":{\"NORMAL\":0.25,\"REJECTION\":0.75}}");
        assertThat(JSON.readTree(lines[1]).has("id")).as("no id field when the input has none").isFalse();
        assertThat(JSON.readTree(lines[1]).get("rejection").asBoolean()).isFalse();
        assertThat(lines[2]).isEqualTo("{\"line\":3,\"id\":\"c\",\"error\":\"in:3: missing field \\\"text\\\"\"}");
    }

    @Test
    void jsonIsOneArrayOfTheSameObjects() throws IOException {
        JsonNode array = JSON.readTree(write(OutputFormat.JSON));
        String[] lines = write(OutputFormat.JSONL).split("\n");
        assertThat(array.isArray()).isTrue();
        assertThat(array).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(array.get(i)).isEqualTo(JSON.readTree(lines[i]));
        }
    }

    @Test
    void jsonOfNothingIsAnEmptyArray() throws IOException {
        StringWriter out = new StringWriter();
        VerdictWriter.of(OutputFormat.JSON, out).close();
        assertThat(JSON.readTree(out.toString())).isEmpty();
    }

    @Test
    void textIsOneAlignedLinePerRecord() throws IOException {
        assertThat(write(OutputFormat.TEXT).lines()).containsExactly(
                "REJECTION  0.7500  [a] Sorry, I can't help.",
                "NORMAL     0.2500  Paris.",
                "ERROR      -       in:3: missing field \"text\"");
    }

    @Test
    void textCutsLongTextsWithoutSplittingASurrogatePair() throws IOException {
        StringWriter out = new StringWriter();
        try (VerdictWriter writer = VerdictWriter.of(OutputFormat.TEXT, out)) {
            writer.verdict(TextRecord.of(1, "x".repeat(98) + "😀" + "y".repeat(50)), verdict(0.1));
        }
        String text = out.toString().strip().substring("NORMAL     0.1000  ".length());
        assertThat(text).isEqualTo("x".repeat(98) + "…");
    }
}

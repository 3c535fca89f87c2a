package dev.rejection.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextRecordsTest {
    @TempDir
    Path dir;

    private static List<TextRecord> read(String content, InputFormat format) throws IOException {
        return read(content.getBytes(StandardCharsets.UTF_8), format, "text");
    }

    private static List<TextRecord> read(byte[] content, InputFormat format, String textField) throws IOException {
        try (Stream<TextRecord> records = TextRecords.read(new ByteArrayInputStream(content), "in", format, textField)) {
            return records.toList();
        }
    }

    @Test
    void jsonlKeepsIdAndOtherFieldsInOrder() throws IOException {
        List<TextRecord> records = read("""
                {"id": "a", "text": "Sorry, I can't.", "label": 1, "source": "x"}
                {"id": 7, "text": "Sure!", "meta": {"k": [1, 2]}}
                """, InputFormat.JSONL);
        assertThat(records).hasSize(2);
        assertThat(records.get(0)).isEqualTo(new TextRecord(1, "a", "Sorry, I can't.",
                Map.of("id", "a", "label", 1, "source", "x"), null));
        assertThat(records.get(1).id()).isEqualTo("7");
        assertThat(records.get(1).line()).isEqualTo(2);
        assertThat(records.get(1).fields()).containsEntry("meta", Map.of("k", List.of(1, 2)));
        assertThat(records.get(0).fields().keySet()).containsExactly("id", "label", "source");
    }

    @Test
    void jsonlBadLinesBecomeErrorRecordsNamingSourceLineAndField() throws IOException {
        List<TextRecord> records = read("""
                {"text": "one"}
                {"text": "two"
                {"id": "x", "body": "three"}
                {"id": "y", "text": 4}
                {"text": null}

                [1, 2]
                {"text": "a"} trailing
                {"text": "a", "text": "b"}
                {"text": "last"}
                {"text": "a"} {"text": "b"}
                """, InputFormat.JSONL);
        assertThat(records).extracting(TextRecord::line)
                .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L);
        assertThat(records).extracting(TextRecord::text)
                .containsExactly("one", null, null, null, null, null, null, null, null, "last", null);
        assertThat(records.get(1).error()).startsWith("in:2: malformed JSON at column");
        assertThat(records.get(2).error()).isEqualTo("in:3: missing field \"text\"");
        assertThat(records.get(2).id()).isEqualTo("x");
        assertThat(records.get(3).error()).isEqualTo("in:4: field \"text\" is number, expected a string");
        assertThat(records.get(4).error()).isEqualTo("in:5: field \"text\" is null, expected a string");
        assertThat(records.get(5).error()).isEqualTo("in:6: blank line, expected a JSON object");
        assertThat(records.get(6).error()).isEqualTo("in:7: expected a JSON object, got array");
        assertThat(records.get(7).error()).startsWith("in:8: malformed JSON");
        assertThat(records.get(8).error()).startsWith("in:9: malformed JSON").contains("Duplicate field 'text'");
        assertThat(records.get(10).error())
                .isEqualTo("in:11: malformed JSON at column 15: more after the JSON object (one object per line)");
    }

    @Test
    void jsonlTextFieldIsConfigurable() throws IOException {
        List<TextRecord> records = read("{\"answer\": \"hi\", \"text\": \"no\"}\n".getBytes(StandardCharsets.UTF_8),
                InputFormat.JSONL, "answer");
        assertThat(records.get(0).text()).isEqualTo("hi");
        assertThat(records.get(0).fields()).containsEntry("text", "no");
    }

    @Test
    void csvFollowsRfc4180QuotingAcrossLines() throws IOException {
        List<TextRecord> records = read("id,text,label\r\n"
                + "1,plain,0\r\n"
                + "2,\"comma, \"\"quotes\"\"\r\nand a line break\",1\r\n"
                + "3,,0\r\n"
                + "4,last,1", InputFormat.CSV);
        assertThat(records).extracting(TextRecord::text)
                .containsExactly("plain", "comma, \"quotes\"\r\nand a line break", "", "last");
        assertThat(records).extracting(TextRecord::line).containsExactly(2L, 3L, 5L, 6L);
        assertThat(records).extracting(TextRecord::id).containsExactly("1", "2", "3", "4");
        assertThat(records.get(1).fields()).isEqualTo(Map.of("id", "2", "label", "1"));
    }

    @Test
    void csvRowsOfTheWrongWidthAreErrorRecords() throws IOException {
        List<TextRecord> records = read("id,text\n1,a\n\n2,b,extra\n3\n4,d\n", InputFormat.CSV);
        assertThat(records).extracting(TextRecord::line).containsExactly(2L, 3L, 4L, 5L, 6L);
        assertThat(records.get(0).text()).isEqualTo("a");
        assertThat(records.get(1).error()).isEqualTo("in:3: blank line, expected 2 columns (text column \"text\")");
        assertThat(records.get(2).error()).isEqualTo("in:4: 3 values, but the header has 2 columns (text column \"text\")");
        assertThat(records.get(3).error()).startsWith("in:5: 1 values");
        assertThat(records.get(4).text()).isEqualTo("d");
    }

    @Test
    void csvOpenQuoteIsReportedAtTheRowWhereItStarts() throws IOException {
        List<TextRecord> records = read("text\nok\n\"never closed\nmore\n", InputFormat.CSV);
        assertThat(records).hasSize(2);
        assertThat(records.get(1).line()).isEqualTo(3);
        assertThat(records.get(1).error()).startsWith("in:3: malformed CSV: Missing closing quote");
    }

    @Test
    void csvHeaderWithoutTheTextColumnFailsBeforeAnyRecord() {
        assertThatThrownBy(() -> read("id,body\n1,x\n", InputFormat.CSV))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in:1: CSV header has no column \"text\" (columns: id, body)");
        assertThatThrownBy(() -> read("", InputFormat.CSV)).hasMessageContaining("empty file");
    }

    @Test
    void byteOrderMarkAtTheStartIsSkippedInEveryFormat() throws IOException {
        String bom = "\uFEFF";
        assertThat(read(bom + "text\nhi\n", InputFormat.CSV).get(0).text()).isEqualTo("hi");
        assertThat(read(bom + "{\"text\":\"hi\"}\n", InputFormat.JSONL).get(0).text()).isEqualTo("hi");
        assertThat(read(bom + "hi\n", InputFormat.TXT).get(0).text()).isEqualTo("hi");
    }

    @Test
    void utf16InputIsRefusedWithWhatToDoNotReadAsGarbage() {
        for (java.nio.charset.Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            // as PowerShell's Out-File writes: the byte-order mark, then two bytes per character
            byte[] file = ("\uFEFF" + "I can't help.\nSure.\n").getBytes(utf16);
            for (InputFormat format : InputFormat.values()) {
                assertThatThrownBy(() -> read(file, format, "text"))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith("in is UTF-16 (it starts with UTF-16's byte-order mark")
                        .hasMessageContaining("convert it to UTF-8");
            }
        }
        assertThatThrownBy(() -> TextRecords.readSniffed(new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xFE,
                'h', 0}), "<stdin>", "text")).hasMessageStartingWith("<stdin> is UTF-16");
    }

    @Test
    void txtIsOneTextPerLineWithCrlfAndBlankLinesKept() throws IOException {
        List<TextRecord> records = read("first\r\n\r\nthird\nfourth", InputFormat.TXT);
        assertThat(records).extracting(TextRecord::text).containsExactly("first", "", "third", "fourth");
        assertThat(records).extracting(TextRecord::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(records.get(0).id()).isNull();
    }

    @Test
    void crlfJsonlKeepsLineNumbers() throws IOException {
        List<TextRecord> records = read("{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n", InputFormat.JSONL);
        assertThat(records).extracting(TextRecord::text).containsExactly("a", "b");
    }

    @Test
    void linesOverTheLimitBecomeErrorRecordsAndReadingGoesOn() throws IOException {
        int limit = 1_048_576; // the documented limit, 2^20 characters
        String atLimit = "x".repeat(limit);
        List<TextRecord> txt = read(atLimit + "\r\n" + atLimit + "y\nafter", InputFormat.TXT);
        assertThat(txt.get(0).text()).isEqualTo(atLimit);
        assertThat(txt.get(1).error())
                .isEqualTo("in:2: record of 1,048,577 characters is longer than the limit of 1,048,576 characters; skipped");
        assertThat(txt.get(2).text()).isEqualTo("after");
        assertThat(txt.get(2).line()).isEqualTo(3);

        String huge = "x".repeat(25_000_000); // 9 + 25,000,000 + 2 characters with {"text":" and "}
        List<TextRecord> jsonl = read("{\"text\":\"" + huge + "\"}\n{\"text\":\"after\"}\n", InputFormat.JSONL);
        assertThat(jsonl.get(0).error()).startsWith("in:1: record of 25,000,011 characters is longer than the limit");
        assertThat(jsonl.get(1).text()).isEqualTo("after");

        // a quoted CSV field over the limit, spread over lines: one error at the line where the row starts
        String lines = ("y".repeat(1000) + "\n").repeat(1100);
        List<TextRecord> csv = read("id,text\n1,a\n2,\"" + lines + "\"\n3,after\n", InputFormat.CSV);
        assertThat(csv).extracting(TextRecord::line).containsExactly(2L, 3L, 1104L);
        assertThat(csv.get(1).error()).startsWith("in:3: record of 1,101,1");
        assertThat(csv.get(2).text()).isEqualTo("after");
    }

    @Test
    void aHugeLineIsSkippedWithoutBeingHeld() throws IOException {
        byte[] content = ("{\"text\":\"" + "x".repeat(50_000_000) + "\"}\n{\"text\":\"after\"}\n")
                .getBytes(StandardCharsets.UTF_8);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        List<TextRecord> records = read(content, InputFormat.JSONL, "text");
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertThat(records).extracting(TextRecord::failed).containsExactly(true, false);
        // holding the line would take 100 MB (50M UTF-16 chars), and a StringBuilder growing to it twice that;
        // skipping it keeps what the limit allows (2 MB of chars, 4 MB with the builder's growth) and buffers
        assertThat(allocated).as("bytes allocated reading a 50 MB line").isLessThan(16L << 20);
    }

    @Test
    void aLoneCarriageReturnIsPartOfItsLine() throws IOException {
        List<TextRecord> jsonl = read("{\"text\":\"a\"}\n{\"text\":\"b\",\r\"id\":\"2\"}\n{\"text\":\"c\r\"}\r\n"
                + "{\"text\":\"d\"}\n", InputFormat.JSONL);
        assertThat(jsonl).extracting(TextRecord::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(jsonl).extracting(TextRecord::text).containsExactly("a", "b", null, "d");
        assertThat(jsonl.get(1).id()).isEqualTo("2"); // the \r between two fields is JSON whitespace
        assertThat(jsonl.get(2).error()).startsWith("in:3: malformed JSON"); // a raw control character in a string
        assertThat(read("one\rstill one\r\ntwo", InputFormat.TXT)).extracting(TextRecord::text)
                .containsExactly("one\rstill one", "two");
    }

    @Test
    void csvResynchronisesAfterABadRow() throws IOException {
        List<TextRecord> records = read("id,text\n1,a\n2,\"abc\"def\n3,\"multi\nline\"\n4,x\"y\n5,\"e\"\"\"\n",
                InputFormat.CSV);
        assertThat(records).extracting(TextRecord::line).containsExactly(2L, 3L, 4L, 6L, 7L);
        assertThat(records).extracting(TextRecord::text).containsExactly("a", null, "multi\nline", "x\"y", "e\"");
        assertThat(records.get(1).error()).startsWith("in:3: malformed CSV: ");
    }

    private static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    @Test
    void bytesThatAreNotUtf8MakeAnErrorRecordAtTheirLineAndColumn() throws IOException {
        // a lone lead byte; then a line that follows it is read as it is
        List<TextRecord> txt = read(bytes("a", 0xC3, "\nb\n"), InputFormat.TXT, "text");
        assertThat(txt).extracting(TextRecord::text).containsExactly(null, "b");
        assertThat(txt.get(0).error()).isEqualTo("in:1: bytes that are not UTF-8 at column 2");

        List<TextRecord> jsonl = read(bytes("{\"text\":\"ok\"}\n{\"text\":\"I cannot ", 0xFF, 0xFE, " help.\"}\n"),
                InputFormat.JSONL, "text");
        assertThat(jsonl).extracting(TextRecord::text).containsExactly("ok", null);
        assertThat(jsonl.get(1).error()).isEqualTo("in:2: bytes that are not UTF-8 at column 19");
    }

    @Test
    void anEncodedSurrogateIsNotUtf8() throws IOException {
        // ED BF BF would be U+DFFF: UTF-8 forbids encoding surrogates, so this is bad input, not a character
        List<TextRecord> records = read(bytes("x", 0xED, 0xBF, 0xBF, "\n"), InputFormat.TXT, "text");
        assertThat(records.get(0).error()).isEqualTo("in:1: bytes that are not UTF-8 at column 2");
    }

    @Test
    void wellFormedUtf8IsReadAsItIsEvenWhereItLooksLikeAReplacement() throws IOException {
        // U+FFFD written by the file itself, and U+10FFFF, whose UTF-16 low half is U+DFFF
        List<TextRecord> records = read(bytes("a", 0xEF, 0xBF, 0xBD, "\n", 0xF4, 0x8F, 0xBF, 0xBF, "b\n"),
                InputFormat.TXT, "text");
        assertThat(records).extracting(TextRecord::text).containsExactly("a\uFFFD", "\uDBFF\uDFFFb");
    }

    @Test
    void csvNamesTheLineInsideAMultiLineRecordAndRejectsABadHeader() throws IOException {
        List<TextRecord> records = read(bytes("id,text\n1,\"ok\nbad", 0x80, "\"\n2,fine\n"), InputFormat.CSV, "text");
        assertThat(records).extracting(TextRecord::line).containsExactly(2L, 4L);
        assertThat(records.get(0).error()).isEqualTo("in:3: bytes that are not UTF-8 at column 4");
        assertThat(records.get(1).text()).isEqualTo("fine");

        assertThatThrownBy(() -> read(bytes("id,te", 0xC0, "xt\n1,a\n"), InputFormat.CSV, "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("in:1: bytes that are not UTF-8 at column 6 in the CSV header");
    }

    @Test
    void streamsWithoutReadingAheadOfTheConsumer() throws IOException {
        // an endless input: only as much as is consumed may be read
        java.io.InputStream endless = new java.io.InputStream() {
            private final byte[] line = "{\"text\":\"again\"}\n".getBytes(StandardCharsets.UTF_8);
            private long pos;

            @Override
            public int read() {
                return line[(int) (pos++ % line.length)];
            }
        };
        try (Stream<TextRecord> records = TextRecords.read(endless, "endless", InputFormat.JSONL, "text")) {
            assertThat(records.limit(1000)).hasSize(1000).allMatch(r -> "again".equals(r.text()));
        }
    }

    @Test
    void emptyLinesAtTheEndAreNotRecordsButEmptyLinesBeforeALineAreInEveryFormat() throws IOException {
        // an editor's or a writer's extra newlines: no line follows them for the output to keep in step with
        List<TextRecord> jsonl = read("{\"text\": \"a\"}\n\n\n{\"text\": \"b\"}\n\n\r\n\n", InputFormat.JSONL);
        assertThat(jsonl).extracting(TextRecord::line).containsExactly(1L, 2L, 3L, 4L);
        assertThat(jsonl).extracting(TextRecord::text).containsExactly("a", null, null, "b");
        assertThat(jsonl.get(1).error()).isEqualTo("in:2: blank line, expected a JSON object");
        assertThat(jsonl.get(2).error()).isEqualTo("in:3: blank line, expected a JSON object");

        List<TextRecord> txt = read("a\n\nb\n\n\n", InputFormat.TXT);
        assertThat(txt).extracting(TextRecord::text).containsExactly("a", "", "b");
        // a line of spaces is a line of its own, whatever follows it
        assertThat(read("a\n  \n", InputFormat.TXT)).extracting(TextRecord::text).containsExactly("a", "  ");
        assertThat(read("\n\n", InputFormat.JSONL)).isEmpty();

        List<TextRecord> csv = read("id,text\n1,a\n\n\r\n2,b\n\n\n", InputFormat.CSV);
        assertThat(csv).extracting(TextRecord::line).containsExactly(2L, 3L, 4L, 5L);
        assertThat(csv).extracting(TextRecord::text).containsExactly("a", null, null, "b");
        assertThat(csv.get(1).error()).isEqualTo("in:3: blank line, expected 2 columns (text column \"text\")");
        assertThat(csv.get(2).error()).isEqualTo("in:4: blank line, expected 2 columns (text column \"text\")");
        assertThat(read("text\nx\n\n", InputFormat.CSV)).extracting(TextRecord::text).containsExactly("x");
    }

    @Test
    void sniffsJsonlOrTextFromTheFirstCharacter() throws IOException {
        try (Stream<TextRecord> s = TextRecords.readSniffed(new ByteArrayInputStream(
                "\n  {\"text\":\"j\"}".getBytes(StandardCharsets.UTF_8)), "<stdin>", "text")) {
            assertThat(s.toList()).extracting(TextRecord::error).first().asString().contains("blank line");
        }
        try (Stream<TextRecord> s = TextRecords.readSniffed(new ByteArrayInputStream(
                "plain {text}".getBytes(StandardCharsets.UTF_8)), "<stdin>", "text")) {
            assertThat(s.toList()).extracting(TextRecord::text).containsExactly("plain {text}");
        }
    }

    @Test
    void filesAreReadByExtension() throws IOException {
        Path csv = Files.writeString(dir.resolve("a.CSV"), "text\nhello\n");
        try (Stream<TextRecord> s = TextRecords.read(csv, "text")) {
            assertThat(s.toList()).extracting(TextRecord::text).containsExactly("hello");
        }
        Path unknown = Files.writeString(dir.resolve("a.dat"), "x");
        assertThatThrownBy(() -> TextRecords.read(unknown, "text"))
                .hasMessageEndingWith("a.dat: unknown input format; name the file .jsonl, .csv or .txt");
    }

    @Test
    void aNonStringFieldIsNamedByItsKindNotQuotedWhole() {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("object", Map.of("a", "x".repeat(1_000_000)));
        fields.put("array", java.util.List.of("x".repeat(1_000_000)));
        fields.put("number", new java.math.BigDecimal("1" + "0".repeat(500)));
        fields.put("flag", true);
        TextRecord record = new TextRecord(3, null, "t", fields, null);
        assertThatThrownBy(() -> record.stringField("object")).hasMessage("field \"object\" must be a string, got an object");
        assertThatThrownBy(() -> record.stringField("array")).hasMessage("field \"array\" must be a string, got an array");
        assertThatThrownBy(() -> record.stringField("flag")).hasMessage("field \"flag\" must be a string, got true");
        assertThatThrownBy(() -> record.stringField("number"))
                .hasMessage("field \"number\" must be a string, got " + "1" + "0".repeat(Excerpt.MAX_CHARS - 1)
                        + "... (501 characters)");
    }

    @Test
    void aRecordHasATextOrAnErrorNeverBoth() {
        assertThatThrownBy(() -> new TextRecord(1, null, "t", Map.of(), "e")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TextRecord(1, null, null, Map.of(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedJsonIsNamedWithoutJacksonsAdviceToProgrammers() throws Exception {
        String lines = "{\"text\": NaN}\n{\"text\": \"a\", \"n\": " + "9".repeat(2000) + "}\n"
                + "[".repeat(1200) + "\n{\"text\": 'single'}\n{\"text\": \"a\", \"n\": 1e99999999999}\n";
        java.util.List<TextRecord> records;
        try (java.util.stream.Stream<TextRecord> read = TextRecords.read(new java.io.ByteArrayInputStream(
                lines.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "x.jsonl", InputFormat.JSONL, "text")) {
            records = read.toList();
        }
        assertThat(records).hasSize(5).allSatisfy(r -> assertThat(r.error())
                .startsWith("x.jsonl:" + r.line() + ": malformed JSON")
                .doesNotContain("`", "Source:", "StreamReadConstraints", "JsonReadFeature", "enable", "()"));
    }
}

package dev.rejection.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Fuzzes the record readers: random bytes never make them throw and give records in line order, each a text or an
 * error; random lines give exactly one record per line; random CSV rows, one of them broken, all come back, the
 * broken one as an error at its line. The expected values come from how the lines were made, not from the readers.
 */
class TextRecordsFuzzTest {

    private static List<TextRecord> read(byte[] content, InputFormat format) throws IOException {
        try (Stream<TextRecord> records = TextRecords.read(new ByteArrayInputStream(content), "in", format, "text")) {
            return records.toList();
        }
    }

    @Provide
    Arbitrary<byte[]> inputs() {
        Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        // bytes biased towards the characters that structure the formats
        Arbitrary<byte[]> structured = Arbitraries.strings().withChars("{}[]\",:\\ \r\ntex\u00e9\uFEFF")
                .ofMaxLength(600).map(s -> ("text\n" + s).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(random, structured);
    }

    @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
    void anyBytesGiveRecordsInLineOrderAndNeverThrow(@ForAll("inputs") byte[] content) throws IOException {
        for (InputFormat format : InputFormat.values()) {
            List<TextRecord> records;
            try {
                records = read(content, format);
            } catch (IllegalArgumentException e) {
                boolean utf16 = content.length >= 2 && (content[0] == (byte) 0xFF && content[1] == (byte) 0xFE
                        || content[0] == (byte) 0xFE && content[1] == (byte) 0xFF);
                if (utf16) { // refused whole, in every format
                    assertThat(e.getMessage()).startsWith("in is UTF-16");
                    continue;
                }
                assertThat(format).as(e.getMessage()).isEqualTo(InputFormat.CSV); // a header problem, named
                assertThat(e.getMessage()).startsWith("in:");
                continue;
            }
            long last = 0;
            for (TextRecord r : records) {
                assertThat(r.line()).isGreaterThan(last);
                assertThat(r.failed()).isEqualTo(r.text() == null);
                last = r.line();
            }
            if (format != InputFormat.CSV) { // one record per line (the line ends, and an unended last line), but
                // for the empty lines that end the input
                String text = new String(content, StandardCharsets.UTF_8);
                text = text.startsWith("\uFEFF") ? text.substring(1) : text;
                String[] parts = text.split("\n", -1); // the last part: what follows the last line end
                int lines = parts.length - 1 + (parts[parts.length - 1].isEmpty() ? 0 : 1);
                while (lines > 0 && lines <= parts.length - 1
                        && (parts[lines - 1].isEmpty() || parts[lines - 1].equals("\r"))) {
                    lines--; // an ended line with nothing in it (\r\n ends a line too)
                }
                assertThat(records).hasSize(lines);
            }
        }
    }

    @Provide
    Arbitrary<List<String>> lines() {
        return Arbitraries.strings().all().excludeChars('\n').ofMaxLength(40).list().ofMaxSize(30);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void everyLineGivesOneRecordAtItsNumber(@ForAll("lines") List<String> lines) throws IOException {
        byte[] content = lines.stream().map(l -> l + "\n").collect(java.util.stream.Collectors.joining())
                .getBytes(StandardCharsets.UTF_8);
        boolean bom = !lines.isEmpty() && lines.get(0).startsWith("\uFEFF");
        int kept = lines.size(); // the empty lines that end the input are not records
        while (kept > 0 && emptyLine(lines.get(kept - 1), kept == 1 && bom)) {
            kept--;
        }
        for (InputFormat format : List.of(InputFormat.JSONL, InputFormat.TXT)) {
            List<TextRecord> records = read(content, format);
            assertThat(records).hasSize(kept);
            for (int i = 0; i < kept; i++) {
                assertThat(records.get(i).line()).isEqualTo(i + 1);
                if (format == InputFormat.TXT && !(i == 0 && bom)) {
                    String line = new String(lines.get(i).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
                    String expected = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line; // \r\n
                    assertThat(records.get(i).text()).isEqualTo(expected);
                }
            }
        }
    }

    /** Whether the line (ended by \n, so a last \r is part of a \r\n) reads as an empty line. */
    private static boolean emptyLine(String line, boolean afterByteOrderMark) {
        String text = afterByteOrderMark ? line.substring(1) : line;
        text = new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        return text.isEmpty() || text.equals("\r");
    }

    @Provide
    Arbitrary<List<String>> values() {
        return Arbitraries.strings().withChars("ab \",\r\n'\u00e9").ofMaxLength(12).list().ofMinSize(1).ofMaxSize(25);
    }

    @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
    void csvRowsAllComeBackAndABrokenOneIsAnErrorAtItsLine(@ForAll("values") List<String> values,
                                                           @ForAll @IntRange(min = 0, max = 24) int brokenAt,
                                                           @ForAll @Size(max = 3) List<@IntRange(min = 0, max = 2) Integer> breakKind)
            throws IOException {
        int broken = brokenAt % values.size();
        String[] breaks = {"\"abc\"def", "\"x\"\"y\"z", "\"\"\"q\"\"\" r"}; // text after a closing quote
        String how = breaks[breakKind.isEmpty() ? 0 : breakKind.get(0)];
        StringBuilder csv = new StringBuilder("id,text\r\n");
        List<Long> startLines = new ArrayList<>();
        long line = 2;
        for (int i = 0; i < values.size(); i++) {
            startLines.add(line);
            String field = i == broken ? how : "\"" + values.get(i).replace("\"", "\"\"") + "\"";
            csv.append(i).append(',').append(field).append("\r\n");
            line += 1 + (i == broken ? 0 : values.get(i).chars().filter(c -> c == '\n').count());
        }
        List<TextRecord> records = read(csv.toString().getBytes(StandardCharsets.UTF_8), InputFormat.CSV);
        assertThat(records).hasSize(values.size());
        for (int i = 0; i < values.size(); i++) {
            TextRecord r = records.get(i);
            assertThat(r.line()).isEqualTo(startLines.get(i));
            if (i == broken) {
                assertThat(r.error()).startsWith("in:" + startLines.get(i) + ": malformed CSV");
            } else {
                assertThat(r.text()).isEqualTo(values.get(i));
                assertThat(r.id()).isEqualTo(String.valueOf(i));
            }
        }
    }
}

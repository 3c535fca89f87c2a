package dev.rejection.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Reads RFC 4180 CSV with a header row (quoted fields may hold commas, doubled quotes and line breaks), one row at a
 * time. Line numbers are those of the line where a row starts, counting the header as line 1.
 *
 * <p>Each row is first cut from the input by {@link CsvFraming} (a line break outside quotes ends it) and then
 * parsed on its own by Jackson, so that a malformed row — a stray quote, {@code 2,"abc"def} — becomes an error
 * record at its line and every later row is still read. A row whose width differs from the header's is an error
 * record too; a quote left open swallows the rest of the file, so that row is the last one reported.
 */
final class CsvReader implements Iterator<TextRecord> {
    private static final CsvFactory CSV = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(TextRecords.MAX_RECORD_CHARS).build())
            .build();

    private final CsvFraming rows;
    private final String source;
    private final String textField;
    private final List<String> header;
    private final int textColumn;
    private final int idColumn;
    private TextRecord next;
    private boolean done;

    /** Reads the header; fails when it is missing, repeats a name, or lacks the text column. */
    CsvReader(LineReader in, String source, String textField) throws IOException {
        this.rows = new CsvFraming(in);
        this.source = source;
        this.textField = textField;
        CsvFraming.Row first = rows.next();
        if (first == null) {
            throw new IllegalArgumentException(source + ": empty file, expected a CSV header row");
        }
        if (first.oversized()) {
            throw new IllegalArgumentException(TextRecords.tooLong(source, 1, first.length()));
        }
        String notUtf8 = TextRecords.notUtf8(source, 1, first.text());
        if (notUtf8 != null) {
            throw new IllegalArgumentException(notUtf8 + " in the CSV header");
        }
        List<String> names;
        try {
            names = parse(first.text());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(source + ":1: unreadable CSV header: " + e.getOriginalMessage(), e);
        }
        if (new HashSet<>(names).size() != names.size()) {
            throw new IllegalArgumentException(source + ":1: CSV header repeats a column name: " + names);
        }
        this.header = List.copyOf(names);
        this.textColumn = header.indexOf(textField);
        this.idColumn = header.indexOf("id");
        if (textColumn < 0) {
            throw new IllegalArgumentException(source + ":1: CSV header has no column \"" + textField + "\" (columns: "
                    + String.join(", ", header) + ")");
        }
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            next = readRecord();
            done |= next == null;
        }
        return next != null;
    }

    @Override
    public TextRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        TextRecord record = next;
        next = null;
        return record;
    }

    private TextRecord readRecord() {
        CsvFraming.Row row;
        try {
            row = rows.next();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed after line " + rows.lines(), e);
        }
        if (row == null) {
            return null;
        }
        long line = row.line();
        if (row.oversized()) {
            return TextRecord.failed(line, null, TextRecords.tooLong(source, line, row.length()));
        }
        String notUtf8 = TextRecords.notUtf8(source, line, row.text());
        if (notUtf8 != null) {
            return TextRecord.failed(line, null, notUtf8);
        }
        String where = source + ":" + line + ": ";
        List<String> values;
        try {
            values = parse(row.text());
        } catch (JsonProcessingException e) {
            return TextRecord.failed(line, null, where + "malformed CSV: " + e.getOriginalMessage());
        }
        String id = idColumn >= 0 && idColumn < values.size() && !values.get(idColumn).isEmpty()
                ? values.get(idColumn) : null;
        if (values.size() != header.size()) {
            String problem = values.size() == 1 && values.get(0).isEmpty()
                    ? "blank line, expected " + header.size() + " columns"
                    : values.size() + " values, but the header has " + header.size() + " columns";
            return TextRecord.failed(line, id, where + problem + " (text column \"" + textField + "\")");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            if (i != textColumn) {
                fields.put(header.get(i), values.get(i));
            }
        }
        return new TextRecord(line, id, values.get(textColumn), fields, null);
    }

    /** The values of one row's text; a row that Jackson reads as anything but exactly one row is malformed. */
    private static List<String> parse(String row) throws JsonProcessingException {
        List<String> values = new ArrayList<>();
        try (CsvParser parser = (CsvParser) CSV.createParser(row)) {
            JsonToken token = parser.nextToken();
            if (token == null) { // an empty last line without a terminator
                values.add("");
                return values;
            }
            while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
                values.add(parser.getText());
            }
            if (parser.nextToken() != null) {
                throw new JsonProcessingException("a line break outside quotes (a lone \\r?) splits the row") {
                };
            }
            return values;
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // reading a String does no I/O
        }
    }
}

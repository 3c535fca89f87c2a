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
    /** Empty rows read ahead, lines {@code emptyFrom} on, before {@link #ahead}: records only because a row follows. */
    private long emptyAhead;
    private long emptyFrom;
    private CsvFraming.Row ahead;

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

    /**
     * The next row's record, or null at the end; empty rows that end the input (an editor's or a writer's extra
     * newline) are not records, as in {@link LineRecords}.
     */
    private TextRecord readRecord() {
        if (emptyAhead > 0) {
            emptyAhead--;
            return empty(emptyFrom++);
        }
        CsvFraming.Row row = ahead != null ? ahead : nextRow();
        ahead = null;
        if (row != null && empty(row)) {
            long first = row.line();
            long count = 0;
            while (row != null && empty(row)) { // counted, not held: a run may be long
                count++;
                row = nextRow();
            }
            if (row == null) {
                return null; // the input ends with them
            }
            ahead = row;
            emptyAhead = count - 1;
            emptyFrom = first + 1;
            return empty(first);
        }
        return row == null ? null : record(row);
    }

    private CsvFraming.Row nextRow() {
        try {
            return rows.next();
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed after line " + rows.lines(), e);
        }
    }

    /** A row of one empty line (its text keeps the line end). */
    private static boolean empty(CsvFraming.Row row) {
        return !row.oversized() && (row.text().equals("\n") || row.text().equals("\r\n"));
    }

    /** The record of an empty row before a row: an error, as the header asks for its columns. */
    private TextRecord empty(long line) {
        return TextRecord.failed(line, null, source + ":" + line + ": blank line, expected " + header.size()
                + " columns (text column \"" + textField + "\")");
    }

    private TextRecord record(CsvFraming.Row row) {
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

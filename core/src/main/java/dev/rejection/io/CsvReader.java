package dev.rejection.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
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
 * <p>A row whose width differs from the header's becomes an error record; a quote left open at the end of the file
 * swallows the rest of it, so that row is reported and reading stops there.
 */
final class CsvReader implements Iterator<TextRecord> {
    private static final CsvFactory CSV = CsvFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build();

    private final CsvParser parser;
    private final String source;
    private final String textField;
    private final List<String> header;
    private final int textColumn;
    private final int idColumn;
    private TextRecord next;
    private boolean done;

    /** Reads the header; fails when it is missing, repeats a name, or lacks the text column. */
    CsvReader(Reader in, String source, String textField) throws IOException {
        this.parser = (CsvParser) CSV.createParser(in);
        this.source = source;
        this.textField = textField;
        List<String> names = new ArrayList<>();
        try {
            if (!readRow(names)) {
                throw new IllegalArgumentException(source + ": empty file, expected a CSV header row");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(source + ":1: unreadable CSV header: " + e.getMessage(), e);
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
        List<String> values = new ArrayList<>(header.size());
        long line = parser.currentLocation().getLineNr();
        try {
            if (!readRow(values)) {
                return null;
            }
        } catch (JsonProcessingException e) {
            done = true; // the parser cannot resynchronise: an open quote ran to the end of the file
            return TextRecord.failed(line, null, source + ":" + line + ": malformed CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": read failed at line " + line, e);
        }
        String where = source + ":" + line + ": ";
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

    /** Reads the next row's values into {@code values}; false at the end of the input. */
    private boolean readRow(List<String> values) throws IOException {
        JsonToken token = parser.nextToken();
        if (token == null) {
            return false;
        }
        while ((token = parser.nextToken()) == JsonToken.VALUE_STRING) {
            values.add(parser.getText());
        }
        return true;
    }
}

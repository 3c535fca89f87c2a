package dev.rejection.server;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.sun.net.httpserver.HttpExchange;
import dev.rejection.eval.BadRow;
import dev.rejection.eval.EvalSet;
import dev.rejection.eval.Example;
import dev.rejection.io.InputFormat;
import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code POST /v1/records}: a JSONL, CSV or TXT file as the request body, read by the CLI's own readers
 * ({@link TextRecords}) under the same rules: one row per input line (per CSV row), in order, none dropped. A line that
 * cannot be read, a text or prompt over {@code --max-chars}, a prompt that is not a string and, when a label field is
 * named, a bad label (read by {@link EvalSet}, as {@code eval} reads it) come back as an error at their line. The body
 * obeys {@code --max-body-bytes} like any request, and holds at most {@link #MAX_ROWS} rows.
 *
 * <p>Query parameters: {@code name} (the file's name: its extension gives the format, and it names the file in
 * error messages), {@code format} ({@code jsonl}, {@code csv}, {@code txt}; overrides the name's extension),
 * {@code text_field} (default {@code text}), {@code label_field} and {@code prompt_field} (none by default: a row
 * carries its {@code prompt} when one is named, for {@code /v1/classify}'s {@code prompts}).
 */
final class RecordsEndpoint {
    private static final Set<String> PARAMETERS = Set.of("name", "format", "text_field", "label_field",
            "prompt_field");
    /** A file's name in messages when the client gives none. */
    static final String UNNAMED = "upload";
    private static final int MAX_NAME_CHARS = 255;
    /**
     * The most rows one file may hold (413 above): a row costs far more in the answer and in memory than the byte of
     * a blank line it can come from (a 1 MiB body of line breaks would answer with 26 MB).
     */
    static final int MAX_ROWS = 100_000;

    private final ServerSettings settings;

    RecordsEndpoint(ServerSettings settings) {
        this.settings = settings;
    }

    /**
     * One input row: {@code text} (with {@code label} 0 or 1 and {@code source} when labelled, {@code prompt} when a
     * prompt field was named and the row has one) or {@code error}.
     *
     * @param label the gold label, 1 = REJECTION, when a label field was named
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Row(long line, String id, String text, String prompt, Integer label, String source, String error) {
    }

    record RecordsBody(String name, String format, int texts, int errors, List<Row> rows) {
    }

    Response handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String name = name(query.get("name"));
        InputFormat format = format(query.get("format"), name);
        String textField = field(query, "text_field", TextRecords.DEFAULT_TEXT_FIELD);
        String labelField = field(query, "label_field", null);
        String promptField = field(query, "prompt_field", null);
        byte[] body = JsonBody.readBytes(exchange.getRequestBody(), Endpoints.declaredLength(exchange),
                settings.maxBodyBytes());

        List<TextRecord> records = new ArrayList<>();
        try (Stream<TextRecord> read = TextRecords.read(new ByteArrayInputStream(body), name, format, textField)) {
            for (var it = read.iterator(); it.hasNext(); ) {
                if (records.size() == MAX_ROWS) {
                    throw new ApiException(413, "max_rows", name + " has more than " + MAX_ROWS + " rows (lines); "
                            + "split it into files of at most " + MAX_ROWS);
                }
                records.add(checked(it.next(), name, promptField));
            }
        } catch (IllegalArgumentException e) { // a CSV header without the text column, or none at all
            throw ApiException.badRequest(e.getMessage());
        }
        List<Row> rows = labelField == null ? rows(records, promptField)
                : labelledRows(records, name, labelField, promptField);
        int errors = (int) rows.stream().filter(r -> r.error() != null).count();
        return Response.json(200, new RecordsBody(name, format.name().toLowerCase(Locale.ROOT), rows.size() - errors,
                errors, rows));
    }

    /**
     * A record whose text or prompt is over --max-chars, or whose prompt is not a string, becomes an error at its
     * line: /v1/classify would refuse it.
     */
    private TextRecord checked(TextRecord record, String name, String promptField) {
        if (record.failed()) {
            return record;
        }
        String where = name + ":" + record.line();
        String prompt;
        try {
            prompt = record.stringField(promptField);
        } catch (IllegalArgumentException e) {
            return TextRecord.failed(record.line(), record.id(), where + ": " + e.getMessage());
        }
        String tooLong = Endpoints.tooLong(record.text(), settings.maxChars(), where + ": the text");
        if (tooLong == null && prompt != null) {
            tooLong = Endpoints.tooLong(prompt, settings.maxChars(), where + ": the prompt");
        }
        return tooLong == null ? record : TextRecord.failed(record.line(), record.id(), tooLong);
    }

    private static List<Row> rows(List<TextRecord> records, String promptField) {
        return records.stream().map(r -> new Row(r.line(), r.id(), r.text(),
                r.failed() ? null : r.stringField(promptField), null, null, r.error())).toList();
    }

    /** Rows sorted by {@link EvalSet} into examples and bad rows (every row lands in one), merged back by line. */
    private static List<Row> labelledRows(List<TextRecord> records, String name, String labelField,
                                          String promptField) {
        EvalSet set = EvalSet.from(records.stream(), name, labelField, null, promptField);
        Map<Long, String> ids = new HashMap<>();
        records.forEach(r -> ids.put(r.line(), r.id()));
        List<Row> rows = new ArrayList<>(records.size());
        List<Example> examples = set.examples();
        List<BadRow> errors = set.errors();
        int e = 0, b = 0;
        while (e < examples.size() || b < errors.size()) {
            boolean example = b == errors.size()
                    || e < examples.size() && examples.get(e).line() < errors.get(b).line();
            if (example) {
                Example x = examples.get(e++);
                rows.add(new Row(x.line(), ids.get(x.line()), x.text(), x.prompt(), x.label(), x.source(), null));
            } else {
                BadRow bad = errors.get(b++);
                rows.add(new Row(bad.line(), ids.get(bad.line()), null, null, null, null, bad.message()));
            }
        }
        return rows;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (!PARAMETERS.contains(key)) {
                throw ApiException.badRequest("unknown query parameter '" + key + "'; /v1/records takes "
                        + String.join(", ", PARAMETERS.stream().sorted().toList()));
            }
            if (values.put(key, value) != null) {
                throw ApiException.badRequest("query parameter '" + key + "' is given twice");
            }
        }
        return values;
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("malformed query string: " + e.getMessage());
        }
    }

    private static String name(String given) {
        if (given == null || given.isEmpty()) {
            return UNNAMED;
        }
        if (given.length() > MAX_NAME_CHARS || given.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("query parameter 'name' must be a file name of at most " + MAX_NAME_CHARS
                    + " characters without control characters");
        }
        return given;
    }

    private static InputFormat format(String given, String name) {
        if (given != null) {
            try {
                return InputFormat.valueOf(given.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("query parameter 'format' must be jsonl, csv or txt, got '" + given
                        + "'");
            }
        }
        try {
            return InputFormat.ofFileName(Path.of(name)).orElseThrow(() -> ApiException.badRequest("cannot tell the "
                    + "format of '" + name + "' from its name: use a .jsonl, .csv or .txt name, or query parameter "
                    + "'format'"));
        } catch (InvalidPathException e) {
            throw ApiException.badRequest("query parameter 'name' is not a file name: " + e.getMessage());
        }
    }

    private static String field(Map<String, String> query, String parameter, String otherwise) {
        String value = query.get(parameter);
        if (value == null) {
            return otherwise;
        }
        if (value.isBlank()) {
            throw ApiException.badRequest("query parameter '" + parameter + "' is empty; name a field or leave it out");
        }
        return value;
    }
}

package dev.rejection.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rejection.detect.Verdict;
import dev.rejection.detect.json.VerdictJson;
import dev.rejection.detect.mode.Read;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Writes one output entry per input record, in the order given: a verdict, or the record's error.
 *
 * <p>JSON entries are objects {@code {"line", "id" (when the input has one)}} followed by the verdict in
 * {@link VerdictJson}'s shape ({@code "label", "score" (REJECTION probability), "rejection", "tokens",
 * "truncated", "scores"}, plus {@code "span"} and the reading's fields when a match mode gives them); an
 * unreadable record is
 * {@code {"line", "id", "error"}}. {@link #close()} ends the output (the JSON array's {@code ]}) and flushes, but
 * leaves the underlying writer open for its owner to close.
 */
public final class VerdictWriter implements AutoCloseable {
    /**
     * The CLI's entries: every part of the verdict shape but {@code spans} (each span's score, which the server's
     * playground draws), so that {@code classify}'s output stays as it was before that part was added.
     */
    public static final VerdictJson SHAPE =
            VerdictJson.with(EnumSet.complementOf(EnumSet.of(VerdictJson.Part.SPANS)));

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final int TEXT_WIDTH = 100;

    private final OutputFormat format;
    private final Writer out;
    private final JsonGenerator json;
    private final VerdictJson shape;

    private VerdictWriter(OutputFormat format, Writer out, VerdictJson shape) {
        this.format = format;
        this.out = out;
        this.shape = shape;
        try {
            if (format == OutputFormat.TEXT) {
                this.json = null;
            } else {
                this.json = JSON.getFactory().createGenerator(out)
                        .configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                if (format == OutputFormat.JSON) {
                    json.setPrettyPrinter(new DefaultPrettyPrinter());
                    json.writeStartArray();
                } else {
                    json.setPrettyPrinter(new MinimalPrettyPrinter("")); // lines end with '\n', not ' '
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer of {@code format} onto {@code out}, with the CLI's {@link #SHAPE}. */
    public static VerdictWriter of(OutputFormat format, Writer out) {
        return of(format, out, SHAPE);
    }

    /** A writer of {@code format} onto {@code out} whose JSON entries have {@code shape}. */
    public static VerdictWriter of(OutputFormat format, Writer out, VerdictJson shape) {
        return new VerdictWriter(format, out, shape);
    }

    /** Writes the verdict on a record that was read. */
    public void verdict(TextRecord record, Verdict verdict) throws IOException {
        verdict(record, new Read(verdict, Optional.empty(), Optional.empty(), Optional.empty()));
    }

    /**
     * Writes how a record was read: JSON entries are {@code line} and {@code id}, then the {@link VerdictJson}
     * shape this writer was made with.
     */
    public void verdict(TextRecord record, Read read) throws IOException {
        Verdict verdict = read.verdict();
        if (json == null) {
            // for a terminal: what the file holds is written out where it could drive one
            out.write(String.format(java.util.Locale.ROOT, "%-9s  %.4f  %s%s%n", verdict.label(), verdict.score(),
                    record.id() == null ? "" : "[" + Printable.of(record.id()) + "] ",
                    Printable.of(abbreviate(record.text()))));
            return;
        }
        json.writeStartObject();
        json.writeNumberField("line", record.line());
        if (record.id() != null) {
            json.writeStringField("id", record.id());
        }
        shape.writeFields(json, read, record.text());
        json.writeEndObject();
        endEntry();
    }

    /** Writes the error of a record that could not be read. */
    public void error(TextRecord record) throws IOException {
        if (json == null) {
            out.write(String.format(java.util.Locale.ROOT, "%-9s  %-6s  %s%n", "ERROR", "-",
                    Printable.of(record.error())));
            return;
        }
        json.writeStartObject();
        json.writeNumberField("line", record.line());
        if (record.id() != null) {
            json.writeStringField("id", record.id());
        }
        json.writeStringField(VerdictJson.ERROR, record.error());
        json.writeEndObject();
        endEntry();
    }

    private void endEntry() throws IOException {
        if (format == OutputFormat.JSONL) {
            json.writeRaw('\n');
        }
    }

    /** Flushes what was written so far (e.g. after each chunk, so a reader of the output sees progress). */
    public void flush() throws IOException {
        if (json != null) {
            json.flush();
        }
        out.flush();
    }

    /** Ends the output and flushes it; does not close the underlying writer. */
    @Override
    public void close() throws IOException {
        if (json != null) {
            if (format == OutputFormat.JSON) {
                json.writeEndArray();
                json.writeRaw('\n');
            }
            json.close();
        }
        out.flush();
    }

    /** The text on one line, whitespace runs collapsed, cut to {@value #TEXT_WIDTH} characters. */
    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        if (flat.length() <= TEXT_WIDTH) {
            return flat;
        }
        int cut = Character.isHighSurrogate(flat.charAt(TEXT_WIDTH - 2)) ? TEXT_WIDTH - 2 : TEXT_WIDTH - 1;
        return flat.substring(0, cut) + "…";
    }
}

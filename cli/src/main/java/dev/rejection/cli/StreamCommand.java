package dev.rejection.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rejection.detect.json.VerdictJson;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.Reading;
import dev.rejection.detect.mode.SpanVerdict;
import dev.rejection.detect.mode.StreamDecision;
import dev.rejection.detect.mode.StreamingDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Optional;

/**
 * {@code rejection classify --stream}: feeds stdin to the reading's {@link StreamingDetector} in chunks as they
 * arrive and writes each decision as a JSON line the moment it is taken: {@code {"event": "early"|"final", "chars",
 * "reason"}} followed by the verdict in {@link VerdictJson}'s shape without counts or scores ({@code "label",
 * "score", "rejection", "span": {"start", "end", "text"}}, plus {@code valid} and {@code risk_score} under the LLM
 * Guard preset).
 */
final class StreamCommand {
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final VerdictJson SHAPE = VerdictJson.with(EnumSet.of(VerdictJson.Part.SPAN,
            VerdictJson.Part.READING));

    private StreamCommand() {
    }

    static void run(InputStream stdin, Writer out, Reading reading) throws IOException {
        StreamingDetector stream = reading.stream();
        // strict: bytes that are not UTF-8 are an error, as in every other input, not U+FFFD scored unsaid
        Reader in = new InputStreamReader(stdin, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        char[] buffer = new char[4096];
        long read = 0;
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) { // what has arrived, not a full buffer
                read += n;
                Optional<StreamDecision> early = stream.accept(new String(buffer, 0, n));
                if (early.isPresent()) {
                    write(out, early.get(), stream.text(), reading);
                }
            }
        } catch (CharacterCodingException e) { // said in full: the decoder's own words are "Input length = 1"
            throw new IOException("<stdin> holds bytes that are not UTF-8" + (read > 0 ? " after its first " + read
                    + " characters" : "") + "; no final verdict was written");
        } catch (IOException e) { // stdin a folder, a read error
            throw new IOException("cannot read <stdin>", e);
        }
        String text = stream.text();
        StreamDecision last = stream.finish();
        write(out, last, text, reading);
    }

    private static void write(Writer out, StreamDecision decision, String text, Reading reading) throws IOException {
        SpanVerdict verdict = decision.verdict();
        Read read = new Read(verdict.verdict(), Optional.of(verdict.span()), Optional.empty(),
                reading.scan(text, verdict));
        StringWriter line = new StringWriter();
        try (JsonGenerator json = JSON.getFactory().createGenerator(line)) {
            json.writeStartObject();
            json.writeStringField("event", decision.early() ? "early" : "final");
            json.writeNumberField("chars", decision.chars());
            json.writeStringField("reason", decision.reason());
            SHAPE.writeFields(json, read, text);
            json.writeEndObject();
        }
        out.write(line.toString());
        out.write('\n');
        out.flush();
    }
}

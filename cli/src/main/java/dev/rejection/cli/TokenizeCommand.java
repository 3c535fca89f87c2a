package dev.rejection.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rejection.io.TextRecord;
import dev.rejection.tokenizer.Encoding;
import dev.rejection.tokenizer.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rejection tokenize}: shows how a model's tokenizer splits each text — a debugging aid. One JSON line per
 * input: {@code line}, {@code id} (when the input has one), {@code ids}, {@code tokens}, {@code offsets} (UTF-16
 * [start, end) pairs into the text; special tokens [0, 0]); unreadable records give {@code {line, id, error}}.
 */
@Command(name = "tokenize", sortOptions = false,
        description = {"Print each text's token ids, tokens and character offsets as one JSON line.",
            "Texts come from the arguments, --input FILE, or stdin when there are neither."},
        footer = {"", "Exit status: 0 all texts tokenized; 1 some records could not be read; 2 usage error or "
                + "unusable tokenizer (nothing done)."})
final class TokenizeCommand implements Callable<Integer> {
    private final StdStreams std;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to tokenize ('-' reads stdin).")
    List<String> texts = new ArrayList<>();

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Source source;

    static final class Source {
        @Option(names = {"-m", "--model"}, paramLabel = HubModels.LABEL, required = true,
                description = "Model directory (its tokenizer.json, else vocab.json + merges.txt or vocab.txt), "
                        + "or a Hub model id org/name[@revision] (only its tokenizer files are downloaded).")
        String model;

        @Option(names = "--tokenizer", paramLabel = "FILE", required = true,
                description = "A tokenizer.json file.")
        Path tokenizerFile;
    }

    @Option(names = "--no-special-tokens", description = "Leave out the special tokens (<s>, </s>, [CLS], ...).")
    boolean noSpecialTokens;

    TokenizeCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws IOException {
        output.refuseInput(input.source(texts, std.inFile()), std.outFile());
        Tokenizer tokenizer = load();
        PrintWriter err = spec.commandLine().getErr();
        long failed = 0;
        try (InputOptions.Opened in = input.open(texts, std.in()); OutputOptions.Results out = output.open(std.out());
             JsonGenerator json = JsonMapper.builder().build().getFactory().createGenerator(out)) {
            json.setPrettyPrinter(new MinimalPrettyPrinter(""));
            for (Iterator<TextRecord> records = in.records().iterator(); records.hasNext(); ) {
                TextRecord record = records.next();
                String error = record.error();
                Encoding encoding = null;
                if (error == null) {
                    try {
                        encoding = tokenizer.encode(record.text(), !noSpecialTokens);
                    } catch (IllegalStateException e) { // a text the tokenizer cannot encode (WordLevel, no unknown)
                        error = "line " + record.line() + ": cannot tokenize: " + e.getMessage();
                    }
                }
                json.writeStartObject();
                json.writeNumberField("line", record.line());
                if (record.id() != null) {
                    json.writeStringField("id", record.id());
                }
                if (error != null) {
                    json.writeStringField("error", error);
                    err.println("rejection tokenize: " + error);
                    failed++;
                } else {
                    write(json, encoding);
                }
                json.writeEndObject();
                json.writeRaw('\n');
            }
            out.finish();
        }
        return failed > 0 ? ExitCodes.RECORDS_FAILED : ExitCodes.OK;
    }

    private Tokenizer load() {
        if (source == null) {
            throw new ParameterException(spec.commandLine(), "say which tokenizer: --model DIR or --tokenizer FILE");
        }
        Path path = source.model != null ? HubModels.tokenizerDir(spec, source.model) : source.tokenizerFile;
        if (!Files.exists(path)) {
            throw new ParameterException(spec.commandLine(), "tokenizer file not found: " + path);
        }
        try {
            return source.model != null ? Tokenizer.fromDirectory(path) : Tokenizer.fromFile(path);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new ParameterException(spec.commandLine(), "cannot load the tokenizer: " + e.getMessage(), e);
        }
    }

    private static void write(JsonGenerator json, Encoding encoding) throws IOException {
        json.writeFieldName("ids");
        json.writeArray(encoding.ids(), 0, encoding.length());
        json.writeArrayFieldStart("tokens");
        for (String token : encoding.tokens()) {
            json.writeString(token);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("offsets");
        for (int i = 0; i < encoding.length(); i++) {
            json.writeStartArray();
            json.writeNumber(encoding.start(i));
            json.writeNumber(encoding.end(i));
            json.writeEndArray();
        }
        json.writeEndArray();
        if (encoding.truncated()) {
            json.writeBooleanField("truncated", true);
        }
    }
}

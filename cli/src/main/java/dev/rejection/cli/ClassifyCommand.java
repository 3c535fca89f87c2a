package dev.rejection.cli;

import dev.rejection.detect.RejectionDetector;
import dev.rejection.detect.json.VerdictJson;
import dev.rejection.detect.mode.Read;
import dev.rejection.detect.mode.Reading;
import dev.rejection.io.OutputFormat;
import dev.rejection.io.TextRecord;
import dev.rejection.io.VerdictWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rejection classify}: judges each text as a rejection or a normal answer.
 *
 * <p>Records stream through in chunks of {@value #CHUNK} (fewer when their texts pass {@value #CHUNK_CHARS}
 * characters, so that a file of long lines — each up to {@link dev.rejection.io.TextRecords#MAX_RECORD_CHARS} — is
 * not held 256 at a time): each chunk goes to the detector as one list (which batches it) and its verdicts are
 * written before the next is read, so output follows input order and memory stays flat whatever the file's size.
 */
@Command(name = "classify", sortOptions = false,
        description = {"Tell whether each text is a rejection (refusal) or a normal answer.",
            "Texts come from the arguments, --input FILE, or stdin when there are neither."},
        footer = {"", "Exit status: 0 all texts classified; 1 some records could not be read (their error "
                + "entries are in the output), or writing the output failed (full disk, closed pipe); 2 usage error, "
                + "unreadable input, output that is the input file, or unusable model (nothing done)."})
final class ClassifyCommand implements Callable<Integer> {
    static final int CHUNK = 256;
    static final long CHUNK_CHARS = 4L << 20;
    private static final int MAX_ERRORS_SHOWN = 20;

    private final StdStreams std;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to classify ('-' reads stdin).")
    List<String> texts = new ArrayList<>();

    @Mixin
    InputOptions input;

    @Mixin
    OutputOptions output;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT",
            description = "Output format: text, json or jsonl. Default: text for texts given as arguments, "
                    + "jsonl for a file or stdin.")
    OutputFormat format;

    @Mixin
    ModelOptions model;

    @Mixin
    ReadingOptions reading;

    @Option(names = "--stream",
            description = "Read stdin as a stream (e.g. an LLM's output as it is generated) and print JSON lines: "
                    + "an early decision as soon as the opening allows one, and the final decision at the end.")
    boolean stream;

    @Option(names = "--batch-size", paramLabel = "N", description = "Texts per model call (default: the detector's).")
    Integer batchSize;

    @Option(names = "--progress", negatable = true, fallbackValue = "true",
            description = "Show a progress bar on stderr while classifying a file (default: when stderr is a "
                    + "terminal).")
    Boolean progress;

    ClassifyCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() throws IOException {
        reading.threshold();
        if (batchSize != null && batchSize < 1) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be at least 1, got " + batchSize);
        }
        input.checkPromptField();
        output.refuseInput(stream ? std.inFile() : input.source(texts, std.inFile()), std.outFile());
        if (stream) {
            if (!texts.isEmpty() || input.input != null) {
                throw new ParameterException(spec.commandLine(), "--stream reads stdin: give no texts or --input");
            }
            for (String option : List.of("--prompt-field", "--text-field", "--input-format", "--format")) {
                if (spec.commandLine().getParseResult().hasMatchedOption(option)) { // taken, it would be ignored
                    throw new ParameterException(spec.commandLine(), option + " does not apply to --stream, which "
                            + "reads stdin as one answer's raw text and writes JSON lines");
                }
            }
            try (RejectionDetector detector = reading.load(model, batchSize);
                 OutputOptions.Results out = output.open(std.out())) {
                StreamCommand.run(std.in(), out, reading.reading(detector));
                out.finish();
                return ExitCodes.OK;
            }
        }
        OutputFormat chosen = format != null ? format : input.streamed(texts) ? OutputFormat.JSONL : OutputFormat.TEXT;
        // entries name the deciding span when a reading option was given, as they always have
        VerdictJson shape = VerdictWriter.SHAPE;
        try (InputOptions.Opened in = input.open(texts, std.in())) {
            try (RejectionDetector detector = reading.load(model, batchSize)) {
                // before the output is opened: a usage error must not replace an existing --output file
                if (input.promptField != null && !detector.readsPrompts()) {
                    throw new ParameterException(spec.commandLine(), ReadingOptions.promptsNotRead("the model"));
                }
                Reading textReading = reading.reading(detector);
                try (OutputOptions.Results out = output.open(std.out());
                     VerdictWriter writer = VerdictWriter.of(chosen, out,
                             reading.given() ? shape : shape.without(VerdictJson.Part.SPAN))) {
                    boolean showProgress = in.fromFile()
                            && (progress != null ? progress : Progress.stderrIsTerminal());
                    PrintWriter err = spec.commandLine().getErr();
                    Counts counts;
                    try (Progress bar = showProgress ? Progress.on(err, in.bytes()::count, in.size())
                            : Progress.off(err)) {
                        counts = run(textReading, in.records().iterator(), writer, bar, input);
                    } catch (UnsupportedOperationException e) { // a model that reads answers alone, given prompts
                        throw new ParameterException(spec.commandLine(),
                                "--prompt-field " + input.promptField + ": " + e.getMessage(), e);
                    }
                    out.finish(); // every record has its entry, error entries included
                    if (counts.failed() > 0) {
                        err.printf("rejection classify: %,d of %,d records could not be read; their error entries "
                                + "are in the output%s%n", counts.failed(), counts.total(),
                                counts.failed() > MAX_ERRORS_SHOWN
                                        ? " (the first " + MAX_ERRORS_SHOWN + " are shown above)" : "");
                        return ExitCodes.RECORDS_FAILED;
                    }
                    if (counts.total() == 0 && input.file() != null) { // not an error, but rarely what was meant
                        err.println("rejection classify: " + input.file() + " holds no records; nothing to classify");
                    }
                    return ExitCodes.OK;
                }
            }
        }
    }

    private record Counts(long total, long failed) {
    }

    private static Counts run(Reading reading, Iterator<TextRecord> records, VerdictWriter writer, Progress bar,
                              InputOptions input) throws IOException {
        long total = 0;
        long failed = 0;
        List<TextRecord> chunk = new ArrayList<>(CHUNK);
        while (records.hasNext()) {
            chunk.clear();
            long chars = 0;
            List<String> chunkTexts = new ArrayList<>();
            List<String> chunkPrompts = new ArrayList<>();
            String[] prompt = new String[1];
            while (chunk.size() < CHUNK && chars < CHUNK_CHARS && records.hasNext()) {
                TextRecord record = input.withPrompt(records.next(), prompt);
                if (!record.failed()) {
                    chars += record.text().length() + (prompt[0] == null ? 0 : prompt[0].length());
                    chunkTexts.add(record.text());
                    chunkPrompts.add(prompt[0]);
                }
                chunk.add(record);
            }
            Iterator<Read> reads = reading.read(input.promptField == null ? null : chunkPrompts, chunkTexts)
                    .iterator();
            for (TextRecord record : chunk) {
                if (record.failed()) {
                    writer.error(record);
                    if (failed++ < MAX_ERRORS_SHOWN) {
                        bar.message("rejection classify: " + record.error());
                    }
                } else {
                    writer.verdict(record, reads.next());
                }
            }
            writer.flush();
            total += chunk.size();
            bar.advance(chunk.size());
        }
        return new Counts(total, failed);
    }
}

package dev.rejection.cli;

import dev.rejection.io.InputFormat;
import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Where a command's texts come from: the arguments, {@code --input FILE}, or stdin (when there are neither, or
 * the file or only argument is {@code -}).
 */
final class InputOptions {
    private static final String STDIN = "<stdin>";

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-i", "--input"}, paramLabel = "FILE",
            description = "Read texts from FILE: .jsonl (one JSON object per line), .csv (with a header row) or "
                    + ".txt (one text per line); '-' reads stdin.")
    String input;

    @Option(names = "--input-format", paramLabel = "FORMAT",
            description = "Format of the input: jsonl, csv or txt. Default: from the file's extension; "
                    + "for stdin, jsonl when it starts with '{', else txt.")
    InputFormat inputFormat;

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = TextRecords.DEFAULT_TEXT_FIELD,
            description = "JSON field or CSV column holding the text (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--prompt-field", paramLabel = "NAME",
            description = "JSON field or CSV column holding the prompt each answer replied to: the answer is read "
                    + "after it as a text pair (a record without it is read alone). Default: answers read alone.")
    String promptField;

    /**
     * The record with its prompt read from --prompt-field: null when there is no such option or the record has no
     * prompt; a record whose prompt is not text becomes an error record naming the field and line.
     */
    TextRecord withPrompt(TextRecord record, String[] prompt) {
        prompt[0] = null;
        if (promptField == null || record.failed()) {
            return record;
        }
        try {
            prompt[0] = record.stringField(promptField);
            return record;
        } catch (IllegalArgumentException e) {
            String where = (input == null || input.equals("-") ? STDIN : input) + ":" + record.line();
            return TextRecord.failed(record.line(), record.id(), where + ": " + e.getMessage());
        }
    }

    /** An input in use: its records, and for a regular file its size and the bytes read so far. */
    record Opened(Stream<TextRecord> records, boolean fromFile, long size, CountingInputStream bytes)
            implements AutoCloseable {
        @Override
        public void close() {
            records.close();
        }
    }

    /** The input file, or null when texts come from the arguments or stdin. */
    Path file() {
        return input == null || input.equals("-") ? null : Path.of(input);
    }

    /**
     * The file the records are read from: the input file, or for stdin the file it is where the platform tells
     * ({@code stdinFile}); null for texts given as arguments. What {@code -o} must not name.
     */
    Path source(List<String> texts, Path stdinFile) {
        return file() != null ? file() : streamed(texts) ? stdinFile : null;
    }

    /** Whether records come from a file or stdin rather than from the arguments. */
    boolean streamed(List<String> texts) {
        return input != null || texts.isEmpty() || texts.equals(List.of("-"));
    }

    /**
     * Opens the input the options and arguments name.
     *
     * @throws ParameterException when they contradict each other, the file is missing, a directory or unreadable,
     *                            its format unknown, or a CSV header lacks the text column
     */
    Opened open(List<String> texts, InputStream stdin) {
        if (input != null && !texts.isEmpty()) {
            throw usage("give texts as arguments or --input FILE, not both");
        }
        if (texts.size() > 1 && texts.contains("-")) {
            throw usage("'-' (read stdin) cannot be mixed with texts given as arguments");
        }
        if (!streamed(texts)) {
            return new Opened(IntStream.range(0, texts.size()).mapToObj(i -> TextRecord.of(i + 1, texts.get(i))),
                    false, -1, null);
        }
        if (input == null || input.equals("-")) {
            CountingInputStream in = new CountingInputStream(stdin);
            try {
                Stream<TextRecord> records = inputFormat == null
                        ? TextRecords.readSniffed(in, STDIN, textField)
                        : TextRecords.read(in, STDIN, inputFormat, textField);
                return new Opened(records, false, -1, in);
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            } catch (IOException e) {
                throw usage("cannot read " + STDIN + ": " + IoReason.of(e)); // e.g. "Is a directory"
            }
        }
        Path file = readableFile(Path.of(input));
        InputFormat format = inputFormat != null ? inputFormat : InputFormat.ofFileName(file).orElseThrow(
                () -> usage("cannot tell the format of " + file + " from its name: use a .jsonl, .csv or "
                        + ".txt extension, or --input-format"));
        try {
            boolean regular = Files.isRegularFile(file); // else a pipe such as <(zcat answers.jsonl.gz)
            CountingInputStream in = new CountingInputStream(Files.newInputStream(file));
            return new Opened(TextRecords.read(in, file.toString(), format, textField), regular,
                    regular ? Files.size(file) : -1, in);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } catch (IOException e) {
            throw usage("cannot read input file " + file + ": " + IoReason.of(e));
        }
    }

    /** The file, when it can be read; else a usage error saying why: missing, a directory, or not permitted. */
    private Path readableFile(Path file) {
        if (Files.isDirectory(file)) {
            throw usage("input " + file + " is a directory; name a .jsonl, .csv or .txt file");
        }
        if (!Files.exists(file)) {
            throw usage("input file not found: " + file);
        }
        if (!Files.isReadable(file)) {
            throw usage("cannot read input file " + file + ": permission denied");
        }
        return file;
    }

    /**
     * What keeps the file an option names from being read, in the words of a usage error, or null when it can be:
     * a folder, nothing there, not permitted. A pipe ({@code <(zcat data.jsonl.gz)}) is read as a file is.
     *
     * @param kinds the files it takes, for the folder's message: {@code ".jsonl or .csv"}
     */
    static String unreadable(String option, Path file, String kinds) {
        if (Files.isDirectory(file)) {
            return option + " " + file + " is a folder; name a " + kinds + " file";
        }
        if (!Files.exists(file)) {
            return option + " " + file + ": no such file";
        }
        if (!Files.isReadable(file)) {
            return option + " " + file + ": permission denied";
        }
        return null;
    }

    /** {@link #unreadable} as the usage error of {@code command}, when the file cannot be read. */
    static void requireReadable(picocli.CommandLine command, String option, Path file, String kinds) {
        String unreadable = unreadable(option, file, kinds);
        if (unreadable != null) {
            throw new ParameterException(command, unreadable);
        }
    }

    /** Refuses a --prompt-field that cannot be meant: blank, or the text's own field. */
    void checkPromptField() {
        if (promptField == null) {
            return;
        }
        if (promptField.isBlank()) {
            throw usage("--prompt-field needs a field name");
        }
        if (promptField.equals(textField)) {
            throw usage("--prompt-field " + promptField + " is the text's own field (--text-field): name the field "
                    + "that holds the prompt");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}

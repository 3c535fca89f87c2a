package dev.rejection.cli;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Where a command writes its results: {@code --output FILE}, or stdout; always UTF-8. */
final class OutputOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "Write results to FILE (created or replaced) instead of stdout; '-' means stdout.")
    String output;

    /**
     * Opens the output. Closing the writer closes a file but only flushes stdout, which belongs to the process.
     *
     * @throws ParameterException when the file cannot be created
     */
    Writer open(OutputStream stdout) {
        if (output == null || output.equals("-")) {
            OutputStream keepOpen = new FilterOutputStream(stdout) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() throws IOException {
                    flush();
                }
            };
            return new BufferedWriter(new OutputStreamWriter(keepOpen, StandardCharsets.UTF_8), 1 << 16);
        }
        try {
            return Files.newBufferedWriter(Path.of(output), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "cannot write " + output + ": " + e);
        }
    }
}

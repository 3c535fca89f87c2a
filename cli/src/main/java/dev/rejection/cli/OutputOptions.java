package dev.rejection.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
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
            description = "Write results to FILE (created or replaced when the run ends; until then they are in "
                    + "FILE.partial, so an interrupted run leaves FILE as it was) instead of stdout; '-' means stdout.")
    String output;

    /**
     * Refuses an output that is the input file itself — through a link, a relative path or stdout redirected onto
     * it — before anything is written: the run would destroy the input and read its own output without end.
     *
     * @param input  the input file (stdin's, where the platform tells), or null when texts come from the arguments
     * @param stdout the file stdout is, where the platform tells (null otherwise)
     * @throws ParameterException when the output and the input are the same file
     */
    void refuseInput(Path input, Path stdout) {
        if (input == null) {
            return;
        }
        boolean toStdout = output == null || output.equals("-");
        Path target = toStdout ? stdout : Path.of(output);
        // a regular file only: /dev/null as both stdin and -o destroys nothing
        if (target != null && Files.isRegularFile(input) && sameFile(target, input)) {
            throw new ParameterException(spec.commandLine(), (toStdout ? "stdout" : "--output " + output)
                    + " is the input file " + realPath(input) + ": writing there would destroy the input; write "
                    + "elsewhere");
        }
    }

    /** The file a path names, links (such as stdin's {@code /proc/self/fd/0}) followed; the path when it cannot. */
    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path;
        }
    }

    /** Whether both paths name one existing file (an output that does not exist yet cannot be the input). */
    static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false; // e.g. stdout is a pipe: /proc/self/fd/1 names no file
        }
    }

    /**
     * Opens the output. Closing the writer after {@link Results#finish()} closes a file and moves it into place (see
     * {@link NamedOutput}) but only flushes stdout, which belongs to the process; a failed write throws
     * {@link NamedOutput.WriteFailure} naming the destination.
     *
     * @throws ParameterException when the file cannot be created: a folder, in a missing folder, not permitted
     */
    Results open(OutputStream stdout) {
        NamedOutput target;
        if (output == null || output.equals("-")) {
            target = NamedOutput.stdout(stdout);
        } else {
            Path file = Path.of(output);
            Path folder = file.toAbsolutePath().getParent();
            if (Files.isDirectory(file)) {
                throw new ParameterException(spec.commandLine(), "--output " + output + " is a folder; name a file");
            }
            if (folder != null && !Files.isDirectory(folder)) {
                throw new ParameterException(spec.commandLine(), "--output " + output + ": " + (Files.exists(folder)
                        ? folder + " is a file, not a folder" : "the folder " + folder + " does not exist"));
            }
            try {
                target = NamedOutput.file(file, output);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), "cannot write " + output + ": "
                        + IoReason.of(e));
            }
        }
        return new Results(target);
    }

    /**
     * The results' writer. A command calls {@link #finish()} once it has written every result: closed without it
     * (the run failed), an {@code --output} file keeps what it had, and what was written stays in its
     * {@code .partial} file.
     */
    static final class Results extends BufferedWriter {
        private final NamedOutput target;

        private Results(NamedOutput target) {
            super(new OutputStreamWriter(target, StandardCharsets.UTF_8), 1 << 16);
            this.target = target;
        }

        void finish() {
            target.finish();
        }
    }
}

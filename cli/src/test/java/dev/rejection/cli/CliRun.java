package dev.rejection.cli;

import dev.rejection.hub.HubSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One end-to-end run of the {@code rejection} command line: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun withStdin(String stdin, String... args) {
        return withStdinBytes(stdin.getBytes(StandardCharsets.UTF_8), args);
    }

    /** A run whose stdin is these bytes, as a shell's pipe gives them. */
    static CliRun withStdinBytes(byte[] stdin, String... args) {
        return withStdStreams(new ByteArrayInputStream(stdin), null, args);
    }

    /** A run whose stdin is redirected from {@code file} ({@code < file}), which the command can tell. */
    static CliRun withStdinFrom(java.nio.file.Path file, String... args) throws java.io.IOException {
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(file)) {
            return withStdStreams(in, file, args);
        }
    }

    private static CliRun withStdStreams(java.io.InputStream in, java.nio.file.Path inFile, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        // as main builds it: only the subcommand named
        int exit = Main.commandLineFor(args, new StdStreams(in, out, null, inFile), new PrintWriter(err, true),
                HubSettings::fromSystem).execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    static CliRun run(String... args) {
        return withStdin("", args);
    }
}

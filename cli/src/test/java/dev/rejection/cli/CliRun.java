package dev.rejection.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** One end-to-end run of the {@code rejection} command line: its exit status and what it printed. */
record CliRun(int exit, String out, String err) {

    static CliRun withStdin(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), out,
                new PrintWriter(err, true)).execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    static CliRun run(String... args) {
        return withStdin("", args);
    }
}

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
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        // as main builds it: only the subcommand named
        int exit = Main.commandLineFor(args, new StdStreams(new ByteArrayInputStream(stdin.getBytes(
                StandardCharsets.UTF_8)), out, null), new PrintWriter(err, true), HubSettings::fromSystem).execute(args);
        return new CliRun(exit, out.toString(StandardCharsets.UTF_8), err.toString());
    }

    static CliRun run(String... args) {
        return withStdin("", args);
    }
}

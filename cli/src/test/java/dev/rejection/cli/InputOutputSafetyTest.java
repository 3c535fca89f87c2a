package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the CLI does with inputs and outputs that would hurt: an output that is its own input, a destination that
 * fails (full disk, closed pipe), inputs that are directories or unreadable. The write-error cases run the real
 * {@code main} in a child JVM, since they are about the process's own stdout.
 */
class InputOutputSafetyTest {
    @TempDir
    Path dir;

    private Path answers(int lines) throws IOException {
        Path file = dir.resolve("answers.jsonl");
        Files.write(file, IntStream.rangeClosed(1, lines)
                .mapToObj(i -> "{\"id\":\"r" + i + "\",\"text\":\"Sorry, I can't help with request " + i + ".\"}")
                .toList());
        return file;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // it read its own output
    void outputThatIsTheInputIsRefusedBeforeAnythingIsTouched() throws IOException {
        Path input = answers(3);
        byte[] before = Files.readAllBytes(input);
        Path link = Files.createSymbolicLink(dir.resolve("link.jsonl"), input);
        Files.createDirectories(dir.resolve("sub"));
        String roundabout = dir.resolve("sub").resolve("..").resolve("answers.jsonl").toString();
        for (String output : List.of(input.toString(), link.toString(), roundabout)) {
            for (String command : List.of("classify", "tokenize")) {
                List<String> args = new ArrayList<>(List.of(command, "-i", input.toString(), "-o", output));
                if (command.equals("tokenize")) {
                    args.addAll(List.of("--tokenizer", dir.resolve("no-such-tokenizer.json").toString()));
                }
                CliRun run = CliRun.run(args.toArray(String[]::new));
                assertThat(run.exit()).as(run.err()).isEqualTo(2);
                assertThat(run.err()).contains("--output " + output + " is the input file " + input);
                assertThat(Files.readAllBytes(input)).isEqualTo(before);
            }
        }
    }

    @Test
    void outputsThatCannotBeWrittenSayWhyBeforeAnythingIsScored() throws IOException {
        Path input = answers(2);
        Path missing = dir.resolve("no-such-folder").resolve("out.jsonl");
        CliRun inMissingFolder = CliRun.run("classify", "-i", input.toString(), "-o", missing.toString());
        assertThat(inMissingFolder.exit()).isEqualTo(2);
        assertThat(inMissingFolder.err()).contains("--output " + missing + ": the folder " + missing.getParent()
                + " does not exist").doesNotContain("Exception");

        Path underAFile = input.resolve("out.jsonl");
        CliRun inAFile = CliRun.run("classify", "-i", input.toString(), "-o", underAFile.toString());
        assertThat(inAFile.exit()).isEqualTo(2);
        assertThat(inAFile.err()).contains("--output " + underAFile + ": " + input + " is a file, not a folder");

        CliRun folder = CliRun.run("classify", "-i", input.toString(), "-o", dir.toString());
        assertThat(folder.exit()).isEqualTo(2);
        assertThat(folder.err()).contains("--output " + dir + " is a folder; name a file");
    }

    @Test
    void anEmptyInputFileIsSaidToHoldNothing() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
        CliRun run = CliRun.run("classify", "-i", empty.toString());
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains(empty + " holds no records; nothing to classify");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aFinishedRunReplacesItsOutputAndLeavesNoPartialFile() throws IOException {
        Path input = answers(3);
        Path output = dir.resolve("out.jsonl");
        Files.writeString(output, "an earlier run's results\n");
        CliRun run = CliRun.run("classify", "-i", input.toString(), "-o", output.toString());
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(Files.readAllLines(output)).hasSize(3).allMatch(l -> l.contains("\"REJECTION\""));
        assertThat(dir.resolve("out.jsonl.partial")).doesNotExist();
    }

    @Test
    void aTextTheTokenizerCannotEncodeIsAnErrorEntryAndTheRunGoesOn() throws IOException {
        // a WordLevel tokenizer without an unknown token cannot encode a word outside its vocabulary
        Path tokenizer = Files.writeString(dir.resolve("wordlevel.json"),
                "{\"model\": {\"type\": \"WordLevel\", \"vocab\": {\"a\": 0}}}");
        Path output = Files.writeString(dir.resolve("tokens.jsonl"), "an earlier run's results\n");
        CliRun run = CliRun.run("tokenize", "--tokenizer", tokenizer.toString(), "-o", output.toString(), "hello",
                "a");
        assertThat(run.exit()).isEqualTo(ExitCodes.RECORDS_FAILED);
        assertThat(run.err()).contains("rejection tokenize: line 1: cannot tokenize: ").doesNotContain("a bug");
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("{\"line\":1,\"error\":\"line 1: cannot tokenize: ");
        assertThat(lines.get(1)).startsWith("{\"line\":2,\"ids\":[0]");
    }

    @Test
    void stdinRedirectedFromTheOutputFileIsRefused() throws IOException {
        Path input = answers(3);
        String before = Files.readString(input);
        CliRun run = CliRun.withStdinFrom(input, "classify", "-o", input.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("--output " + input + " is the input file");
        CliRun stream = CliRun.withStdinFrom(input, "classify", "--stream", "-o", input.toString());
        assertThat(stream.exit()).isEqualTo(2);
        assertThat(Files.readString(input)).isEqualTo(before);
    }

    @Test
    void aStreamWithBytesThatAreNotUtf8EndsSayingSo() {
        byte[] bytes = {'I', ' ', 'c', 'a', 'n', 'n', 'o', 't', ' ', (byte) 0xff, (byte) 0xfe, ' ', 'h', 'e', 'l', 'p'};
        CliRun run = CliRun.withStdinBytes(bytes, "classify", "--stream");
        assertThat(run.exit()).isEqualTo(1);
        assertThat(run.err()).contains("rejection classify: <stdin> holds bytes that are not UTF-8; no final verdict "
                + "was written" + System.lineSeparator()).doesNotContain("a bug", "Input length");
        assertThat(run.out()).doesNotContain("\"final\"");
    }

    @Test
    void inputsThatAreNotReadableFilesSayWhy() throws IOException {
        CliRun directory = CliRun.run("classify", "-i", dir.toString());
        assertThat(directory.exit()).isEqualTo(2);
        assertThat(directory.err()).contains("input " + dir + " is a directory").doesNotContain("not found");

        CliRun missing = CliRun.run("classify", "-i", dir.resolve("none.jsonl").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("input file not found: " + dir.resolve("none.jsonl"));
    }

    @Test
    void anUnreadableInputSaysSo() throws IOException {
        Path secret = answers(1);
        Files.setPosixFilePermissions(secret, java.util.Set.of());
        Assumptions.assumeFalse(Files.isReadable(secret), "running as root: every file is readable");
        CliRun unreadable = CliRun.run("classify", "-i", secret.toString());
        assertThat(unreadable.exit()).isEqualTo(2);
        assertThat(unreadable.err()).contains("cannot read input file " + secret + ": permission denied");
    }

    @Test
    void stdinThatCannotBeReadIsNamed() {
        InputStream failing = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("Is a directory"); // what reading a directory on fd 0 gives
            }
        };
        StringWriter err = new StringWriter();
        int exit = Main.commandLine(failing, new ByteArrayOutputStream(), new PrintWriter(err, true))
                .execute("classify");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("cannot read <stdin>: Is a directory").doesNotContain("null");
    }

    /** {@code rejection ARGS} in a child JVM, on the embedded default detector. */
    private static ProcessBuilder rejection(String... args) {
        return ChildJvm.rejection(List.of("-Xmx512m"), args);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** The child's exit status; a child still running after minutes (reading its own output) is killed. */
    private static int finish(Process process) throws InterruptedException {
        boolean ended = process.waitFor(3, TimeUnit.MINUTES);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        assertThat(ended).as("the run ends").isTrue();
        return process.exitValue();
    }

    @Test
    void aFullDiskEndsTheRunWithExitOne() throws Exception {
        Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "no /dev/full here");
        Path input = answers(20);
        // the process's own stdout, which System.out would have let fail silently
        Path err = dir.resolve("err.txt");
        Process process = rejection("classify", "-i", input.toString()).redirectOutput(new File("/dev/full"))
                .redirectError(err.toFile()).start();
        assertThat(finish(process)).as(Files.readString(err)).isEqualTo(1);
        assertThat(Files.readString(err)).contains("rejection classify: cannot write to <stdout>: No space left");
        // every writer, onto an --output file
        for (String format : List.of("jsonl", "json", "text")) {
            CliRun run = CliRun.run("classify", "-i", input.toString(), "-f", format, "-o", "/dev/full");
            assertThat(run.exit()).as(format + ": " + run.err()).isEqualTo(1);
            assertThat(run.err()).contains("cannot write to /dev/full: No space left on device");
        }
        CliRun stream = CliRun.withStdin("Sorry, I can't help with that.", "classify", "--stream", "-o", "/dev/full");
        assertThat(stream.exit()).as(stream.err()).isEqualTo(1);
        assertThat(stream.err()).contains("cannot write to /dev/full: No space left on device");
        CliRun tokenize = CliRun.run("tokenize", "--tokenizer", tokenizerFile().toString(), "-o", "/dev/full", "a b");
        assertThat(tokenize.exit()).as(tokenize.err()).isEqualTo(1);
        assertThat(tokenize.err()).contains("cannot write to /dev/full: No space left on device");
    }

    @Test
    void metricsThatCannotBeWrittenEndTheRunWithExitOne() throws IOException {
        Path data = dir.resolve("labelled.jsonl");
        Files.writeString(data, "{\"text\": \"Sorry, I can't help with that.\", \"label\": 1}\n"
                + "{\"text\": \"The capital of France is Paris.\", \"label\": 0}\n", StandardCharsets.UTF_8);
        java.io.OutputStream full = new java.io.OutputStream() { // as /dev/full answers every write
            @Override
            public void write(int b) throws IOException {
                throw new IOException("No space left on device");
            }
        };
        for (String format : List.of("json", "text")) {
            StringWriter err = new StringWriter();
            int exit = Main.commandLine(InputStream.nullInputStream(), full, new PrintWriter(err, true))
                    .execute("eval", "--data", data.toString(), "--format", format);
            // a PrintWriter swallows the failure: eval > metrics.json on a full disk exited 0 with an empty file
            assertThat(exit).as(err.toString()).isEqualTo(1);
            assertThat(err.toString()).contains("rejection eval: cannot write to stdout");
        }
    }

    /** The embedded default's tokenizer.json, copied out of the classpath. */
    private Path tokenizerFile() throws IOException {
        Path file = dir.resolve("tokenizer.json");
        try (InputStream in = getClass().getResourceAsStream("/dev/rejection/default/tokenizer.json")) {
            Files.copy(in, file);
        }
        return file;
    }

    @Test
    void aReaderThatGoesAwayEndsTheRunWithExitOne() throws Exception {
        Path input = answers(3_000);
        Path err = dir.resolve("err.txt");
        Process process = rejection("classify", "-i", input.toString()).redirectError(err.toFile()).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).contains("\"id\":\"r1\""); // then hang up, as `| head -1` does
        }
        assertThat(finish(process)).as(Files.readString(err)).isEqualTo(1);
        assertThat(Files.readString(err)).contains("cannot write to <stdout>: Broken pipe");
    }

    @Test
    void stdoutRedirectedOntoTheInputIsRefused() throws Exception {
        Path input = answers(3);
        byte[] before = Files.readAllBytes(input);
        Path err = dir.resolve("err.txt");
        String java = rejection("classify", "-i", input.toString()).command().stream()
                .map(InputOutputSafetyTest::shellQuote).collect(Collectors.joining(" "));
        Process process = new ProcessBuilder("sh", "-c", java + " >> " + shellQuote(input.toString()))
                .redirectError(err.toFile()).start();
        assertThat(finish(process)).as(Files.readString(err)).isEqualTo(2);
        assertThat(Files.readString(err)).contains("stdout is the input file " + input);
        assertThat(Files.readAllBytes(input)).isEqualTo(before);
    }

    @Test
    void stdinThatIsADirectoryIsNamed() throws Exception {
        Path err = dir.resolve("err.txt");
        String java = rejection("classify").command().stream()
                .map(InputOutputSafetyTest::shellQuote).collect(Collectors.joining(" "));
        Process process = new ProcessBuilder("sh", "-c", java + " < " + shellQuote(dir.toString()))
                .redirectError(err.toFile()).start();
        assertThat(finish(process)).as(Files.readString(err)).isEqualTo(2);
        assertThat(Files.readString(err)).contains("cannot read <stdin>: Is a directory").doesNotContain("null");
    }
}

package dev.rejection.cli;

import dev.rejection.hub.HubSettings;
import dev.rejection.onnx.OrtRuntime;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/** The {@code rejection} command: tells whether an LLM answer is a rejection (refusal) or a normal answer. */
@Command(name = "rejection", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Tell whether an LLM answer is a rejection (refusal) or a normal answer.",
        footer = {"", "Exit status: 0 success; 1 some records could not be read; 2 usage error (nothing done).",
            "Run 'rejection COMMAND --help' for a command's options."})
public final class Main implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Supplier<HubSettings> hubSettings;

    private Main(Supplier<HubSettings> hubSettings) {
        this.hubSettings = hubSettings;
    }

    /** Where Hub models come from and are cached (read from the environment when first needed). */
    HubSettings hubSettings() {
        return hubSettings.get();
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    private static final java.util.Set<String> RUNS_A_MODEL = java.util.Set.of(name(ClassifyCommand.class),
            name(EvalCommand.class), name(ServeCommand.class));

    public static void main(String[] args) {
        PrintWriter err = new PrintWriter(new PrintableWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8)),
                true);
        // not System.out: a PrintStream swallows write errors, so a full disk or a closed pipe (`| head -1`) would
        // go unnoticed while the whole input is scored into the void
        OutputStream stdout = new FileOutputStream(FileDescriptor.out);
        Path stdoutFile = Path.of("/proc/self/fd/1"); // Linux: the file stdout is redirected to, if any
        Path stdinFile = Path.of("/proc/self/fd/0");
        StdStreams std = new StdStreams(System.in, stdout, Files.exists(stdoutFile) ? stdoutFile : null,
                Files.exists(stdinFile) ? stdinFile : null);
        // commands that run a model load ONNX Runtime's native libraries meanwhile (a first verdict ~0.2 s sooner)
        Thread preload = args.length > 0 && RUNS_A_MODEL.contains(args[0]) ? OrtRuntime.preload() : null;
        int exit = commandLineFor(args, std, err, HubSettings::fromSystem).execute(args);
        if (preload != null) {
            try {
                preload.join(); // a run that ended early (a usage error) still removes the libraries' folder
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        System.exit(exit);
    }

    /**
     * The command line with every subcommand, reading {@code stdin}, writing results (UTF-8) and help to
     * {@code stdout}, and messages to {@code err}.
     */
    public static CommandLine commandLine(InputStream stdin, OutputStream stdout, PrintWriter err) {
        return commandLine(new StdStreams(stdin, stdout, null), err, HubSettings::fromSystem, null);
    }

    /** The command line with the given Hub settings instead of those from the environment (for tests). */
    static CommandLine commandLine(InputStream stdin, OutputStream stdout, PrintWriter err,
                                   Supplier<HubSettings> hubSettings) {
        return commandLine(new StdStreams(stdin, stdout, null), err, hubSettings, null);
    }

    /**
     * The command line that {@link #main} runs {@code args} with: only the subcommand that {@code args[0]} names is
     * built (picocli reflects over every option of every command it is given: ~0.2 s of a one-text run for all of
     * them); all of them for anything else ({@code --help}, a misspelt command, which then gets suggestions).
     */
    static CommandLine commandLineFor(String[] args, StdStreams std, PrintWriter err,
                                      Supplier<HubSettings> hubSettings) {
        return commandLine(std, err, hubSettings, args.length > 0 ? args[0] : null);
    }

    /**
     * @param only the one subcommand to build when it names one (the others are left out), else null for all
     */
    private static CommandLine commandLine(StdStreams std, PrintWriter err, Supplier<HubSettings> hubSettings,
                                           String only) {
        OutputStream stdout = std.out();
        // built only when added: some commands' classes initialise costly statics (a JSON mapper, ~70 ms cold)
        Map<Class<?>, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put(ClassifyCommand.class, () -> new ClassifyCommand(std));
        commands.put(TokenizeCommand.class, () -> new TokenizeCommand(std));
        // eval's --model may name a Hub model too: resolved inside the loader, whose failures eval reports
        commands.put(EvalCommand.class, () -> new EvalCommand((model, settings) -> DetectorScorer.load(
                model == null ? null : HubModels.modelDir(hubSettings.get(), err, model), settings)));
        commands.put(DownloadCommand.class, () -> new DownloadCommand(std));
        commands.put(ModelsCommand.class, () -> new ModelsCommand(std));
        commands.put(TrainCommand.class, TrainCommand::new);
        commands.put(BenchCommand.class, BenchCommand::new);
        commands.put(QuantizeCommand.class, QuantizeCommand::new);
        commands.put(AverageCommand.class, AverageCommand::new);
        commands.put(DevCommand.class, DevCommand::new);
        commands.put(ServeCommand.class, () -> new ServeCommand(System.getenv()));
        commands.put(SparkScoreCommand.class, SparkScoreCommand::new);
        boolean known = commands.keySet().stream().anyMatch(type -> name(type).equals(only));
        CommandLine cli = new CommandLine(new Main(hubSettings));
        commands.forEach((type, create) -> {
            if (!known || name(type).equals(only)) {
                // a CommandLine of its own: picocli applies a command's model transformer (eval's) only so
                cli.addSubcommand(new CommandLine(create.get()));
            }
        });
        cli.setCaseInsensitiveEnumValuesAllowed(true); // --format json, --input-format csv
        PrintWriter out = new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true);
        cli.setOut(out);
        cli.setErr(err);
        withHelpAndVersion(cli);
        cli.setParameterExceptionHandler(Main::usageError);
        cli.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command));
        cli.setExecutionStrategy(parsed -> outputChecked(new CommandLine.RunLast().execute(parsed), out, err,
                ranCommand(parsed)));
        return cli;
    }

    /**
     * The exit status, failed when what a command printed on stdout through picocli's writer (eval's metrics, a
     * listing) did not all arrive: a {@link PrintWriter} swallows write errors, so a full disk or a closed pipe would
     * otherwise leave an empty {@code metrics.json} behind a run that exited 0.
     */
    static int outputChecked(int exit, PrintWriter out, PrintWriter err, String command) {
        if (!out.checkError()) { // flushes, then says whether any write failed
            return exit;
        }
        err.println(command + ": cannot write to stdout (a full disk, or a pipe closed early): the output is "
                + "incomplete");
        return exit == ExitCodes.OK ? ExitCodes.RECORDS_FAILED : exit;
    }

    /** The qualified name of the command a parse ran ({@code rejection eval}), for its messages. */
    private static String ranCommand(CommandLine.ParseResult parsed) {
        CommandLine.ParseResult last = parsed;
        while (last.hasSubcommand()) {
            last = last.subcommand();
        }
        return last.commandSpec().qualifiedName();
    }

    private static String name(Class<?> command) {
        return command.getAnnotation(Command.class).name();
    }

    /** --help and --version on every command and subcommand, including those that do not declare them. */
    private static void withHelpAndVersion(CommandLine command) {
        command.getCommandSpec().mixinStandardHelpOptions(true);
        command.getCommandSpec().versionProvider(new Version());
        command.getSubcommands().values().forEach(Main::withHelpAndVersion);
    }

    /** A usage error: the message and a pointer to help, not the whole help text. */
    private static int usageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        err.println(command.getCommandSpec().qualifiedName() + ": " + e.getMessage());
        UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
        return ExitCodes.USAGE;
    }

    /** A failure during the run (e.g. the output disk is full): say what, without a stack trace unless it is a bug. */
    private static int failure(Exception e, CommandLine command) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof UncheckedIOException || e instanceof java.io.IOException) {
            err.println(name + ": " + ioMessage(e));
        } else if (e instanceof dev.rejection.model.ModelException) { // the model's fault: its message names it
            err.println(name + ": " + e.getMessage());
        } else {
            err.println(name + ": unexpected error (a bug; please report it with this trace):");
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /**
     * What an I/O failure says: the file and the reason for the JDK's file exceptions, whose message is often the
     * path alone ({@code NoSuchFileException: nope.jsonl}), and the causes of a wrapping exception, without repeating
     * one that already quotes its cause.
     */
    static String ioMessage(Throwable e) {
        if (e instanceof java.nio.file.FileSystemException f) {
            return f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "") + ": "
                    + IoReason.of(f);
        }
        Throwable cause = e.getCause();
        if (cause == null) {
            return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        }
        String why = cause instanceof java.io.IOException ? ioMessage(cause) : String.valueOf(cause.getMessage());
        if (e.getMessage() == null || e.getMessage().equals(cause.toString())) { // new UncheckedIOException(cause)
            return why;
        }
        return e.getMessage().contains(why) ? e.getMessage() : e.getMessage() + ": " + why;
    }
}

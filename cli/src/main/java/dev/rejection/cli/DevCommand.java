package dev.rejection.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code rejection dev}: tools for developing and testing the detector itself. */
@Command(name = "dev", description = "Developer tools (stand-in models for tests and benchmarks).",
        subcommands = StandInCommand.class)
public final class DevCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}

package dev.rejection.cli;

import picocli.CommandLine.Command;

/** {@code rejection dev}: tools for developing and testing the detector itself. */
@Command(name = "dev", description = "Developer tools (stand-in models for tests and benchmarks).",
        subcommands = StandInCommand.class)
public final class DevCommand {
}

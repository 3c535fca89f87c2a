package dev.rejection.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code rejection ARGS} in a child JVM on this test run's classpath, for what happens once per process: start-up,
 * the JVM's own flags and modules, its temporary directory, its standard streams.
 */
final class ChildJvm {
    private ChildJvm() {
    }

    /** This JVM's {@code java}, then {@code jvmFlags}, then {@code Main ARGS}. */
    static ProcessBuilder rejection(List<String> jvmFlags, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }
}

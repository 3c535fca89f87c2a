package dev.rejection.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rejection} launcher script, copied into a project of its own with a jar that is up to date and a
 * {@code java} that prints what it was asked to run: where it finds the project, and what it says when it cannot run.
 */
class LauncherScriptTest {
    private static final Path SCRIPT = Path.of("").toAbsolutePath().getParent().resolve("rejection");

    @TempDir
    Path tmp;

    private record Run(int exit, String out, String err) {
    }

    /** A project holding the script and an up-to-date jar, and a JDK 17 whose java echoes its arguments. */
    private Path project() throws IOException {
        Path project = Files.createDirectories(tmp.resolve("install dir/project"));
        Files.copy(SCRIPT, project.resolve("rejection"));
        Files.createDirectories(project.resolve("cli/target"));
        Files.writeString(project.resolve("cli/target/rejection.jar"), "a jar");
        Path bin = Files.createDirectories(tmp.resolve("jdk/bin"));
        Files.writeString(tmp.resolve("jdk/release"), "JAVA_VERSION=\"17.0.9\"\n");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return project;
    }

    private Run run(Path script, Map<String, String> env, String... args) throws Exception {
        String[] command = new String[args.length + 2];
        command[0] = "bash";
        command[1] = script.toString();
        System.arraycopy(args, 0, command, 2, args.length);
        ProcessBuilder builder = new ProcessBuilder(command).directory(tmp.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void startedThroughALinkItRunsTheJarOfTheProjectTheScriptIsIn() throws Exception {
        Path project = project();
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("bin")).resolve("rejection"),
                project.resolve("rejection"));
        Run run = run(link, Map.of("JAVA_HOME", tmp.resolve("jdk").toString()), "classify", "two words");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("-jar " + project.resolve("cli/target/rejection.jar") + " classify two words");
        assertThat(run.err()).doesNotContain("building");
    }

    @Test
    void aFolderForTheStartUpArchiveThatCannotBeMadeOnlyCostsTheSpeedUp() throws Exception {
        Path project = project();
        Files.writeString(project.resolve("cli/target/cds"), "a file in the way, as a read-only install has");
        Run run = run(project.resolve("rejection"), Map.of("JAVA_HOME", tmp.resolve("jdk").toString()), "models");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("-jar " + project.resolve("cli/target/rejection.jar") + " models");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void javaOptsAreSplitIntoWordsButNotExpandedIntoFileNames() throws Exception {
        Path project = project();
        Run run = run(project.resolve("rejection"), Map.of("JAVA_HOME", tmp.resolve("jdk").toString(),
                "JAVA_OPTS", "-Xmx1g *"), "models");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("java -Xmx1g * -D"); // the files in the working folder are not listed
    }

    @Test
    void aJavaHomeWithoutJavaIsNamed() throws Exception {
        Path project = project();
        Run run = run(project.resolve("rejection"), Map.of("JAVA_HOME", tmp.resolve("nowhere").toString()), "models");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("JAVA_HOME is " + tmp.resolve("nowhere") + ", which holds no bin/java");
    }

    @Test
    void theFirstBuildKeepsMavensColourResetsOffStderrAndKeepsTheUsersMavenOpts() throws Exception {
        Path project = project();
        Files.delete(project.resolve("cli/target/rejection.jar"));
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"),
                "#!/bin/sh\necho \"mvn MAVEN_OPTS=$MAVEN_OPTS\" >&2\necho jar > cli/target/rejection.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Run run = run(project.resolve("rejection"), Map.of("JAVA_HOME", tmp.resolve("jdk").toString(),
                "PATH", bin + ":" + System.getenv("PATH"), "MAVEN_OPTS", "-Xmx1g"), "models");
        assertThat(run.exit()).isZero();
        assertThat(run.err()).contains("mvn MAVEN_OPTS=-Djansi.noreset=true -Xmx1g");
        assertThat(run.out()).startsWith("java ");
    }
}

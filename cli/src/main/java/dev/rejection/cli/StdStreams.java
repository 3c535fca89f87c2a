package dev.rejection.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The process's standard input and output as bytes, passed to commands rather than read from {@code System} so
 * that tests can drive them. Output is written as UTF-8 whatever the platform's default charset, so JSON stays
 * valid; messages for people go to picocli's error writer.
 *
 * @param outFile the file stdout is redirected to, where the platform can tell ({@code /proc/self/fd/1} on Linux),
 *                so that a command can refuse to overwrite its own input; null when unknown
 * @param inFile  the file stdin is read from, the same way ({@code /proc/self/fd/0}), so that {@code -o} cannot
 *                name it; null when unknown
 */
record StdStreams(InputStream in, OutputStream out, Path outFile, Path inFile) {
    StdStreams(InputStream in, OutputStream out, Path outFile) {
        this(in, out, outFile, null);
    }
}

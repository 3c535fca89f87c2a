package dev.rejection.cli;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * The process's standard input and output as bytes, passed to commands rather than read from {@code System} so
 * that tests can drive them. Output is written as UTF-8 whatever the platform's default charset, so JSON stays
 * valid; messages for people go to picocli's error writer.
 */
record StdStreams(InputStream in, OutputStream out) {
}

package dev.rejection.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream a command's results go to, naming its destination when a write fails (a full disk, a reader such as
 * {@code head} that has gone away), so that the run ends with that message and exit status 1 instead of going on
 * writing into the void. Closing it closes a file but only flushes stdout, which belongs to the process.
 */
final class NamedOutput extends FilterOutputStream {
    private final String name;
    private final boolean ownsStream;

    private NamedOutput(OutputStream out, String name, boolean ownsStream) {
        super(out);
        this.name = name;
        this.ownsStream = ownsStream;
    }

    /** The process's stdout: flushed, never closed. */
    static NamedOutput stdout(OutputStream out) {
        return new NamedOutput(out, "<stdout>", false);
    }

    /** A file the command opened: closed with it. */
    static NamedOutput file(OutputStream out, String name) {
        return new NamedOutput(out, name, true);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw failed(e);
        }
    }

    @Override
    public void close() throws IOException {
        flush();
        if (ownsStream) {
            try {
                out.close();
            } catch (IOException e) {
                throw failed(e);
            }
        }
    }

    private IOException failed(IOException e) {
        // the cause's message is the system's reason ("Broken pipe", "No space left on device")
        return e instanceof WriteFailure ? e : new WriteFailure("cannot write to " + name, e);
    }

    /** A write to the results' destination failed: the run stops there. */
    static final class WriteFailure extends IOException {
        WriteFailure(String message, IOException cause) {
            super(message, cause);
        }
    }
}

package dev.rejection.cli;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The stream a command's results go to, naming its destination when a write fails (a full disk, a reader such as
 * {@code head} that has gone away), so that the run ends with that message and exit status 1 instead of going on
 * writing into the void. Closing it closes a file but only flushes stdout, which belongs to the process.
 *
 * <p>A file is written beside its destination as {@code NAME.partial} (or, when a file of that name is there already,
 * {@code NAME.1.partial}, ...) and moved onto it when closed after
 * {@link #finish()}: a run that is killed, interrupted or fails before it has written every result leaves the file it
 * was to replace as it was, and what it had written in {@code NAME.partial}; a run whose writes failed (a full disk)
 * removes its partial file and leaves the destination as it was.
 */
final class NamedOutput extends FilterOutputStream {
    /** What a file's results are written to until the run ends: its name with this added. */
    static final String PARTIAL = ".partial";

    private final String name;
    private final boolean ownsStream;
    private final Path partial;
    private final Path destination;
    private boolean failed;
    private boolean finished;
    private boolean closed;

    private NamedOutput(OutputStream out, String name, boolean ownsStream, Path partial, Path destination) {
        super(out);
        this.name = name;
        this.ownsStream = ownsStream;
        this.partial = partial;
        this.destination = destination;
    }

    /** The process's stdout: flushed, never closed. */
    static NamedOutput stdout(OutputStream out) {
        return new NamedOutput(out, "<stdout>", false, null, null);
    }

    /**
     * A file, created or replaced when the stream is closed; written until then to {@code NAME.partial} beside it
     * (beside the file a link points to). A path that is not a regular file, such as {@code /dev/stdout} or a
     * named pipe, is written to directly: there is nothing to keep, and a device must not be replaced by a file.
     *
     * @param name how messages name it (as the user gave it)
     * @throws IOException when the file cannot be opened
     */
    static NamedOutput file(Path file, String name) throws IOException {
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            return new NamedOutput(Files.newOutputStream(file), name, true, null, null);
        }
        Path destination = Files.exists(file) ? file.toRealPath() : file;
        // a file already there by that name (a broken-off run's, or the user's own) is never written over: the
        // next free name is taken, NAME.1.partial, NAME.2.partial, ...
        for (int n = 0; ; n++) {
            Path partial = destination.resolveSibling(destination.getFileName() + (n == 0 ? "" : "." + n) + PARTIAL);
            try {
                return new NamedOutput(Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), name, true, partial, destination);
            } catch (FileAlreadyExistsException e) {
                if (n >= 99) {
                    throw new FileAlreadyExistsException(partial.toString(), null, "100 partial files of " + name
                            + " are in the way; remove them");
                }
            }
        }
    }

    /** Every result is written: closing may now move a file into place. */
    void finish() {
        finished = true;
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
        if (closed) {
            return;
        }
        closed = true;
        try {
            flush();
            if (ownsStream) {
                out.close();
            }
        } catch (IOException e) {
            throw failed(e);
        } finally {
            if (partial != null) {
                settle();
            }
        }
    }

    /**
     * Moves the partial file onto the destination once every result is written; removes it when a write failed;
     * else (the run failed) leaves it beside the destination, which keeps what it had.
     */
    private void settle() throws IOException {
        if (failed) {
            Files.deleteIfExists(partial);
            return;
        }
        if (!finished) {
            if (Files.size(partial) == 0) {
                Files.delete(partial); // nothing was written: nothing to keep
            }
            return;
        }
        try {
            try {
                Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new WriteFailure("cannot move " + partial + " onto " + name + ": " + IoReason.of(e), e);
        }
    }

    private IOException failed(IOException e) {
        failed = true;
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

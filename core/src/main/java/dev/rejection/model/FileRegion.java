package dev.rejection.model;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Where a resource's bytes lie as they are in a file on disk: a file of its own ({@code file:} URL), or an entry
 * stored uncompressed in a jar ({@code jar:file:...!/entry}), so that they can be mapped or referred to by offset
 * instead of read through a stream.
 *
 * @param file   the file holding the bytes
 * @param offset where they start
 * @param length how many there are
 */
public record FileRegion(Path file, long offset, long length) {

    private static final int LOCAL_HEADER = 0x04034b50;
    private static final int CENTRAL_HEADER = 0x02014b50;
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int STORED = 0;

    /**
     * The region of the resource at {@code url}; empty when it is not on disk as it is (a deflated jar entry, a jar
     * inside a jar, ZIP64, another protocol): then it is read through its stream.
     */
    public static Optional<FileRegion> of(URL url) {
        try {
            if (url.getProtocol().equals("file")) {
                Path file = Path.of(url.toURI());
                return Optional.of(new FileRegion(file, 0, Files.size(file)));
            }
            if (url.getProtocol().equals("jar")) {
                String spec = url.getPath(); // file:/path/app.jar!/dev/rejection/default/onnx/model.onnx
                int bang = spec.indexOf("!/");
                if (bang < 0 || !spec.startsWith("file:") || spec.indexOf("!/", bang + 2) >= 0) {
                    return Optional.empty();
                }
                Path jar = Path.of(new URL(spec.substring(0, bang)).toURI());
                String entry = URLDecoder.decode(spec.substring(bang + 2), StandardCharsets.UTF_8);
                return storedEntry(jar, entry);
            }
        } catch (IOException | URISyntaxException | IllegalArgumentException e) {
            // not a plain file after all: read through the stream
        }
        return Optional.empty();
    }

    /** The bytes of {@code entry} when the zip file {@code jar} stores it uncompressed (from its central directory). */
    static Optional<FileRegion> storedEntry(Path jar, String entry) throws IOException {
        try (FileChannel channel = FileChannel.open(jar, StandardOpenOption.READ)) {
            long size = channel.size();
            int tailLength = (int) Math.min(size, 22 + 0xFFFF); // end record and the longest comment
            ByteBuffer tail = read(channel, size - tailLength, tailLength);
            int end = -1;
            for (int i = tailLength - 22; i >= 0; i--) {
                if (tail.getInt(i) == END_OF_CENTRAL_DIRECTORY) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                return Optional.empty();
            }
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (directoryOffset == 0xFFFFFFFFL || directoryOffset + directorySize > size) {
                return Optional.empty(); // ZIP64, or not a zip we understand
            }
            ByteBuffer directory = read(channel, directoryOffset, (int) directorySize);
            byte[] wanted = entry.getBytes(StandardCharsets.UTF_8);
            int at = 0;
            while (at + 46 <= directory.limit() && directory.getInt(at) == CENTRAL_HEADER) {
                int method = Short.toUnsignedInt(directory.getShort(at + 10));
                long compressed = Integer.toUnsignedLong(directory.getInt(at + 20));
                long uncompressed = Integer.toUnsignedLong(directory.getInt(at + 24));
                int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
                int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
                int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
                long localHeader = Integer.toUnsignedLong(directory.getInt(at + 42));
                if (nameLength == wanted.length && directory.slice(at + 46, nameLength).equals(ByteBuffer.wrap(wanted))) {
                    if (method != STORED || compressed != uncompressed || localHeader == 0xFFFFFFFFL) {
                        return Optional.empty();
                    }
                    ByteBuffer local = read(channel, localHeader, 30);
                    if (local.getInt(0) != LOCAL_HEADER) {
                        return Optional.empty();
                    }
                    long data = localHeader + 30 + Short.toUnsignedInt(local.getShort(26))
                            + Short.toUnsignedInt(local.getShort(28));
                    return data + uncompressed <= size ? Optional.of(new FileRegion(jar, data, uncompressed))
                            : Optional.empty();
                }
                at += 46 + nameLength + extraLength + commentLength;
            }
            return Optional.empty();
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("zip file ends at " + (position + buffer.position()));
            }
        }
        return buffer.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The region's bytes, mapped read-only (pages are read as they are touched). */
    public ByteBuffer map() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, offset, length);
        }
    }
}

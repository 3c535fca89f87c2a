package dev.rejection.onnx.proto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire-format output. A message's length prefix is found by first writing it to a counting
 * writer (no bytes move, raw tensor data is only measured), so a model streams to disk without being held twice,
 * or fills an array of exactly its size with bulk copies.
 */
final class WireWriter {

    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    /** The body of one message: writes its fields. */
    interface Body {
        void writeTo(WireWriter w) throws IOException;
    }

    private final OutputStream out; // with array, both null: only count
    private final byte[] array;
    private long written;

    private WireWriter(OutputStream out, byte[] array) {
        this.out = out;
        this.array = array;
    }

    static WireWriter to(OutputStream out) {
        return new WireWriter(out, null);
    }

    /** Writes into {@code array} from its start; the caller sized it with {@link #sizeOf}. */
    static WireWriter into(byte[] array) {
        return new WireWriter(null, array);
    }

    static long sizeOf(Body body) {
        WireWriter counter = new WireWriter(null, null);
        try {
            body.writeTo(counter);
        } catch (IOException e) {
            throw new IllegalStateException("counting writer cannot fail", e);
        }
        return counter.written;
    }

    long written() {
        return written;
    }

    void int64(int field, long value) throws IOException {
        tag(field, VARINT);
        varint(value);
    }

    void float32(int field, float value) throws IOException {
        tag(field, FIXED32);
        int bits = Float.floatToRawIntBits(value);
        for (int i = 0; i < 4; i++) {
            write(bits >>> (8 * i));
        }
    }

    /** A singular string: written only when set, as proto2 leaves unset optionals out. */
    void optionalString(int field, String value) throws IOException {
        if (value != null && !value.isEmpty()) {
            string(field, value);
        }
    }

    /** An element of a repeated string field: always written (an empty node input means "omitted"). */
    void string(int field, String value) throws IOException {
        bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(int field, byte[] value) throws IOException {
        tag(field, LENGTH_DELIMITED);
        varint(value.length);
        writeBytes(value, 0, value.length);
    }

    void bytes(int field, ByteBuffer value) throws IOException {
        ByteBuffer b = value.duplicate();
        tag(field, LENGTH_DELIMITED);
        varint(b.remaining());
        if (array != null) {
            int n = b.remaining();
            b.get(array, Math.toIntExact(written), n); // one bulk copy, also from a mapped file
            written += n;
        } else if (out == null) {
            written += b.remaining();
        } else if (b.hasArray()) {
            writeBytes(b.array(), b.arrayOffset() + b.position(), b.remaining());
        } else {
            byte[] chunk = new byte[1 << 16];
            while (b.hasRemaining()) {
                int n = Math.min(chunk.length, b.remaining());
                b.get(chunk, 0, n);
                writeBytes(chunk, 0, n);
            }
        }
    }

    void message(int field, Body body) throws IOException {
        tag(field, LENGTH_DELIMITED);
        varint(sizeOf(body));
        body.writeTo(this);
    }

    /** Fields kept verbatim from a read message (tags included). */
    void raw(byte[] encodedFields) throws IOException {
        writeBytes(encodedFields, 0, encodedFields.length);
    }

    private void tag(int field, int wireType) throws IOException {
        varint(((long) field << 3) | wireType);
    }

    private void varint(long value) throws IOException {
        while ((value & ~0x7FL) != 0) {
            write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        write((int) value);
    }

    private void write(int b) throws IOException {
        if (array != null) {
            array[(int) written] = (byte) b;
        } else if (out != null) {
            out.write(b);
        }
        written++;
    }

    private void writeBytes(byte[] b, int off, int len) throws IOException {
        if (array != null) {
            System.arraycopy(b, off, array, (int) written, len);
        } else if (out != null) {
            out.write(b, off, len);
        }
        written += len;
    }
}

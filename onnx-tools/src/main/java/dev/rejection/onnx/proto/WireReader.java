package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire-format input over a buffer. Length-delimited fields come back as slices of the same
 * buffer, so tensor data read from a memory-mapped file is never copied. Errors name the source and byte offset.
 */
final class WireReader {

    private final ByteBuffer buf;
    private final String source;
    private final long base; // offset of buf's start within the source, for error messages
    private int field;
    private int wireType;
    private int fieldStart;

    WireReader(ByteBuffer buffer, String source) {
        this(buffer.slice(), source, 0);
    }

    private WireReader(ByteBuffer slice, String source, long base) {
        this.buf = slice;
        this.source = source;
        this.base = base;
    }

    /** Advances to the next field; false at the end of the message. */
    boolean next() {
        if (!buf.hasRemaining()) {
            return false;
        }
        fieldStart = buf.position();
        long tag = varint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (field <= 0) {
            throw error("invalid field number " + field);
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!buf.hasRemaining()) {
                throw error("truncated varint");
            }
            byte b = buf.get();
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw error("malformed varint");
    }

    int fixed32() {
        need(4);
        return buf.order(ByteOrder.LITTLE_ENDIAN).getInt();
    }

    long fixed64() {
        need(8);
        return buf.order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** Where the reader stands, in bytes from the start of the buffer it was created on. */
    long offset() {
        return base + buf.position();
    }

    ByteBuffer bytes() {
        long len = varint();
        if (len < 0 || len > buf.remaining()) {
            throw error("length " + len + " runs past the end of the message");
        }
        ByteBuffer slice = buf.slice();
        slice.limit((int) len);
        buf.position(buf.position() + (int) len);
        return slice;
    }

    byte[] byteArray() {
        ByteBuffer b = bytes();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }

    String string() {
        return new String(byteArray(), StandardCharsets.UTF_8);
    }

    WireReader message() {
        ByteBuffer body = bytes();
        return new WireReader(body, source, base + buf.position() - body.remaining());
    }

    /** Skips the current field's value and appends the whole field (tag included) to {@code keep}. */
    void keep(ByteArrayOutputStream keep) {
        skip();
        ByteBuffer whole = buf.duplicate();
        whole.position(fieldStart);
        whole.limit(buf.position());
        byte[] a = new byte[whole.remaining()];
        whole.get(a);
        keep.writeBytes(a);
    }

    void skip() {
        switch (wireType) {
            case WireWriter.VARINT -> varint();
            case WireWriter.FIXED64 -> fixed64();
            case WireWriter.LENGTH_DELIMITED -> bytes();
            case WireWriter.FIXED32 -> fixed32();
            default -> throw error("unsupported wire type " + wireType + " for field " + field);
        }
    }

    /** A repeated varint field element, packed or not; calls {@code sink} for each value. */
    void varints(LongSink sink) {
        if (wireType == WireWriter.LENGTH_DELIMITED) {
            WireReader packed = message();
            while (packed.buf.hasRemaining()) {
                sink.accept(packed.varint());
            }
        } else {
            expect(WireWriter.VARINT);
            sink.accept(varint());
        }
    }

    /** A repeated fixed32 field element, packed or not; calls {@code sink} with the raw bits. */
    void fixed32s(LongSink sink) {
        if (wireType == WireWriter.LENGTH_DELIMITED) {
            WireReader packed = message();
            while (packed.buf.hasRemaining()) {
                sink.accept(packed.fixed32() & 0xFFFFFFFFL);
            }
        } else {
            expect(WireWriter.FIXED32);
            sink.accept(fixed32() & 0xFFFFFFFFL);
        }
    }

    /** A repeated fixed64 field element, packed or not. */
    void fixed64s(LongSink sink) {
        if (wireType == WireWriter.LENGTH_DELIMITED) {
            WireReader packed = message();
            while (packed.buf.hasRemaining()) {
                sink.accept(packed.fixed64());
            }
        } else {
            expect(WireWriter.FIXED64);
            sink.accept(fixed64());
        }
    }

    void expect(int expectedWireType) {
        if (wireType != expectedWireType) {
            throw error("field " + field + " has wire type " + wireType + ", expected " + expectedWireType);
        }
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ": " + message + " at byte " + (base + buf.position()));
    }

    private void need(int n) {
        if (buf.remaining() < n) {
            throw error("truncated field");
        }
    }

    interface LongSink {
        void accept(long value);
    }
}

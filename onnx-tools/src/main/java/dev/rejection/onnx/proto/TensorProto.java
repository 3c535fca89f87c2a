package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ONNX tensor (a graph initializer or a tensor attribute). Numeric values always sit in {@code rawData},
 * little-endian as ONNX stores them; the reader converts the typed fields ({@code float_data},
 * {@code int64_data}, ...) older exporters use into that form, and the writer always writes {@code raw_data}.
 *
 * @param name     the tensor's name (how nodes refer to an initializer)
 * @param dataType element type
 * @param dims     shape; empty for a scalar
 * @param rawData  the values, little-endian; empty for {@link DataType#STRING}
 * @param strings  the values of a {@link DataType#STRING} tensor, else empty
 * @param extra    fields this class does not model (e.g. {@code doc_string}), kept verbatim so nothing is lost
 * @param rawDataOffset where {@code rawData} starts in the bytes the tensor was parsed from, or -1
 * @param external where the values are kept instead of {@code rawData} (then empty), or null: ONNX external data
 */
public record TensorProto(String name, DataType dataType, long[] dims, ByteBuffer rawData, List<byte[]> strings,
                          byte[] extra, long rawDataOffset, ExternalData external) {

    /**
     * Values kept outside the graph: {@code length} bytes at {@code offset} of {@code file}, a file name relative to
     * the folder the graph is read from (ONNX's {@code external_data} entries {@code location}, {@code offset},
     * {@code length}).
     */
    public record ExternalData(String file, long offset, long length) {
        public ExternalData {
            Objects.requireNonNull(file, "file");
            if (offset < 0 || length < 0) {
                throw new IllegalArgumentException("external data of " + file + ": offset " + offset + ", length "
                        + length);
            }
        }
    }

    public TensorProto {
        Objects.requireNonNull(dataType, "dataType");
        dims = dims.clone();
        rawData = rawData.asReadOnlyBuffer().slice().order(ByteOrder.LITTLE_ENDIAN);
        strings = List.copyOf(strings);
        name = name == null ? "" : name;
        long count = elementCount(dims);
        if (dataType == DataType.STRING) {
            if (strings.size() != count) {
                throw new IllegalArgumentException("tensor '" + name + "': " + strings.size()
                        + " strings for shape " + Arrays.toString(dims));
            }
        } else if (external != null) {
            if (rawData.hasRemaining() || external.length() != count * dataType.byteSize()) {
                throw new IllegalArgumentException("tensor '" + name + "': " + external.length() + " bytes of "
                        + "external data (and " + rawData.remaining() + " inline) for " + dataType + " shape "
                        + Arrays.toString(dims));
            }
        } else if (rawData.remaining() != count * dataType.byteSize()) {
            throw new IllegalArgumentException("tensor '" + name + "': " + rawData.remaining() + " bytes of data for "
                    + dataType + " shape " + Arrays.toString(dims) + " (expected " + count * dataType.byteSize() + ")");
        }
    }

    /** A numeric tensor over little-endian {@code data}. */
    public static TensorProto of(String name, DataType type, ByteBuffer data, long... dims) {
        return new TensorProto(name, type, dims, data, List.of(), new byte[0], -1, null);
    }

    public static TensorProto ofFloats(String name, float[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return of(name, DataType.FLOAT, b, dims);
    }

    public static TensorProto ofLongs(String name, long[] values, long... dims) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return of(name, DataType.INT64, b, dims);
    }

    /** A copy under another name. */
    public TensorProto withName(String newName) {
        return new TensorProto(newName, dataType, dims, rawData, strings, extra, rawDataOffset, external);
    }

    /**
     * This tensor as a reference to its values where they were read from: the same bytes of {@code file}, the name
     * of the parsed file relative to the folder a session will read the graph from. No values are copied.
     *
     * @param base where the parsed bytes start in {@code file} (0 for a whole file; a jar entry's data offset)
     * @throws IllegalStateException when the values were not read as one {@code raw_data} field of a file
     */
    public TensorProto storedIn(String file, long base) {
        if (rawDataOffset < 0 || external != null || dataType == DataType.STRING) {
            throw new IllegalStateException("tensor '" + name + "' was not read from raw data in a file");
        }
        return new TensorProto(name, dataType, dims, ByteBuffer.allocate(0), strings, extra, -1,
                new ExternalData(file, base + rawDataOffset, rawData.remaining()));
    }

    @Override
    public long[] dims() {
        return dims.clone();
    }

    /** The values as a read-only little-endian buffer (a view; no copy). */
    @Override
    public ByteBuffer rawData() {
        return rawData.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    }

    public long elementCount() {
        return elementCount(dims);
    }

    public float[] floats() {
        require(DataType.FLOAT);
        float[] v = new float[(int) elementCount()];
        rawData().asFloatBuffer().get(v);
        return v;
    }

    public long[] longs() {
        require(DataType.INT64);
        long[] v = new long[(int) elementCount()];
        rawData().asLongBuffer().get(v);
        return v;
    }

    public int[] ints() {
        require(DataType.INT32);
        int[] v = new int[(int) elementCount()];
        rawData().asIntBuffer().get(v);
        return v;
    }

    @Override
    public String toString() {
        return "TensorProto[" + name + " " + dataType + " " + Arrays.toString(dims) + "]";
    }

    private void require(DataType type) {
        if (dataType != type) {
            throw new IllegalStateException("tensor '" + name + "' is " + dataType + ", not " + type);
        }
    }

    private static long elementCount(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(dims));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    // ---- wire format (onnx.proto TensorProto) ----

    private static final int DIMS = 1;
    private static final int DATA_TYPE = 2;
    private static final int FLOAT_DATA = 4;
    private static final int INT32_DATA = 5;
    private static final int STRING_DATA = 6;
    private static final int INT64_DATA = 7;
    private static final int NAME = 8;
    private static final int RAW_DATA = 9;
    private static final int DOUBLE_DATA = 10;
    private static final int UINT64_DATA = 11;
    private static final int EXTERNAL_DATA = 13;
    private static final int DATA_LOCATION = 14;
    private static final int EXTERNAL = 1;
    private static final int ENTRY_KEY = 1;
    private static final int ENTRY_VALUE = 2;

    void writeTo(WireWriter w) throws IOException {
        for (long d : dims) {
            w.int64(DIMS, d);
        }
        w.int64(DATA_TYPE, dataType.code());
        for (byte[] s : strings) {
            w.bytes(STRING_DATA, s);
        }
        w.optionalString(NAME, name);
        if (external != null) {
            entry(w, "location", external.file());
            entry(w, "offset", Long.toString(external.offset()));
            entry(w, "length", Long.toString(external.length()));
            w.int64(DATA_LOCATION, EXTERNAL);
        } else if (dataType != DataType.STRING) {
            w.bytes(RAW_DATA, rawData);
        }
        w.raw(extra);
    }

    private static void entry(WireWriter w, String key, String value) throws IOException {
        w.message(EXTERNAL_DATA, e -> {
            e.string(ENTRY_KEY, key);
            e.string(ENTRY_VALUE, value);
        });
    }

    static TensorProto read(WireReader r) {
        long[] dims = new long[0];
        LongList dimList = new LongList();
        int typeCode = 0;
        String name = "";
        ByteBuffer raw = null;
        long rawOffset = -1;
        List<byte[]> strings = new ArrayList<>();
        LongList typed = new LongList(); // values of whichever typed field is used, as bits
        int typedField = 0;
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case DIMS -> r.varints(dimList::add);
                case DATA_TYPE -> typeCode = (int) r.varint();
                case NAME -> name = r.string();
                case RAW_DATA -> {
                    raw = r.bytes();
                    rawOffset = r.offset() - raw.remaining();
                }
                case STRING_DATA -> strings.add(r.byteArray());
                case FLOAT_DATA -> {
                    typedField = FLOAT_DATA;
                    r.fixed32s(typed::add);
                }
                case DOUBLE_DATA -> {
                    typedField = DOUBLE_DATA;
                    r.fixed64s(typed::add);
                }
                case INT32_DATA, INT64_DATA, UINT64_DATA -> {
                    typedField = r.field();
                    r.varints(typed::add);
                }
                case DATA_LOCATION -> {
                    long location = r.varint();
                    if (location == EXTERNAL) {
                        throw r.error("tensor '" + name + "' keeps its data in an external file, which is not supported");
                    }
                }
                default -> r.keep(extra);
            }
        }
        dims = dimList.toArray();
        DataType type = DataType.of(typeCode);
        if (raw == null) {
            raw = fromTyped(type, typedField, typed, name);
        }
        return new TensorProto(name, type, dims, raw, strings, extra.toByteArray(), rawOffset, null);
    }

    /** Packs the values of a typed data field into raw little-endian bytes of {@code type}. */
    private static ByteBuffer fromTyped(DataType type, int field, LongList values, String name) {
        if (type == DataType.STRING) {
            return ByteBuffer.allocate(0);
        }
        int size = type.byteSize();
        // float_data holds 4-byte floats (two per COMPLEX64 element), double_data 8-byte doubles
        int valueSize = switch (field) {
            case FLOAT_DATA -> 4;
            case DOUBLE_DATA -> 8;
            case 0 -> size;
            default -> type == DataType.COMPLEX64 || type == DataType.COMPLEX128 ? size / 2 : size;
        };
        ByteBuffer b = ByteBuffer.allocate(values.size() * valueSize).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < values.size(); i++) {
            long v = values.get(i);
            switch (valueSize) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> b.putInt((int) v);
                case 8 -> b.putLong(v);
                default -> throw new IllegalArgumentException("tensor '" + name + "': cannot read typed data of " + type);
            }
        }
        return b.flip();
    }

    /** A growable array of longs (avoids boxing millions of values in old-style typed fields). */
    static final class LongList {
        private long[] values = new long[8];
        private int size;

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        long get(int i) {
            return values[i];
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}

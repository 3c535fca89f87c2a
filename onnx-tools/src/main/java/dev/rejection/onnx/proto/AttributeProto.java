package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A node attribute: a name and one typed value. Build with the {@code of...} factories, read with the typed
 * accessors ({@link #asLong()}, {@link #asFloats()}, ...), which fail naming the attribute on a type mismatch.
 */
public final class AttributeProto {

    /** {@code AttributeProto.AttributeType}. Sparse tensors and type protos are kept, opaque, in {@link #extra()}. */
    public enum Type {
        UNDEFINED(0), FLOAT(1), INT(2), STRING(3), TENSOR(4), GRAPH(5), FLOATS(6), INTS(7), STRINGS(8), TENSORS(9),
        GRAPHS(10), SPARSE_TENSOR(11), SPARSE_TENSORS(12), TYPE_PROTO(13), TYPE_PROTOS(14);

        private final int code;

        Type(int code) {
            this.code = code;
        }

        static Type of(int code) {
            for (Type t : values()) {
                if (t.code == code) {
                    return t;
                }
            }
            throw new IllegalArgumentException("unknown attribute type " + code);
        }
    }

    private final String name;
    private final Type type;
    private final Object value;
    private final byte[] extra;

    private AttributeProto(String name, Type type, Object value, byte[] extra) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = type;
        this.value = value;
        this.extra = extra;
    }

    public static AttributeProto ofFloat(String name, float v) {
        return new AttributeProto(name, Type.FLOAT, v, new byte[0]);
    }

    public static AttributeProto ofInt(String name, long v) {
        return new AttributeProto(name, Type.INT, v, new byte[0]);
    }

    public static AttributeProto ofString(String name, String v) {
        return new AttributeProto(name, Type.STRING, v.getBytes(StandardCharsets.UTF_8), new byte[0]);
    }

    public static AttributeProto ofTensor(String name, TensorProto v) {
        return new AttributeProto(name, Type.TENSOR, v, new byte[0]);
    }

    public static AttributeProto ofGraph(String name, GraphProto v) {
        return new AttributeProto(name, Type.GRAPH, v, new byte[0]);
    }

    public static AttributeProto ofFloats(String name, float... v) {
        return new AttributeProto(name, Type.FLOATS, v.clone(), new byte[0]);
    }

    public static AttributeProto ofInts(String name, long... v) {
        return new AttributeProto(name, Type.INTS, v.clone(), new byte[0]);
    }

    public String name() {
        return name;
    }

    public Type type() {
        return type;
    }

    /** Fields this class does not model, kept verbatim. */
    public byte[] extra() {
        return extra.clone();
    }

    public float asFloat() {
        return (Float) expect(Type.FLOAT);
    }

    public long asLong() {
        return (Long) expect(Type.INT);
    }

    public String asString() {
        return new String((byte[]) expect(Type.STRING), StandardCharsets.UTF_8);
    }

    public TensorProto asTensor() {
        return (TensorProto) expect(Type.TENSOR);
    }

    public GraphProto asGraph() {
        return (GraphProto) expect(Type.GRAPH);
    }

    public float[] asFloats() {
        return ((float[]) expect(Type.FLOATS)).clone();
    }

    public long[] asLongs() {
        return ((long[]) expect(Type.INTS)).clone();
    }

    @SuppressWarnings("unchecked")
    public List<String> asStrings() {
        List<String> out = new ArrayList<>();
        for (byte[] s : (List<byte[]>) expect(Type.STRINGS)) {
            out.add(new String(s, StandardCharsets.UTF_8));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    public List<TensorProto> asTensors() {
        return (List<TensorProto>) expect(Type.TENSORS);
    }

    @SuppressWarnings("unchecked")
    public List<GraphProto> asGraphs() {
        return (List<GraphProto>) expect(Type.GRAPHS);
    }

    @Override
    public String toString() {
        return "AttributeProto[" + name + " " + type + "]";
    }

    private Object expect(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("attribute '" + name + "' is " + type + ", not " + expected);
        }
        return value;
    }

    // ---- wire format (onnx.proto AttributeProto) ----

    private static final int NAME = 1;
    private static final int F = 2;
    private static final int I = 3;
    private static final int S = 4;
    private static final int T = 5;
    private static final int G = 6;
    private static final int FLOATS = 7;
    private static final int INTS = 8;
    private static final int STRINGS = 9;
    private static final int TENSORS = 10;
    private static final int GRAPHS = 11;
    private static final int TYPE = 20;

    @SuppressWarnings("unchecked")
    void writeTo(WireWriter w) throws IOException {
        w.string(NAME, name);
        switch (type) {
            case FLOAT -> w.float32(F, (Float) value);
            case INT -> w.int64(I, (Long) value);
            case STRING -> w.bytes(S, (byte[]) value);
            case TENSOR -> w.message(T, ((TensorProto) value)::writeTo);
            case GRAPH -> w.message(G, ((GraphProto) value)::writeTo);
            case FLOATS -> {
                for (float f : (float[]) value) {
                    w.float32(FLOATS, f);
                }
            }
            case INTS -> {
                for (long i : (long[]) value) {
                    w.int64(INTS, i);
                }
            }
            case STRINGS -> {
                for (byte[] s : (List<byte[]>) value) {
                    w.bytes(STRINGS, s);
                }
            }
            case TENSORS -> {
                for (TensorProto t : (List<TensorProto>) value) {
                    w.message(TENSORS, t::writeTo);
                }
            }
            case GRAPHS -> {
                for (GraphProto g : (List<GraphProto>) value) {
                    w.message(GRAPHS, g::writeTo);
                }
            }
            default -> { } // value is inside extra
        }
        if (type != Type.UNDEFINED) {
            w.int64(TYPE, type.code);
        }
        w.raw(extra);
    }

    static AttributeProto read(WireReader r) {
        String name = null;
        Type declared = null;
        Type seen = Type.UNDEFINED; // inferred from the value field, for files that omit `type`
        Object value = null;
        TensorProto.LongList numbers = new TensorProto.LongList();
        List<Object> items = new ArrayList<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case NAME -> name = r.string();
                case TYPE -> declared = Type.of((int) r.varint());
                case F -> {
                    r.expect(WireWriter.FIXED32);
                    value = Float.intBitsToFloat(r.fixed32());
                    seen = Type.FLOAT;
                }
                case I -> {
                    value = r.varint();
                    seen = Type.INT;
                }
                case S -> {
                    value = r.byteArray();
                    seen = Type.STRING;
                }
                case T -> {
                    value = TensorProto.read(r.message());
                    seen = Type.TENSOR;
                }
                case G -> {
                    value = GraphProto.read(r.message());
                    seen = Type.GRAPH;
                }
                case FLOATS -> {
                    r.fixed32s(numbers::add);
                    seen = Type.FLOATS;
                }
                case INTS -> {
                    r.varints(numbers::add);
                    seen = Type.INTS;
                }
                case STRINGS -> {
                    items.add(r.byteArray());
                    seen = Type.STRINGS;
                }
                case TENSORS -> {
                    items.add(TensorProto.read(r.message()));
                    seen = Type.TENSORS;
                }
                case GRAPHS -> {
                    items.add(GraphProto.read(r.message()));
                    seen = Type.GRAPHS;
                }
                default -> r.keep(extra);
            }
        }
        if (name == null) {
            throw r.error("attribute without a name");
        }
        Type type = declared != null ? declared : seen;
        switch (type) {
            case FLOATS -> {
                float[] f = new float[numbers.size()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = Float.intBitsToFloat((int) numbers.get(i));
                }
                value = f;
            }
            case INTS -> value = numbers.toArray();
            case STRINGS, TENSORS, GRAPHS -> value = List.copyOf(items);
            default -> { }
        }
        if (value == null && type.code <= Type.GRAPH.code && type != Type.UNDEFINED) {
            throw r.error("attribute '" + name + "' of type " + type + " has no value");
        }
        return new AttributeProto(name, type, value, extra.toByteArray());
    }
}

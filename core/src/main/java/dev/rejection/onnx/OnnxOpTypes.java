package dev.rejection.onnx;

import java.nio.ByteBuffer;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the operator types of an ONNX graph's nodes straight from the protobuf bytes, because ONNX Runtime's Java
 * API does not expose the graph. Only the wire format is decoded, and only the path
 * {@code ModelProto.graph (7) → GraphProto.node (1) → NodeProto.op_type (4)}; everything else is skipped.
 */
final class OnnxOpTypes {
    private static final int MODEL_GRAPH = 7;
    private static final int GRAPH_NODE = 1;
    private static final int NODE_OP_TYPE = 4;

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private OnnxOpTypes() {
    }

    /**
     * The distinct op types of the main graph's nodes.
     *
     * @throws IllegalArgumentException when the bytes are not a well-formed protobuf message
     */
    static Set<String> of(ByteBuffer model) {
        Set<String> opTypes = new TreeSet<>();
        ByteBuffer in = model.duplicate();
        forEachField(in, MODEL_GRAPH, graph -> forEachField(graph, GRAPH_NODE,
                node -> forEachField(node, NODE_OP_TYPE, opType -> opTypes.add(utf8(opType)))));
        return opTypes;
    }

    private interface FieldVisitor {
        void visit(ByteBuffer value);
    }

    /** Calls {@code visitor} with the bytes of every length-delimited field numbered {@code wanted}. */
    private static void forEachField(ByteBuffer in, int wanted, FieldVisitor visitor) {
        while (in.hasRemaining()) {
            long key = varint(in);
            int field = (int) (key >>> 3);
            int wireType = (int) (key & 7);
            switch (wireType) {
                case VARINT -> varint(in);
                case FIXED64 -> skip(in, 8);
                case FIXED32 -> skip(in, 4);
                case LENGTH_DELIMITED -> {
                    long length = varint(in);
                    if (length < 0 || length > in.remaining()) {
                        throw new IllegalArgumentException("protobuf field " + field + " runs past the end");
                    }
                    ByteBuffer value = in.slice().limit((int) length);
                    skip(in, (int) length);
                    if (field == wanted) {
                        visitor.visit(value);
                    }
                }
                default -> throw new IllegalArgumentException("unsupported protobuf wire type " + wireType);
            }
        }
    }

    private static long varint(ByteBuffer in) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.hasRemaining()) {
                throw new IllegalArgumentException("protobuf varint runs past the end");
            }
            byte b = in.get();
            value |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("protobuf varint longer than 10 bytes");
    }

    private static void skip(ByteBuffer in, int bytes) {
        if (bytes > in.remaining()) {
            throw new IllegalArgumentException("protobuf field runs past the end");
        }
        in.position(in.position() + bytes);
    }

    private static String utf8(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return new String(copy, java.nio.charset.StandardCharsets.UTF_8);
    }
}

package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A named, typed value: a graph input or output, or an intermediate's shape hint.
 *
 * @param name  the value's name
 * @param type  its tensor type, or null when the file gives none (non-tensor types are rejected on read)
 * @param extra fields this class does not model (e.g. doc_string), kept verbatim
 */
public record ValueInfoProto(String name, TensorType type, byte[] extra) {

    /** A tensor value of element type {@code elemType} and the given dimensions. */
    public static ValueInfoProto tensor(String name, DataType elemType, Dim... shape) {
        return new ValueInfoProto(name, new TensorType(elemType, List.of(shape)), new byte[0]);
    }

    /**
     * {@code TypeProto.Tensor}: element type and shape.
     *
     * @param elemType element type
     * @param shape    the dimensions, or null when the rank is unknown
     */
    public record TensorType(DataType elemType, List<Dim> shape) {
        public TensorType {
            shape = shape == null ? null : List.copyOf(shape);
        }
    }

    /**
     * A dimension: a fixed size, a symbolic name such as {@code batch_size} (dynamic), or unknown (neither).
     * Dimension denotations are not kept.
     */
    public record Dim(long value, String param) {
        public static Dim of(long value) {
            return new Dim(value, null);
        }

        public static Dim param(String name) {
            return new Dim(-1, name);
        }

        public boolean isParam() {
            return param != null;
        }

        @Override
        public String toString() {
            return param != null ? param : value >= 0 ? Long.toString(value) : "?";
        }
    }

    @Override
    public String toString() {
        return "ValueInfoProto[" + name + " " + (type == null ? "?" : type.elemType() + " "
                + (type.shape() == null ? "?" : Arrays.toString(type.shape().toArray()))) + "]";
    }

    // ---- wire format (onnx.proto ValueInfoProto, TypeProto, TensorShapeProto) ----

    private static final int NAME = 1;
    private static final int TYPE = 2;
    private static final int TYPE_TENSOR = 1;
    private static final int TENSOR_ELEM_TYPE = 1;
    private static final int TENSOR_SHAPE = 2;
    private static final int SHAPE_DIM = 1;
    private static final int DIM_VALUE = 1;
    private static final int DIM_PARAM = 2;

    void writeTo(WireWriter w) throws IOException {
        w.string(NAME, name);
        if (type != null) {
            w.message(TYPE, typeProto -> typeProto.message(TYPE_TENSOR, tensor -> {
                tensor.int64(TENSOR_ELEM_TYPE, type.elemType().code());
                if (type.shape() != null) {
                    tensor.message(TENSOR_SHAPE, shape -> {
                        for (Dim d : type.shape()) {
                            shape.message(SHAPE_DIM, dim -> {
                                if (d.param() != null) {
                                    dim.string(DIM_PARAM, d.param());
                                } else if (d.value() >= 0) {
                                    dim.int64(DIM_VALUE, d.value());
                                }
                            });
                        }
                    });
                }
            }));
        }
        w.raw(extra);
    }

    static ValueInfoProto read(WireReader r) {
        String name = null;
        TensorType type = null;
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case NAME -> name = r.string();
                case TYPE -> {
                    WireReader typeProto = r.message();
                    while (typeProto.next()) {
                        if (typeProto.field() == TYPE_TENSOR) {
                            type = readTensorType(typeProto.message());
                        } else {
                            throw typeProto.error("value '" + name + "' has a non-tensor type, which is not supported");
                        }
                    }
                }
                default -> r.keep(extra);
            }
        }
        if (name == null) {
            throw r.error("value info without a name");
        }
        return new ValueInfoProto(name, type, extra.toByteArray());
    }

    private static TensorType readTensorType(WireReader r) {
        DataType elemType = null;
        List<Dim> shape = null;
        while (r.next()) {
            switch (r.field()) {
                case TENSOR_ELEM_TYPE -> elemType = DataType.of((int) r.varint());
                case TENSOR_SHAPE -> {
                    shape = new ArrayList<>();
                    WireReader s = r.message();
                    while (s.next()) {
                        if (s.field() != SHAPE_DIM) {
                            s.skip();
                            continue;
                        }
                        WireReader d = s.message();
                        long value = -1;
                        String param = null;
                        while (d.next()) {
                            switch (d.field()) {
                                case DIM_VALUE -> value = d.varint();
                                case DIM_PARAM -> param = d.string();
                                default -> d.skip(); // denotation
                            }
                        }
                        shape.add(new Dim(param != null ? -1 : value, param));
                    }
                }
                default -> r.skip();
            }
        }
        if (elemType == null) {
            throw r.error("tensor type without elem_type");
        }
        return new TensorType(elemType, shape);
    }
}

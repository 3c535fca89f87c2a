package dev.rejection.onnx.proto;

/** ONNX tensor element types ({@code TensorProto.DataType}) with their codes and element sizes in bytes. */
public enum DataType {
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    /** Variable-length; its values live in {@link TensorProto#strings()}. */
    STRING(8, 0),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8),
    COMPLEX64(14, 8),
    COMPLEX128(15, 16),
    BFLOAT16(16, 2),
    FLOAT8E4M3FN(17, 1),
    FLOAT8E4M3FNUZ(18, 1),
    FLOAT8E5M2(19, 1),
    FLOAT8E5M2FNUZ(20, 1);

    private final int code;
    private final int byteSize;

    DataType(int code, int byteSize) {
        this.code = code;
        this.byteSize = byteSize;
    }

    /** The code ONNX files use. */
    public int code() {
        return code;
    }

    /** Bytes per element in {@code raw_data}; 0 for {@link #STRING}. */
    public int byteSize() {
        return byteSize;
    }

    /** The type for an ONNX code; fails naming the code when this project does not support it. */
    public static DataType of(int code) {
        for (DataType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported ONNX tensor data type " + code);
    }
}

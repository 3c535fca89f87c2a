package dev.rejection.finetune.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The safetensors format: an 8-byte little-endian header length, a JSON header mapping each tensor name to its
 * {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the header), then the raw
 * little-endian data. Reads F32, F16 and BF16 (widened to float); writes F32.
 */
public final class Safetensors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Safetensors() {
    }

    /** A float tensor and its shape. */
    public record Tensor(long[] shape, float[] values) {
    }

    /** Every floating-point tensor of {@code file}, by name, in header order; other dtypes are skipped. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IOException(file + ": not a safetensors file (" + size + " bytes)");
            }
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, len, 0, file);
            long headerLength = len.flip().getLong();
            if (headerLength <= 0 || headerLength > Math.min(size - 8, 100_000_000)) {
                throw new IOException(file + ": bad safetensors header length " + headerLength);
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
            readFully(ch, headerBytes, 8, file);
            JsonNode header;
            try {
                header = JSON.readTree(new String(headerBytes.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IOException(file + ": safetensors header is not valid JSON: " + e.getMessage(), e);
            }
            long dataStart = 8 + headerLength;
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String name = entry.getKey();
                if (name.equals("__metadata__")) {
                    continue;
                }
                JsonNode info = entry.getValue();
                String dtype = info.path("dtype").asText("");
                int width = switch (dtype) {
                    case "F32" -> 4;
                    case "F16", "BF16" -> 2;
                    default -> 0;
                };
                if (width == 0) {
                    continue; // integer buffers such as position_ids are not parameters
                }
                long[] shape = new long[info.path("shape").size()];
                long count = 1;
                for (int i = 0; i < shape.length; i++) {
                    JsonNode dim = info.path("shape").get(i);
                    shape[i] = dim.asLong(-1);
                    if (!dim.canConvertToLong() || !dim.isIntegralNumber() || shape[i] < 0) {
                        throw new IOException(file + ": tensor '" + name + "' has shape " + info.path("shape")
                                + ": every dimension must be a whole number of at least 0");
                    }
                    try {
                        count = Math.multiplyExact(count, shape[i]);
                    } catch (ArithmeticException e) {
                        throw new IOException(file + ": tensor '" + name + "' is too large (shape "
                                + info.path("shape") + ")");
                    }
                }
                long begin = info.path("data_offsets").path(0).asLong(-1);
                long end = info.path("data_offsets").path(1).asLong(-1);
                if (begin < 0 || end - begin != count * width || dataStart + end > size) {
                    throw new IOException(file + ": tensor '" + name + "' has data_offsets [" + begin + ", " + end
                            + "] that do not fit " + dtype + " " + Arrays.toString(shape) + " in a file of " + size
                            + " bytes");
                }
                if (count > Integer.MAX_VALUE) {
                    throw new IOException(file + ": tensor '" + name + "' is too large (" + count + " values)");
                }
                ByteBuffer data = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
                readFully(ch, data, dataStart + begin, file);
                data.flip();
                tensors.put(name, new Tensor(shape, decode(data, dtype, (int) count)));
            }
            return tensors;
        }
    }

    private static float[] decode(ByteBuffer data, String dtype, int count) {
        float[] v = new float[count];
        switch (dtype) {
            case "F32" -> data.asFloatBuffer().get(v);
            case "BF16" -> {
                for (int i = 0; i < count; i++) {
                    v[i] = Float.intBitsToFloat((data.getShort() & 0xFFFF) << 16);
                }
            }
            default -> {
                for (int i = 0; i < count; i++) {
                    v[i] = halfToFloat(data.getShort());
                }
            }
        }
        return v;
    }

    /** IEEE 754 half precision to float, subnormals and infinities included. */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >> 10) & 0x1F;
        int mant = bits & 0x3FF;
        if (exp == 0) {
            float f = mant * 0x1p-24f;
            return sign == 0 ? f : -f;
        }
        if (exp == 31) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
        }
        return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
    }

    /** Writes {@code tensors} as F32, in the given order, with {@code {"format": "pt"}} metadata. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", "F32");
            var shape = info.putArray("shape");
            for (long d : e.getValue().shape()) {
                shape.add(d);
            }
            long bytes = 4L * e.getValue().values().length;
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] headerBytes = JSON.writeValueAsBytes(header);
        // pad the header with spaces so the data starts 8-byte aligned, as the reference writer does
        int padded = (headerBytes.length + 7) / 8 * 8;
        byte[] h = Arrays.copyOf(headerBytes, padded);
        Arrays.fill(h, headerBytes.length, padded, (byte) ' ');
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(h);
            for (Tensor t : tensors.values()) {
                ByteBuffer b = ByteBuffer.allocate(4 * t.values().length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(t.values());
                out.write(b.array());
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position, Path file) throws IOException {
        long pos = position;
        while (into.hasRemaining()) {
            int n = ch.read(into, pos);
            if (n < 0) {
                throw new IOException(file + ": truncated safetensors file at byte " + pos);
            }
            pos += n;
        }
    }
}

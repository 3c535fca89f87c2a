package dev.rejection.onnx.graph;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.TensorProto;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.SplittableRandom;

/**
 * Seeded random weights. Each tensor draws from its own generator, seeded from the model seed and the tensor's
 * name, so a weight does not depend on the order in which a graph asks for them. Normal values come from
 * Box-Muller over {@link SplittableRandom} (whose sequence is specified) with {@link StrictMath}, so the same
 * seed gives the same bytes on every JVM.
 */
final class RandomWeights implements Weights {

    private final long seed;
    private final double std;

    RandomWeights(long seed, double std) {
        this.seed = seed;
        this.std = std;
    }

    @Override
    public TensorProto tensor(WeightSpec spec) {
        long count = spec.elementCount();
        if (count * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("weight " + spec + " is over 2 GB");
        }
        ByteBuffer bytes = ByteBuffer.allocate((int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer values = bytes.asFloatBuffer();
        switch (spec.init()) {
            case ZEROS -> { } // a new buffer is zero
            case ONES -> {
                for (int i = 0; i < count; i++) {
                    values.put(i, 1f);
                }
            }
            case NORMAL -> {
                fillNormal(values, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + spec.name().hashCode()));
                if (spec.paddingRow() >= 0) {
                    int width = (int) spec.dims()[spec.dims().length - 1];
                    for (int i = 0; i < width; i++) {
                        values.put(spec.paddingRow() * width + i, 0f);
                    }
                }
            }
        }
        return TensorProto.of(spec.name(), DataType.FLOAT, bytes, spec.dims());
    }

    private void fillNormal(FloatBuffer out, SplittableRandom random) {
        int n = out.capacity();
        for (int i = 0; i < n; i += 2) {
            double radius = std * StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
            double angle = 2 * Math.PI * random.nextDouble();
            out.put(i, (float) (radius * StrictMath.cos(angle)));
            if (i + 1 < n) {
                out.put(i + 1, (float) (radius * StrictMath.sin(angle)));
            }
        }
    }
}

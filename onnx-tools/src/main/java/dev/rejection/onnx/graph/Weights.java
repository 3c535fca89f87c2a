package dev.rejection.onnx.graph;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.TensorProto;

import java.util.Arrays;
import java.util.Map;

/** Where a graph builder gets its weights: fresh random ones, or trained ones looked up by name. */
@FunctionalInterface
public interface Weights {

    /** The float tensor for {@code spec}, named {@code spec.name()} and shaped {@code spec.dims()}. */
    TensorProto tensor(WeightSpec spec);

    /** Fresh weights as Hugging Face initialises them, reproducible from {@code seed}. */
    static Weights random(long seed, double initializerRange) {
        return new RandomWeights(seed, initializerRange);
    }

    /** Weights by name (e.g. a model's initializers); fails naming the weight when one is missing or misshapen. */
    static Weights of(Map<String, TensorProto> byName) {
        return spec -> {
            TensorProto t = byName.get(spec.name());
            if (t == null) {
                throw new IllegalArgumentException("no weight named '" + spec.name() + "'");
            }
            if (t.dataType() != DataType.FLOAT || !Arrays.equals(t.dims(), spec.dims())) {
                throw new IllegalArgumentException("weight '" + spec.name() + "' is " + t.dataType() + " "
                        + Arrays.toString(t.dims()) + ", expected FLOAT " + Arrays.toString(spec.dims()));
            }
            return t;
        };
    }
}

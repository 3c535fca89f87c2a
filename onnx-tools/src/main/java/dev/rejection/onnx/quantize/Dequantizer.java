package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The inverse of {@link DynamicQuantizer}'s rewrite, so that a shipped int8 model can be fine-tuned further: each
 * {@code DynamicQuantizeMatMul(x, W_int8, scale, zero_point[, bias])} becomes {@code MatMul(x, W)} (and the
 * {@code Add} of the bias it had folded in), and each int8 table read by {@code Gather} then
 * {@code DequantizeLinear} becomes a float table read by {@code Gather}. Weights come back as
 * {@code W = (q − zero_point) · scale} per column: the fp32 model's weights within half a quantization step, which
 * is why the int8 model agrees with it. The smoothing of {@link ActivationSmoothing} is undone too. Nodes of other
 * kinds are left as they are.
 */
public final class Dequantizer {
    private static final String SUFFIX = "_dequantized";

    private Dequantizer() {
    }

    /** True when {@code model} holds a node this class rewrites. */
    public static boolean isQuantized(ModelProto model) {
        return model.graph().nodes().stream().anyMatch(n -> n.opType().equals("DynamicQuantizeMatMul")
                || n.opType().equals("DequantizeLinear"));
    }

    /**
     * {@code model} with float weights in place of its int8 ones (the model itself is left unchanged).
     *
     * @throws IllegalArgumentException naming the node when a quantized weight is not an initializer of the
     *                                  expected type and shape
     */
    public static ModelProto dequantize(ModelProto model) {
        GraphProto graph = model.graph();
        Map<String, TensorProto> weights = graph.initializersByName();
        Map<String, NodeProto> producers = new HashMap<>();
        graph.nodes().forEach(n -> n.outputs().forEach(o -> producers.put(o, n)));

        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> added = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<NodeProto> replacedGathers = new HashSet<>();
        for (NodeProto n : graph.nodes()) {
            if (n.opType().equals("DequantizeLinear")) {
                NodeProto gather = producers.get(n.inputs().get(0));
                if (gather != null && gather.opType().equals("Gather") && weights.containsKey(gather.inputs().get(0))) {
                    replacedGathers.add(gather);
                }
            }
        }
        for (NodeProto n : graph.nodes()) {
            if (replacedGathers.contains(n)) {
                continue; // rewritten together with its DequantizeLinear
            }
            if (n.opType().equals("DynamicQuantizeMatMul")) {
                List<String> in = n.inputs();
                String weight = floatWeight(in.get(1), in.get(2), in.get(3), weights, n, added, done);
                String output = n.outputs().get(0);
                boolean bias = in.size() > 4 && !in.get(4).isEmpty();
                String product = bias ? output + "_matmul" : output;
                nodes.add(NodeProto.of(n.name(), "MatMul", List.of(in.get(0), weight), List.of(product)));
                if (bias) {
                    nodes.add(NodeProto.of(n.name() + "_bias", "Add", List.of(product, in.get(4)), List.of(output)));
                }
            } else if (n.opType().equals("DequantizeLinear") && replacedGathers.contains(producers.get(n.inputs().get(0)))) {
                NodeProto gather = producers.get(n.inputs().get(0));
                String table = floatWeight(gather.inputs().get(0), n.inputs().get(1),
                        n.inputs().size() > 2 ? n.inputs().get(2) : "", weights, n, added, done);
                nodes.add(new NodeProto(gather.name(), "Gather", "", List.of(table, gather.inputs().get(1)),
                        n.outputs(), gather.attributes(), gather.extra()));
            } else {
                nodes.add(n);
            }
        }
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.inputs()));
        List<TensorProto> initializers = new ArrayList<>();
        for (TensorProto t : graph.initializers()) {
            if (used.contains(t.name())) {
                initializers.add(t);
            }
        }
        initializers.addAll(added);
        // a smoothed model's weights as they were before smoothing (each smoothing Mul folded back)
        return ActivationSmoothing.undo(model.withGraph(graph.withNodes(nodes).withInitializers(initializers)));
    }

    /** The float [rows, cols] matrix of an int8 one with per-column (or one) scale and zero point; made once. */
    private static String floatWeight(String values, String scale, String zeroPoint, Map<String, TensorProto> weights,
                                      NodeProto node, List<TensorProto> added, Set<String> done) {
        String name = values + SUFFIX;
        if (done.contains(name)) {
            return name;
        }
        TensorProto q = weights.get(values);
        TensorProto s = weights.get(scale);
        TensorProto z = zeroPoint.isEmpty() ? null : weights.get(zeroPoint);
        if (q == null || q.dataType() != DataType.INT8 || q.dims().length != 2 || s == null
                || s.dataType() != DataType.FLOAT || (z != null && z.dataType() != DataType.INT8)) {
            throw new IllegalArgumentException("node '" + node.name() + "' (" + node.opType() + "): weight '" + values
                    + "' is not an int8 [rows, cols] initializer with float scales and int8 zero points");
        }
        int rows = (int) q.dims()[0];
        int cols = (int) q.dims()[1];
        float[] scales = s.floats();
        if (scales.length != 1 && scales.length != cols) {
            throw new IllegalArgumentException("node '" + node.name() + "': " + scales.length + " scales for "
                    + cols + " columns of '" + values + "'");
        }
        byte[] zeros = new byte[scales.length];
        if (z != null) {
            z.rawData().get(zeros);
        }
        ByteBuffer data = q.rawData();
        float[] w = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int k = scales.length == 1 ? 0 : c;
                w[r * cols + c] = (data.get(r * cols + c) - zeros[k]) * scales[k];
            }
        }
        added.add(TensorProto.ofFloats(name, w, rows, cols));
        done.add(name);
        return name;
    }
}

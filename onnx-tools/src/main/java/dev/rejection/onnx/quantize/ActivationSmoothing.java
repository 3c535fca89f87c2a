package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.onnx.proto.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * SmoothQuant's per-channel smoothing (Xiao et al., 2023), before dynamic quantization. ONNX Runtime quantizes a
 * MatMul's input with one scale per call, so a few input channels much larger than the rest (the outliers of a
 * transformer's LayerNorm and GELU outputs) leave the other channels a handful of int8 steps. Dividing input channel
 * {@code j} by {@code s[j]} and multiplying row {@code j} of the weight by it computes the same product in float,
 * and moves part of the range into the weights, which are quantized per output column ahead of time:
 * {@code s[j] = max|x_j|^alpha / max|W_j|^(1 - alpha)}.
 *
 * <p>Used in three steps: {@link #activations} names the inputs to measure, {@link #withOutputs} exposes them as
 * graph outputs for a runtime to measure on calibration texts (their largest magnitude per channel), and
 * {@link #smooth} rewrites the graph: one {@code Mul} by {@code 1/s} per measured input, read by its MatMuls in place
 * of the input, and their weights scaled by {@code s} (other readers of the input, e.g. a residual connection, keep
 * reading it unchanged).
 */
public final class ActivationSmoothing {
    // how the inserted nodes are named: {x}_smoothed = Mul(x, {x}_smoothed_scale), which undo() recognises
    private static final String SMOOTHED = "_smoothed";
    private static final String SCALE = "_scale";

    private ActivationSmoothing() {
    }

    /**
     * The inputs of the plain {@code MatMul(x, W)} nodes whose weight's whole name {@code weights} matches, in graph
     * order, each once: the values whose channel ranges {@link #smooth} needs. A weight read by any other node is left
     * out (scaling it would change that node).
     */
    public static List<String> activations(ModelProto model, Pattern weights) {
        return new ArrayList<>(smoothable(model.graph(), weights).keySet());
    }

    /** The model with {@code values} also as graph outputs (float tensors of any shape), to measure them. */
    public static ModelProto withOutputs(ModelProto model, List<String> values) {
        GraphProto g = model.graph();
        List<ValueInfoProto> outputs = new ArrayList<>(g.outputs());
        for (String v : values) {
            outputs.add(new ValueInfoProto(v, new ValueInfoProto.TensorType(DataType.FLOAT, null), new byte[0]));
        }
        return model.withGraph(new GraphProto(g.name(), g.nodes(), g.initializers(), g.inputs(), outputs,
                g.valueInfo(), g.extra()));
    }

    /**
     * The smoothed model ({@code model} is left unchanged).
     *
     * @param weights MatMul weights whose inputs to smooth, as for {@link #activations}
     * @param absMax  the largest magnitude of each input channel over calibration texts, by input name; every input
     *                {@link #activations} names must be there, with one value per row of its weights
     * @param alpha   how much of the range moves into the weights, in [0, 1] (SmoothQuant's default: 0.5)
     * @throws IllegalArgumentException when a range is missing or has the wrong length, or alpha is out of range
     */
    public static ModelProto smooth(ModelProto model, Pattern weights, Map<String, float[]> absMax, double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        GraphProto g = model.graph();
        Map<String, List<NodeProto>> targets = smoothable(g, weights);
        Map<String, TensorProto> initializers = g.initializersByName();
        Map<String, TensorProto> replaced = new LinkedHashMap<>();
        Map<NodeProto, NodeProto> rewired = new LinkedHashMap<>();
        Map<NodeProto, NodeProto> mulBefore = new LinkedHashMap<>(); // first reader -> the Mul to insert before it
        List<TensorProto> added = new ArrayList<>();
        for (Map.Entry<String, List<NodeProto>> e : targets.entrySet()) {
            String x = e.getKey();
            List<NodeProto> readers = e.getValue();
            int rows = (int) initializers.get(readers.get(0).inputs().get(1)).dims()[0];
            float[] xMax = absMax.get(x);
            if (xMax == null || xMax.length != rows) {
                throw new IllegalArgumentException("no channel range of length " + rows + " for '" + x + "' (got "
                        + (xMax == null ? "none" : xMax.length + " values") + ")");
            }
            List<TensorProto> ws = readers.stream().map(n -> initializers.get(n.inputs().get(1))).toList();
            List<float[]> values = ws.stream().map(TensorProto::floats).toList();
            float[] wMax = new float[rows];
            for (float[] v : values) {
                int cols = v.length / rows;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        wMax[r] = Math.max(wMax[r], Math.abs(v[r * cols + c]));
                    }
                }
            }
            float[] s = scales(xMax, wMax, alpha);
            float[] inverse = new float[rows];
            for (int r = 0; r < rows; r++) {
                inverse[r] = 1f / s[r];
            }
            String smoothed = x + SMOOTHED;
            added.add(TensorProto.ofFloats(smoothed + SCALE, inverse, rows));
            mulBefore.put(readers.get(0), NodeProto.of(smoothed, "Mul", List.of(x, smoothed + SCALE),
                    List.of(smoothed)));
            for (int i = 0; i < readers.size(); i++) {
                NodeProto n = readers.get(i);
                TensorProto w = ws.get(i);
                replaced.put(w.name(), TensorProto.ofFloats(w.name(), scaledRows(values.get(i), s), w.dims()));
                rewired.put(n, new NodeProto(n.name(), n.opType(), n.domain(), List.of(smoothed, n.inputs().get(1)),
                        n.outputs(), n.attributes(), n.extra()));
            }
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            NodeProto mul = mulBefore.get(n);
            if (mul != null) {
                nodes.add(mul);
            }
            nodes.add(rewired.getOrDefault(n, n));
        }
        List<TensorProto> newInitializers = new ArrayList<>();
        for (TensorProto t : g.initializers()) {
            newInitializers.add(replaced.getOrDefault(t.name(), t));
        }
        newInitializers.addAll(added);
        return model.withGraph(g.withNodes(nodes).withInitializers(newInitializers));
    }

    /**
     * The inverse of {@link #smooth}, for reading a smoothed model's weights as they were (fine-tuning a shipped
     * model further): each {@code Mul} it inserted is removed, and its scale folded back into the rows of the
     * {@code MatMul} weights that read it. A model without such nodes is returned as it is.
     *
     * @throws IllegalArgumentException naming the node when a smoothed input is read by anything but a MatMul with a
     *                                  float weight initializer (e.g. a model still in int8: dequantize first)
     */
    public static ModelProto undo(ModelProto model) {
        GraphProto g = model.graph();
        Map<String, TensorProto> initializers = g.initializersByName();
        Map<String, List<NodeProto>> readers = DynamicQuantizer.readers(g);
        Map<String, String> original = new LinkedHashMap<>(); // smoothed value -> the value it smoothed
        Set<NodeProto> muls = new HashSet<>();
        Set<String> scales = new HashSet<>();
        Map<String, TensorProto> replaced = new LinkedHashMap<>();
        for (NodeProto n : g.nodes()) {
            boolean ours = n.opType().equals("Mul") && n.inputs().size() == 2 && n.outputs().size() == 1
                    && n.outputs().get(0).equals(n.inputs().get(0) + SMOOTHED)
                    && n.inputs().get(1).equals(n.outputs().get(0) + SCALE);
            if (!ours) {
                continue;
            }
            float[] inverse = initializers.get(n.inputs().get(1)).floats();
            for (NodeProto reader : readers.getOrDefault(n.outputs().get(0), List.of())) {
                TensorProto w = reader.inputs().size() == 2 ? initializers.get(reader.inputs().get(1)) : null;
                if (!reader.opType().equals("MatMul") || w == null || w.dataType() != DataType.FLOAT
                        || w.dims().length != 2 || w.dims()[0] != inverse.length) {
                    throw new IllegalArgumentException("node '" + reader.name() + "' (" + reader.opType() + ") reads "
                            + "smoothed input '" + n.outputs().get(0) + "' but is not a MatMul by a float ["
                            + inverse.length + ", cols] weight");
                }
                replaced.put(w.name(), TensorProto.ofFloats(w.name(), scaledRows(w.floats(), inverse), w.dims()));
            }
            original.put(n.outputs().get(0), n.inputs().get(0));
            muls.add(n);
            scales.add(n.inputs().get(1));
        }
        if (original.isEmpty()) {
            return model;
        }
        List<NodeProto> nodes = new ArrayList<>();
        for (NodeProto n : g.nodes()) {
            if (muls.contains(n)) {
                continue;
            }
            List<String> in = n.inputs().stream().map(v -> original.getOrDefault(v, v)).toList();
            nodes.add(in.equals(n.inputs()) ? n
                    : new NodeProto(n.name(), n.opType(), n.domain(), in, n.outputs(), n.attributes(), n.extra()));
        }
        List<TensorProto> newInitializers = new ArrayList<>();
        for (TensorProto t : g.initializers()) {
            if (!scales.contains(t.name())) {
                newInitializers.add(replaced.getOrDefault(t.name(), t));
            }
        }
        return model.withGraph(g.withNodes(nodes).withInitializers(newInitializers));
    }

    /**
     * {@code s[j] = xMax[j]^alpha / wMax[j]^(1 - alpha)}; 1 where a channel or its weights are all zero (nothing to
     * balance), and kept within [1e-4, 1e4] so that neither side is pushed below float precision.
     */
    static float[] scales(float[] xMax, float[] wMax, double alpha) {
        float[] s = new float[xMax.length];
        for (int j = 0; j < s.length; j++) {
            double v = xMax[j] > 0 && wMax[j] > 0 ? Math.pow(xMax[j], alpha) / Math.pow(wMax[j], 1 - alpha) : 1;
            s[j] = (float) Math.min(1e4, Math.max(1e-4, v));
        }
        return s;
    }

    /** {@code v}, a row-major [s.length, cols] matrix, with row {@code r} multiplied by {@code s[r]}, in place. */
    private static float[] scaledRows(float[] v, float[] s) {
        int cols = v.length / s.length;
        for (int r = 0; r < s.length; r++) {
            for (int c = 0; c < cols; c++) {
                v[r * cols + c] *= s[r];
            }
        }
        return v;
    }

    /** Input name -> the MatMuls reading it with a matching weight that nothing else reads, in graph order. */
    private static Map<String, List<NodeProto>> smoothable(GraphProto g, Pattern weights) {
        Map<String, TensorProto> initializers = g.initializersByName();
        Map<String, List<NodeProto>> readers = DynamicQuantizer.readers(g);
        Map<String, List<NodeProto>> byInput = new LinkedHashMap<>();
        for (NodeProto n : g.nodes()) {
            if (!n.opType().equals("MatMul") || !n.domain().isEmpty() || n.inputs().size() != 2) {
                continue;
            }
            String x = n.inputs().get(0);
            TensorProto w = initializers.get(n.inputs().get(1));
            boolean plain = w != null && w.dataType() == DataType.FLOAT && w.dims().length == 2
                    && !initializers.containsKey(x) && weights.matcher(w.name()).matches()
                    && readers.get(w.name()).size() == 1;
            if (plain) {
                byInput.computeIfAbsent(x, k -> new ArrayList<>()).add(n);
            }
        }
        return byInput;
    }
}

package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.AttributeProto;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.onnx.proto.ValueInfoProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Dynamic int8 quantization of an ONNX graph, what {@code onnxruntime.quantization.quantize_dynamic} does for
 * Python: weights are stored as int8 with per-column scales ({@link Int8Matrix}), activations are quantized at run
 * time.
 *
 * <ul>
 *   <li>{@code MatMul(x, W)} and {@code Gemm(x, W, b)} with a weight initializer become ONNX Runtime's fused
 *       {@code com.microsoft.DynamicQuantizeMatMul(x, W_int8, scale, zero_point, bias)}, which quantizes {@code x}
 *       to uint8 per call, multiplies in integers (VNNI where the CPU has it) and rescales to float. A following
 *       {@code Add} of a bias vector is folded into it.</li>
 *   <li>Embedding tables read by {@code Gather(table, ids)} become int8 tables gathered first and dequantized
 *       after ({@code DequantizeLinear}, per hidden dimension): the rows a text uses, not the table, go back to
 *       float.</li>
 *   <li>Matrices with fewer than {@link Options#minDimension} rows or columns stay float: the classifier's
 *       [hidden, labels] output projection costs nothing and its error would go straight into the logits. So do
 *       the weights {@link Options#keepFloat} names.</li>
 * </ul>
 * A weight is quantized only when every node that reads it can take the quantized form.
 */
public final class DynamicQuantizer {

    /** The domain of ONNX Runtime's contrib operators. */
    public static final String MS_DOMAIN = "com.microsoft";
    private static final String SUFFIX = "_quantized";

    /**
     * What to quantize and how.
     *
     * @param minDimension matrices with fewer rows or columns stay float
     * @param perChannel   one scale per output column (else one per matrix)
     * @param embeddings   quantize the tables of {@code Gather} too (about half of a distilroberta file)
     * @param reduceRange  7-bit weights, for CPUs without VNNI (see {@link Int8Matrix#quantize})
     * @param keepFloat    weights whose whole name it matches stay float (ONNX Runtime's {@code nodes_to_exclude},
     *                     by weight): a layer whose int8 error costs more than its speed gains; null for none
     */
    public record Options(int minDimension, boolean perChannel, boolean embeddings, boolean reduceRange,
                          Pattern keepFloat) {
        public static final Options DEFAULTS = new Options(16, true, true, false, null);

        public Options {
            if (minDimension < 1) {
                throw new IllegalArgumentException("minDimension must be at least 1, got " + minDimension);
            }
        }

        boolean keptFloat(String weight) {
            return keepFloat != null && keepFloat.matcher(weight).matches();
        }
    }

    /**
     * The rewritten model and what was done.
     *
     * @param matMuls    MatMul/Gemm nodes now running in int8
     * @param gathers    Gather nodes now reading int8 tables
     * @param keptFloat  float weight matrices left as they were (too small, or read by a node that needs floats)
     */
    public record Result(ModelProto model, int matMuls, int gathers, int keptFloat) {
    }

    private final Options options;

    public DynamicQuantizer(Options options) {
        this.options = options;
    }

    /** Quantizes {@code model} (which is left unchanged). */
    public Result quantize(ModelProto model) {
        GraphProto graph = model.graph();
        Map<String, TensorProto> weights = graph.initializersByName();
        Map<String, List<NodeProto>> readers = readers(graph);
        Set<String> graphOutputs = new HashSet<>();
        graph.outputs().forEach(o -> graphOutputs.add(o.name()));

        // which weights to quantize: every reader must accept the int8 form
        Map<String, Kind> quantized = new LinkedHashMap<>();
        int keptFloat = 0;
        for (TensorProto w : weights.values()) {
            if (w.dataType() != DataType.FLOAT || w.dims().length != 2) {
                continue;
            }
            List<NodeProto> users = readers.getOrDefault(w.name(), List.of());
            Kind kind = users.isEmpty() ? null : kindFor(users.get(0), w.name(), weights);
            boolean allSame = kind != null && users.stream().allMatch(n -> kindFor(n, w.name(), weights) == kind);
            long[] dims = w.dims();
            boolean large = Math.min(dims[0], dims[1]) >= options.minDimension();
            if (allSame && large && (kind != Kind.EMBEDDING || options.embeddings()) && !options.keptFloat(w.name())) {
                quantized.put(w.name(), kind);
            } else if (!users.isEmpty()) {
                keptFloat++;
            }
        }

        List<TensorProto> newWeights = new ArrayList<>();
        Map<String, Int8Matrix> matrices = new HashMap<>();
        for (Map.Entry<String, Kind> e : quantized.entrySet()) {
            TensorProto w = weights.get(e.getKey());
            long[] dims = w.dims();
            float[] values = w.floats();
            int rows = (int) dims[0];
            int cols = (int) dims[1];
            if (e.getValue() == Kind.GEMM_TRANSPOSED) { // Gemm(transB=1) stores W as [out, in]
                values = Int8Matrix.transpose(values, rows, cols);
                rows = (int) dims[1];
                cols = (int) dims[0];
            }
            Int8Matrix m = Int8Matrix.quantize(values, rows, cols, options.perChannel(), options.reduceRange());
            matrices.put(w.name(), m);
            String base = w.name() + SUFFIX;
            newWeights.add(m.valuesTensor(base));
            newWeights.add(m.scalesTensor(base + "_scale"));
            newWeights.add(m.zeroPointsTensor(base + "_zero_point"));
        }

        List<NodeProto> nodes = new ArrayList<>();
        Set<NodeProto> folded = new HashSet<>(); // bias Adds taken into the node before them
        int matMuls = 0;
        int gathers = 0;
        for (NodeProto n : graph.nodes()) {
            if (folded.contains(n)) {
                continue;
            }
            String weight = n.inputs().size() > 1 ? n.inputs().get(n.opType().equals("Gather") ? 0 : 1) : null;
            Kind kind = weight == null ? null : quantized.get(weight);
            if (kind == null || kindFor(n, weight, weights) == null) {
                nodes.add(n);
            } else if (kind == Kind.EMBEDDING) {
                String base = weight + SUFFIX;
                String gathered = n.outputs().get(0) + SUFFIX;
                nodes.add(new NodeProto(n.name(), "Gather", "", List.of(base, n.inputs().get(1)), List.of(gathered),
                        n.attributes(), n.extra()));
                nodes.add(NodeProto.of(n.name() + "_dequantize", "DequantizeLinear",
                        List.of(gathered, base + "_scale", base + "_zero_point"), n.outputs(),
                        AttributeProto.ofInt("axis", -1)));
                gathers++;
            } else {
                String bias = n.opType().equals("Gemm") && n.inputs().size() > 2 ? n.inputs().get(2) : "";
                String output = n.outputs().get(0);
                NodeProto biasAdd = bias.isEmpty() ? foldableBiasAdd(output, readers, graphOutputs, weights,
                        matrices.get(weight).cols()) : null;
                if (biasAdd != null) {
                    folded.add(biasAdd);
                    bias = biasAdd.inputs().get(0).equals(output) ? biasAdd.inputs().get(1) : biasAdd.inputs().get(0);
                    output = biasAdd.outputs().get(0);
                }
                String base = weight + SUFFIX;
                List<String> in = new ArrayList<>(List.of(n.inputs().get(0), base, base + "_scale",
                        base + "_zero_point"));
                if (!bias.isEmpty()) {
                    in.add(bias);
                }
                nodes.add(new NodeProto(n.name().isEmpty() ? output : n.name(), "DynamicQuantizeMatMul", MS_DOMAIN,
                        in, List.of(output), List.of(), new byte[0]));
                matMuls++;
            }
        }

        GraphProto rewritten = withUsedInitializers(graph.withNodes(nodes), newWeights);
        return new Result(withMsOpset(model).withGraph(rewritten), matMuls, gathers, keptFloat);
    }

    /** How a node reads a 2-D float weight; null when it cannot take it quantized. */
    private enum Kind { MATMUL, GEMM_TRANSPOSED, EMBEDDING }

    private static Kind kindFor(NodeProto n, String weight, Map<String, TensorProto> weights) {
        List<String> in = n.inputs();
        switch (n.opType()) {
            case "MatMul":
                return n.domain().isEmpty() && in.size() == 2 && in.get(1).equals(weight) && !in.get(0).equals(weight)
                        ? Kind.MATMUL : null;
            case "Gemm": {
                boolean plain = n.domain().isEmpty() && in.get(1).equals(weight) && !in.get(0).equals(weight)
                        && attr(n, "alpha", 1f) == 1f && attr(n, "transA", 0) == 0;
                boolean biasOk = in.size() < 3 || in.get(2).isEmpty()
                        || (attr(n, "beta", 1f) == 1f && isVector(weights.get(in.get(2))));
                if (!plain || !biasOk) {
                    return null;
                }
                return attr(n, "transB", 0) == 1 ? Kind.GEMM_TRANSPOSED : Kind.MATMUL;
            }
            case "Gather":
                return n.domain().isEmpty() && in.get(0).equals(weight) && !in.get(1).equals(weight)
                        && attr(n, "axis", 0) == 0 ? Kind.EMBEDDING : null;
            default:
                return null;
        }
    }

    /** The {@code Add(y, bias)} that alone reads MatMul output {@code y}, with bias a float [cols] weight. */
    private static NodeProto foldableBiasAdd(String y, Map<String, List<NodeProto>> readers, Set<String> graphOutputs,
                                             Map<String, TensorProto> weights, int cols) {
        List<NodeProto> users = readers.getOrDefault(y, List.of());
        if (users.size() != 1 || graphOutputs.contains(y)) {
            return null;
        }
        NodeProto add = users.get(0);
        if (!add.opType().equals("Add") || !add.domain().isEmpty() || add.inputs().size() != 2) {
            return null;
        }
        String other = add.inputs().get(0).equals(y) ? add.inputs().get(1) : add.inputs().get(0);
        TensorProto bias = weights.get(other);
        return isVector(bias) && bias.dims()[0] == cols ? add : null;
    }

    private static boolean isVector(TensorProto t) {
        return t != null && t.dataType() == DataType.FLOAT && t.dims().length == 1;
    }

    private static long attr(NodeProto n, String name, long fallback) {
        return n.attribute(name).map(AttributeProto::asLong).orElse(fallback);
    }

    private static float attr(NodeProto n, String name, float fallback) {
        return n.attribute(name).map(AttributeProto::asFloat).orElse(fallback);
    }

    /** The nodes reading each value, in graph order. */
    static Map<String, List<NodeProto>> readers(GraphProto graph) {
        Map<String, List<NodeProto>> readers = new HashMap<>();
        for (NodeProto n : graph.nodes()) {
            for (String in : new LinkedHashSet<>(n.inputs())) {
                readers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        return readers;
    }

    /** The graph with the new weights, without the initializers no node reads any more. */
    private static GraphProto withUsedInitializers(GraphProto graph, List<TensorProto> added) {
        Set<String> used = new HashSet<>();
        graph.nodes().forEach(n -> used.addAll(n.inputs()));
        graph.outputs().forEach(o -> used.add(o.name()));
        List<TensorProto> kept = new ArrayList<>();
        for (TensorProto t : graph.initializers()) {
            if (used.contains(t.name())) {
                kept.add(t);
            }
        }
        kept.addAll(added);
        Set<String> keptNames = new HashSet<>();
        kept.forEach(t -> keptNames.add(t.name()));
        // old IR versions list initializers among the inputs too: drop those of removed weights
        List<ValueInfoProto> inputs = new ArrayList<>();
        Set<String> removed = new HashSet<>();
        graph.initializers().forEach(t -> {
            if (!keptNames.contains(t.name())) {
                removed.add(t.name());
            }
        });
        for (ValueInfoProto in : graph.inputs()) {
            if (!removed.contains(in.name())) {
                inputs.add(in);
            }
        }
        return new GraphProto(graph.name(), graph.nodes(), kept, inputs, graph.outputs(), graph.valueInfo(),
                graph.extra());
    }

    /** The model importing the com.microsoft operator set (version 1), which the fused operator needs. */
    private static ModelProto withMsOpset(ModelProto model) {
        if (model.opset(MS_DOMAIN) >= 1) {
            return model;
        }
        List<ModelProto.OpsetId> opsets = new ArrayList<>(model.opsetImports());
        opsets.add(new ModelProto.OpsetId(MS_DOMAIN, 1));
        return new ModelProto(model.irVersion(), opsets, model.producerName(), model.producerVersion(), model.graph(),
                model.metadataProps(), model.extra());
    }
}

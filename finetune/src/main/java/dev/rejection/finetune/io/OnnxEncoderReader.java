package dev.rejection.finetune.io;

import dev.rejection.onnx.graph.EncoderConfig;
import dev.rejection.onnx.proto.AttributeProto;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the weights of a BERT or RoBERTa encoder out of an fp32 ONNX graph by its structure, not by initializer
 * names (exporters often name weights {@code onnx::MatMul_787}). The graph is walked in node order:
 * <ul>
 *   <li>embedding tables are the 2-D initializers read by {@code Gather}: the one indexed by {@code input_ids} is
 *       the word table, the one by {@code token_type_ids} (or the smallest) the type table, the other positions;
 *   <li>LayerNorms are {@code LayerNormalization} nodes or the exported pattern {@code Div → Mul γ → Add β};
 *   <li>Linear layers are {@code MatMul} with a 2-D initializer (plus the {@code Add} of a 1-D bias) or {@code Gemm};
 *   <li>between a layer's input LayerNorm and its attention LayerNorm sit query, key, value and the attention
 *       output; query and key meet in the score MatMul (query on the left), value meets the softmax;
 *       between the attention LayerNorm and the output LayerNorm sit the intermediate and output Linears;
 *   <li>Linears after the last LayerNorm are the pooler and/or the classifier head, in order.
 * </ul>
 * The number of heads is config.json's when known, else read from the score scaling constant ({@code 1/√d} or
 * {@code √d}).
 */
public final class OnnxEncoderReader {

    /** Ops a value passes through unchanged in meaning (shape plumbing). */
    private static final Set<String> PLUMBING = Set.of("Reshape", "Transpose", "Cast", "Identity", "Squeeze",
            "Unsqueeze", "Flatten");

    private final GraphProto graph;
    private final String source;
    private final Map<String, TensorProto> initializers;
    private final Map<String, TensorProto> constants = new HashMap<>();
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, List<Integer>> consumers = new HashMap<>();

    /** What was found: weights in the engine's layout (Linear [in, out]) under Hugging Face names, and the shape. */
    public record Encoder(EncoderConfig config, Map<String, float[]> weights) {
    }

    private OnnxEncoderReader(GraphProto graph, String source) {
        this.graph = graph;
        this.source = source;
        this.initializers = graph.initializersByName();
        List<NodeProto> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            for (String out : n.outputs()) {
                producer.put(out, i);
            }
            for (String in : n.inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(i);
            }
            if (n.opType().equals("Constant")) {
                n.attribute("value").map(AttributeProto::asTensor).ifPresent(t -> constants.put(n.outputs().get(0), t));
            }
        }
    }

    /**
     * The encoder in {@code graph}. {@code modelType} ({@code bert}/{@code roberta}) and {@code padTokenId} may be
     * null to infer them (RoBERTa computes positions with CumSum; pad 1 for RoBERTa, 0 for BERT), and so may
     * {@code heads} (read from the scaling of the attention scores); the head gets {@code numLabels} outputs.
     * {@code source} names the file in errors.
     */
    public static Encoder read(GraphProto graph, String source, String modelType, Integer padTokenId,
                               Integer heads, int numLabels) {
        return new OnnxEncoderReader(graph, source).read(modelType, padTokenId, heads, numLabels);
    }

    private record Linear(int node, String input, String output, float[] weight, int in, int out, float[] bias) {
    }

    private record Norm(int node, String output, float[] gamma, float[] beta, double eps) {
    }

    private Encoder read(String modelType, Integer padTokenId, Integer knownHeads, int numLabels) {
        List<NodeProto> nodes = graph.nodes();
        List<Linear> linears = new ArrayList<>();
        List<Norm> norms = new ArrayList<>();
        List<NodeProto> gathers = new ArrayList<>();
        List<NodeProto> sliced = new ArrayList<>();
        boolean cumSum = false;
        for (int i = 0; i < nodes.size(); i++) {
            NodeProto n = nodes.get(i);
            switch (n.opType()) {
                case "MatMul", "Gemm" -> {
                    Linear l = linear(i, n);
                    if (l != null) {
                        linears.add(l);
                    }
                }
                case "LayerNormalization" -> norms.add(new Norm(i, n.outputs().get(0), floats(n.inputs().get(1)),
                        floats(n.inputs().get(2)),
                        n.attribute("epsilon").map(a -> decimal(a.asFloat())).orElse(1e-5)));
                case "Add" -> {
                    Norm norm = decomposedNorm(i, n);
                    if (norm != null) {
                        norms.add(norm);
                    }
                }
                case "Gather" -> {
                    TensorProto t = initializers.get(n.inputs().get(0));
                    if (t != null && t.dataType() == DataType.FLOAT && t.dims().length == 2) {
                        gathers.add(n);
                    }
                }
                case "Slice" -> { // BERT exports may slice the position table instead of gathering from it
                    TensorProto t = initializers.get(n.inputs().get(0));
                    if (t != null && t.dataType() == DataType.FLOAT && t.dims().length == 2) {
                        sliced.add(n);
                    }
                }
                case "CumSum" -> cumSum = true;
                default -> {
                }
            }
        }
        if (norms.isEmpty() || (norms.size() - 1) % 2 != 0) {
            throw new IllegalArgumentException(source + ": found " + norms.size() + " LayerNorms; a BERT/RoBERTa"
                    + " encoder has 1 + 2 per layer (is this an fp32 export of a BERT-family encoder?)");
        }
        String type = modelType != null ? modelType : cumSum ? "roberta" : "bert";
        int pad = padTokenId != null ? padTokenId : type.equals("roberta") ? 1 : 0;
        String prefix = type + ".";
        Map<String, float[]> weights = new LinkedHashMap<>();

        // embeddings
        NodeProto words = null;
        NodeProto types = null;
        List<NodeProto> rest = new ArrayList<>();
        for (NodeProto g : gathers) {
            String indices = g.inputs().get(1);
            if (indices.equals("input_ids") && words == null) {
                words = g;
            } else if (indices.equals("token_type_ids") && types == null) {
                types = g;
            } else {
                rest.add(g);
            }
        }
        if (words == null) {
            throw new IllegalArgumentException(source + ": no Gather reads an embedding table with input_ids");
        }
        rest.sort((a, b) -> Long.compare(rows(a), rows(b)));
        if (types == null && !rest.isEmpty()) {
            types = rest.remove(0);
        }
        rest.addAll(sliced);
        if (types == null || rest.isEmpty()) {
            throw new IllegalArgumentException(source + ": expected word, position and token-type embedding tables,"
                    + " found " + gathers.size() + " Gather(s) of 2-D initializers");
        }
        NodeProto positions = rest.get(rest.size() - 1);
        TensorProto wordTable = initializers.get(words.inputs().get(0));
        int hidden = (int) wordTable.dims()[1];
        weights.put(prefix + "embeddings.word_embeddings.weight", wordTable.floats());
        weights.put(prefix + "embeddings.position_embeddings.weight", floats(positions.inputs().get(0)));
        weights.put(prefix + "embeddings.token_type_embeddings.weight", floats(types.inputs().get(0)));
        put(weights, prefix + "embeddings.LayerNorm", norms.get(0));

        // encoder layers
        int layers = (norms.size() - 1) / 2;
        int heads = knownHeads != null ? knownHeads : -1;
        int intermediate = -1;
        for (int i = 0; i < layers; i++) {
            Norm in = norms.get(2 * i);
            Norm mid = norms.get(2 * i + 1);
            Norm out = norms.get(2 * i + 2);
            String p = prefix + "encoder.layer." + i;
            List<Linear> attention = between(linears, in.node(), mid.node());
            List<Linear> ffn = between(linears, mid.node(), out.node());
            if (attention.size() != 4 || ffn.size() != 2) {
                throw new IllegalArgumentException(source + ": layer " + i + " has " + attention.size()
                        + " Linear(s) in attention and " + ffn.size() + " in the feed-forward block (expected 4, 2)");
            }
            Linear q = null;
            Linear k = null;
            Linear v = null;
            Linear o = null;
            int scores = -1;
            for (Linear l : attention) {
                if (!origin(l.input()).equals(in.output())) {
                    o = l;
                    continue;
                }
                int[] use = attentionUse(l.output());
                if (use == null) {
                    throw new IllegalArgumentException(source + ": layer " + i + ": cannot tell what Linear at node "
                            + l.node() + " feeds");
                }
                if (fromSoftmax(nodes.get(use[0]).inputs().get(1 - use[1]))) {
                    v = l;
                } else if (use[1] == 0) {
                    q = l;
                    scores = use[0];
                } else {
                    k = l;
                }
            }
            if (q == null || k == null || v == null || o == null) {
                throw new IllegalArgumentException(source + ": layer " + i
                        + ": could not identify query, key, value and attention output");
            }
            if (heads < 0) {
                heads = hidden / headSize(scores, i);
            }
            Linear inner = origin(ffn.get(0).input()).equals(mid.output()) ? ffn.get(0) : ffn.get(1);
            Linear outer = inner == ffn.get(0) ? ffn.get(1) : ffn.get(0);
            intermediate = inner.out();
            put(weights, p + ".attention.self.query", q);
            put(weights, p + ".attention.self.key", k);
            put(weights, p + ".attention.self.value", v);
            put(weights, p + ".attention.output.dense", o);
            put(weights, p + ".attention.output.LayerNorm", mid);
            put(weights, p + ".intermediate.dense", inner);
            put(weights, p + ".output.dense", outer);
            put(weights, p + ".output.LayerNorm", out);
        }

        // pooler / head: whatever Linears follow the last LayerNorm, when their shapes fit
        List<Linear> tail = between(linears, norms.get(norms.size() - 1).node(), Integer.MAX_VALUE);
        if (type.equals("bert")) {
            if (!tail.isEmpty() && tail.get(0).in() == hidden && tail.get(0).out() == hidden) {
                put(weights, "bert.pooler.dense", tail.get(0));
                if (tail.size() > 1 && tail.get(1).out() == numLabels) {
                    put(weights, "classifier", tail.get(1));
                }
            }
        } else if (tail.size() == 2 && tail.get(0).out() == hidden && tail.get(1).out() == numLabels) {
            put(weights, "classifier.dense", tail.get(0));
            put(weights, "classifier.out_proj", tail.get(1));
        }
        EncoderConfig config = new EncoderConfig(type, (int) wordTable.dims()[0], hidden, layers, heads,
                intermediate, (int) rows(positions), (int) rows(types), pad, norms.get(0).eps(), 0.02, numLabels);
        return new Encoder(config, weights);
    }

    /** A MatMul/Gemm by a 2-D float initializer, with the 1-D bias Add that follows it (or Gemm's C). */
    private Linear linear(int index, NodeProto n) {
        TensorProto w = floatInit(n.inputs().get(1));
        if (w == null || w.dims().length != 2) {
            return null;
        }
        float[] weight = w.floats();
        int rows = (int) w.dims()[0];
        int cols = (int) w.dims()[1];
        String output = n.outputs().get(0);
        float[] bias = null;
        if (n.opType().equals("Gemm")) {
            boolean transB = n.attribute("transB").map(AttributeProto::asLong).orElse(0L) == 1;
            if (transB) { // stored [out, in]
                weight = transpose(weight, rows, cols);
                int t = rows;
                rows = cols;
                cols = t;
            }
            if (n.inputs().size() > 2) {
                bias = floats(n.inputs().get(2));
            }
        } else {
            for (int c : consumers.getOrDefault(output, List.of())) {
                NodeProto add = graph.nodes().get(c);
                if (add.opType().equals("Add")) {
                    String other = add.inputs().get(0).equals(output) ? add.inputs().get(1) : add.inputs().get(0);
                    TensorProto b = floatInit(other);
                    if (b != null && b.dims().length == 1 && b.dims()[0] == cols) {
                        bias = b.floats();
                        output = add.outputs().get(0);
                        break;
                    }
                }
            }
        }
        if (bias == null) {
            bias = new float[cols];
        }
        return new Linear(index, n.inputs().get(0), output, weight, rows, cols, bias);
    }

    /** {@code Add(Mul(Div(...), γ), β)} with 1-D γ and β: the LayerNorm pattern of older exports. */
    private Norm decomposedNorm(int index, NodeProto add) {
        for (int side = 0; side < 2; side++) {
            TensorProto beta = floatInit(add.inputs().get(side));
            Integer mulIndex = producer.get(add.inputs().get(1 - side));
            if (beta == null || beta.dims().length != 1 || mulIndex == null) {
                continue;
            }
            NodeProto mul = graph.nodes().get(mulIndex);
            if (!mul.opType().equals("Mul")) {
                continue;
            }
            for (int s = 0; s < 2; s++) {
                TensorProto gamma = floatInit(mul.inputs().get(s));
                Integer divIndex = producer.get(mul.inputs().get(1 - s));
                if (gamma != null && gamma.dims().length == 1 && divIndex != null
                        && graph.nodes().get(divIndex).opType().equals("Div")) {
                    return new Norm(index, add.outputs().get(0), gamma.floats(), beta.floats(),
                            epsilon(graph.nodes().get(divIndex)));
                }
            }
        }
        return null;
    }

    /** ε of {@code (x - mean) / Sqrt(var + ε)}, or 1e-12 when the pattern differs. */
    private double epsilon(NodeProto div) {
        Integer sqrt = producer.get(div.inputs().get(1));
        if (sqrt != null && graph.nodes().get(sqrt).opType().equals("Sqrt")) {
            Integer add = producer.get(graph.nodes().get(sqrt).inputs().get(0));
            if (add != null && graph.nodes().get(add).opType().equals("Add")) {
                for (String in : graph.nodes().get(add).inputs()) {
                    Double c = scalar(in);
                    if (c != null) {
                        return c;
                    }
                }
            }
        }
        return 1e-12;
    }

    /** Follows {@code value} through plumbing to the activation MatMul it feeds: {node, input position}. */
    private int[] attentionUse(String value) {
        for (int c : consumers.getOrDefault(value, List.of())) {
            NodeProto n = graph.nodes().get(c);
            if (n.opType().equals("MatMul") && floatInit(n.inputs().get(1)) == null) {
                return new int[] {c, n.inputs().get(0).equals(value) ? 0 : 1};
            }
            if (PLUMBING.contains(n.opType()) || n.opType().equals("Div") || n.opType().equals("Mul")) {
                int[] found = attentionUse(n.outputs().get(0));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Whether {@code value} comes from a Softmax (through plumbing). */
    private boolean fromSoftmax(String value) {
        Integer p = producer.get(value);
        if (p == null) {
            return false;
        }
        NodeProto n = graph.nodes().get(p);
        return n.opType().equals("Softmax") || (PLUMBING.contains(n.opType()) && fromSoftmax(n.inputs().get(0)));
    }

    /** The value {@code value} is a reshaped/cast copy of. */
    private String origin(String value) {
        Integer p = producer.get(value);
        if (p != null && PLUMBING.contains(graph.nodes().get(p).opType())) {
            return origin(graph.nodes().get(p).inputs().get(0));
        }
        return value;
    }

    /** The head size from the scaling of the score MatMul's output (Div by √d or Mul by 1/√d). */
    private int headSize(int scores, int layer) {
        for (int c : consumers.getOrDefault(graph.nodes().get(scores).outputs().get(0), List.of())) {
            NodeProto n = graph.nodes().get(c);
            Double s = scalar(n.inputs().get(1));
            if (s != null && n.opType().equals("Div")) {
                return (int) Math.round(s * s);
            }
            if (s != null && n.opType().equals("Mul")) {
                return (int) Math.round(1 / (s * s));
            }
        }
        throw new IllegalArgumentException(source + ": layer " + layer
                + ": the attention scores are not scaled by a constant; cannot infer the number of heads"
                + " (put the model's config.json beside the ONNX file)");
    }

    private Double scalar(String value) {
        TensorProto t = initializers.containsKey(value) ? initializers.get(value) : constants.get(value);
        if (t == null || t.elementCount() != 1) {
            return null;
        }
        return switch (t.dataType()) {
            case FLOAT -> decimal(t.floats()[0]);
            case DOUBLE -> t.rawData().getDouble(0);
            default -> null;
        };
    }

    /** A float as the decimal it was written from (1e-12f becomes 1e-12, not 9.9999998e-13). */
    private static double decimal(float f) {
        return Double.parseDouble(Float.toString(f));
    }

    private static List<Linear> between(List<Linear> linears, int from, int to) {
        return linears.stream().filter(l -> l.node() > from && l.node() < to).toList();
    }

    private TensorProto floatInit(String name) {
        TensorProto t = initializers.get(name);
        return t != null && t.dataType() == DataType.FLOAT ? t : null;
    }

    private float[] floats(String name) {
        TensorProto t = floatInit(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": '" + name + "' is not a float initializer");
        }
        return t.floats();
    }

    private long rows(NodeProto gather) {
        return initializers.get(gather.inputs().get(0)).dims()[0];
    }

    private static void put(Map<String, float[]> weights, String module, Linear l) {
        weights.put(module + ".weight", l.weight());
        weights.put(module + ".bias", l.bias());
    }

    private static void put(Map<String, float[]> weights, String module, Norm n) {
        weights.put(module + ".weight", n.gamma());
        weights.put(module + ".bias", n.beta());
    }

    static float[] transpose(float[] x, int rows, int cols) {
        float[] t = new float[x.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                t[j * rows + i] = x[i * cols + j];
            }
        }
        return t;
    }
}

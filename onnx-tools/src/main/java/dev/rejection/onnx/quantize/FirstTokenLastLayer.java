package dev.rejection.onnx.quantize;

import dev.rejection.onnx.proto.AttributeProto;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sequence classifier reads only the first token of the last encoder layer's output, so that layer needs its
 * keys and values for every token but its query, attention output, feed-forward network and LayerNorms for the
 * first token alone. This rewrite feeds the last layer's query projection and residual connection with
 * {@code x[:, 0:1, :]} instead of {@code x}: every operation after them is per token, so they compute one row
 * instead of {@code sequence_length}, and the classifier's {@code Gather(h, 0, axis=1)} picks the same values.
 *
 * <p>The pattern is found, not assumed: the first-token {@code Gather} must be the only reader of the last hidden
 * state, and the last layer's input must be read only by its query, key and value projections (MatMul or
 * DynamicQuantizeMatMul with a weight initializer) and by residual {@code Add}s; the query is the projection that
 * reaches the left side of the attention-scores product. Anything else (a graph that also outputs the hidden
 * states, attention shapes taken from the layer input) is refused with the reason.
 */
public final class FirstTokenLastLayer {

    private FirstTokenLastLayer() {
    }

    /**
     * The rewritten model.
     *
     * @throws IllegalArgumentException saying which part of the pattern is missing
     */
    public static ModelProto rewrite(ModelProto model) {
        GraphProto graph = model.graph();
        Map<String, TensorProto> weights = graph.initializersByName();
        Map<String, List<NodeProto>> readers = DynamicQuantizer.readers(graph);
        Map<String, Integer> producer = new HashMap<>();
        Map<String, NodeProto> constants = new HashMap<>();
        for (int i = 0; i < graph.nodes().size(); i++) {
            NodeProto n = graph.nodes().get(i);
            for (String o : n.outputs()) {
                producer.put(o, i);
            }
            if (n.opType().equals("Constant")) {
                constants.put(n.outputs().get(0), n);
            }
        }
        Set<String> graphOutputs = new HashSet<>();
        graph.outputs().forEach(o -> graphOutputs.add(o.name()));

        NodeProto pick = graph.nodes().stream().filter(n -> isFirstTokenGather(n, weights, constants)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Gather(hidden, 0, axis=1) picking the first "
                        + "token: not a first-token sequence classifier"));
        String hidden = pick.inputs().get(0);
        if (readers.get(hidden).size() != 1 || graphOutputs.contains(hidden)) {
            throw new IllegalArgumentException("the last hidden state '" + hidden + "' is read by more than the "
                    + "first-token Gather: every token is needed");
        }

        String layerInput = lastLayerInput(hidden, graph, weights, readers, producer);
        List<NodeProto> projections = new ArrayList<>();
        List<NodeProto> residuals = new ArrayList<>();
        for (NodeProto r : readers.get(layerInput)) {
            if (isWeightMatMul(r, weights) && r.inputs().get(0).equals(layerInput)) {
                projections.add(r);
            } else if (r.opType().equals("Add") && r.domain().isEmpty()) {
                residuals.add(r);
            } else {
                throw new IllegalArgumentException("the last layer's input '" + layerInput + "' is also read by "
                        + r.opType() + " node '" + r.name() + "', which may need every token");
            }
        }
        List<NodeProto> queries = projections.stream()
                .filter(p -> reachesScoresAsLeftOperand(p.outputs().get(0), readers, weights)).toList();
        if (projections.size() != 3 || queries.size() != 1 || residuals.isEmpty()) {
            throw new IllegalArgumentException("the last layer's input '" + layerInput + "' feeds "
                    + projections.size() + " projections (" + queries.size() + " query-like) and " + residuals.size()
                    + " residual Adds; expected query, key, value and a residual");
        }

        String first = layerInput + "/first_token";
        String starts = first + "/starts";
        String ends = first + "/ends";
        String axes = first + "/axes";
        NodeProto slice = NodeProto.of(first, "Slice", List.of(layerInput, starts, ends, axes), List.of(first));
        Set<NodeProto> rewired = new HashSet<>(residuals);
        rewired.add(queries.get(0));
        List<NodeProto> nodes = new ArrayList<>();
        int after = producer.getOrDefault(layerInput, -1);
        if (after < 0) {
            nodes.add(slice);
        }
        for (int i = 0; i < graph.nodes().size(); i++) {
            NodeProto n = graph.nodes().get(i);
            nodes.add(rewired.contains(n) ? replaceInput(n, layerInput, first) : n);
            if (i == after) {
                nodes.add(slice);
            }
        }
        List<TensorProto> initializers = new ArrayList<>(graph.initializers());
        initializers.add(TensorProto.ofLongs(starts, new long[] {0}, 1));
        initializers.add(TensorProto.ofLongs(ends, new long[] {1}, 1));
        initializers.add(TensorProto.ofLongs(axes, new long[] {1}, 1));
        return model.withGraph(new GraphProto(graph.name(), nodes, initializers, graph.inputs(), graph.outputs(),
                graph.valueInfo(), graph.extra()));
    }

    private static boolean isFirstTokenGather(NodeProto n, Map<String, TensorProto> weights,
                                              Map<String, NodeProto> constants) {
        if (!n.opType().equals("Gather") || !n.domain().isEmpty() || n.inputs().size() != 2
                || n.attribute("axis").map(AttributeProto::asLong).orElse(0L) != 1) {
            return false;
        }
        TensorProto index = weights.get(n.inputs().get(1));
        if (index == null && constants.containsKey(n.inputs().get(1))) {
            index = constants.get(n.inputs().get(1)).attribute("value").map(AttributeProto::asTensor).orElse(null);
        }
        if (index == null || index.dims().length != 0) {
            return false;
        }
        ByteBuffer raw = index.rawData();
        return switch (index.dataType()) {
            case INT64 -> raw.getLong(0) == 0;
            case INT32 -> raw.getInt(0) == 0;
            default -> false;
        };
    }

    /** The latest value before {@code hidden} that at least three weight MatMuls read: the last layer's input. */
    private static String lastLayerInput(String hidden, GraphProto graph, Map<String, TensorProto> weights,
                                         Map<String, List<NodeProto>> readers, Map<String, Integer> producer) {
        Set<String> ancestors = new HashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(hidden));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            Integer p = producer.get(v);
            if (ancestors.add(v) && p != null) {
                graph.nodes().get(p).inputs().stream().filter(in -> !in.isEmpty() && !weights.containsKey(in))
                        .forEach(todo::push);
            }
        }
        String best = null;
        for (String v : ancestors) {
            long projections = readers.getOrDefault(v, List.of()).stream()
                    .filter(r -> isWeightMatMul(r, weights) && r.inputs().get(0).equals(v)).count();
            if (projections >= 3 && (best == null || producer.getOrDefault(v, -1) > producer.getOrDefault(best, -1))) {
                best = v;
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("no value before '" + hidden + "' feeds query, key and value "
                    + "projections: no attention layer found");
        }
        // a later value read by two projections is a later layer's key and value input: that layer is narrowed
        // already (its query reads a slice), and narrowing this one would starve its keys and values
        for (String v : ancestors) {
            long projections = readers.getOrDefault(v, List.of()).stream()
                    .filter(r -> isWeightMatMul(r, weights) && r.inputs().get(0).equals(v)).count();
            if (projections >= 2 && producer.getOrDefault(v, -1) > producer.getOrDefault(best, -1)) {
                throw new IllegalArgumentException("the layer reading '" + v + "' comes after '" + best
                        + "' and has no query of its own: the last layer is computed for the first token already");
            }
        }
        return best;
    }

    private static boolean isWeightMatMul(NodeProto n, Map<String, TensorProto> weights) {
        boolean matMul = (n.opType().equals("MatMul") && n.domain().isEmpty())
                || (n.opType().equals("DynamicQuantizeMatMul") && n.domain().equals(DynamicQuantizer.MS_DOMAIN));
        return matMul && n.inputs().size() >= 2 && weights.containsKey(n.inputs().get(1));
    }

    /** Whether {@code value} flows, through a few per-head reshapes, into input 0 of an activation x activation MatMul. */
    private static boolean reachesScoresAsLeftOperand(String value, Map<String, List<NodeProto>> readers,
                                                      Map<String, TensorProto> weights) {
        Deque<String> todo = new ArrayDeque<>(List.of(value));
        Set<String> seen = new HashSet<>();
        while (!todo.isEmpty() && seen.size() < 16) {
            String v = todo.pop();
            if (!seen.add(v)) {
                continue;
            }
            for (NodeProto r : readers.getOrDefault(v, List.of())) {
                boolean product = r.opType().equals("MatMul") && !weights.containsKey(r.inputs().get(0))
                        && !weights.containsKey(r.inputs().get(1));
                if (product) {
                    if (r.inputs().get(0).equals(v)) {
                        return true;
                    }
                } else if (Set.of("Add", "Mul", "Div", "Reshape", "Transpose").contains(r.opType())) {
                    todo.addAll(r.outputs());
                }
            }
        }
        return false;
    }

    private static NodeProto replaceInput(NodeProto n, String from, String to) {
        List<String> inputs = n.inputs().stream().map(in -> in.equals(from) ? to : in).toList();
        return new NodeProto(n.name(), n.opType(), n.domain(), inputs, n.outputs(), n.attributes(), n.extra());
    }
}

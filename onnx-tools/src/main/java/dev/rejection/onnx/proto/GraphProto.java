package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A computation graph: nodes in topological order, the weights (initializers), and the typed inputs and outputs.
 *
 * @param name         the graph's name
 * @param nodes        nodes in topological order
 * @param initializers constant tensors (weights), referred to by name
 * @param inputs       graph inputs
 * @param outputs      graph outputs
 * @param valueInfo    optional type hints for intermediate values
 * @param extra        fields this class does not model (e.g. doc_string, sparse initializers), kept verbatim
 */
public record GraphProto(String name, List<NodeProto> nodes, List<TensorProto> initializers,
                         List<ValueInfoProto> inputs, List<ValueInfoProto> outputs, List<ValueInfoProto> valueInfo,
                         byte[] extra) {

    public GraphProto {
        name = name == null ? "" : name;
        nodes = List.copyOf(nodes);
        initializers = List.copyOf(initializers);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        valueInfo = List.copyOf(valueInfo);
    }

    /** The initializers by name, in file order. */
    public Map<String, TensorProto> initializersByName() {
        Map<String, TensorProto> byName = new LinkedHashMap<>();
        for (TensorProto t : initializers) {
            byName.put(t.name(), t);
        }
        return byName;
    }

    /** The same graph with other nodes (a rewrite). */
    public GraphProto withNodes(List<NodeProto> newNodes) {
        return new GraphProto(name, newNodes, initializers, inputs, outputs, valueInfo, extra);
    }

    /** The same graph with other initializers (a rewrite). */
    public GraphProto withInitializers(List<TensorProto> newInitializers) {
        return new GraphProto(name, nodes, newInitializers, inputs, outputs, valueInfo, extra);
    }

    @Override
    public String toString() {
        return "GraphProto[" + name + ", " + nodes.size() + " nodes, " + initializers.size() + " initializers]";
    }

    // ---- wire format (onnx.proto GraphProto) ----

    private static final int NODE = 1;
    private static final int NAME = 2;
    private static final int INITIALIZER = 5;
    private static final int INPUT = 11;
    private static final int OUTPUT = 12;
    private static final int VALUE_INFO = 13;

    void writeTo(WireWriter w) throws IOException {
        for (NodeProto n : nodes) {
            w.message(NODE, n::writeTo);
        }
        w.optionalString(NAME, name);
        for (TensorProto t : initializers) {
            w.message(INITIALIZER, t::writeTo);
        }
        for (ValueInfoProto v : inputs) {
            w.message(INPUT, v::writeTo);
        }
        for (ValueInfoProto v : outputs) {
            w.message(OUTPUT, v::writeTo);
        }
        for (ValueInfoProto v : valueInfo) {
            w.message(VALUE_INFO, v::writeTo);
        }
        w.raw(extra);
    }

    static GraphProto read(WireReader r) {
        String name = "";
        List<NodeProto> nodes = new ArrayList<>();
        List<TensorProto> initializers = new ArrayList<>();
        List<ValueInfoProto> inputs = new ArrayList<>();
        List<ValueInfoProto> outputs = new ArrayList<>();
        List<ValueInfoProto> valueInfo = new ArrayList<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case NODE -> nodes.add(NodeProto.read(r.message()));
                case NAME -> name = r.string();
                case INITIALIZER -> initializers.add(TensorProto.read(r.message()));
                case INPUT -> inputs.add(ValueInfoProto.read(r.message()));
                case OUTPUT -> outputs.add(ValueInfoProto.read(r.message()));
                case VALUE_INFO -> valueInfo.add(ValueInfoProto.read(r.message()));
                default -> r.keep(extra);
            }
        }
        return new GraphProto(name, nodes, initializers, inputs, outputs, valueInfo, extra.toByteArray());
    }
}

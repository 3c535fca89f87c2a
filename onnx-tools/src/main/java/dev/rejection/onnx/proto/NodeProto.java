package dev.rejection.onnx.proto;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One operator application in a graph.
 *
 * @param name       the node's name (may be empty)
 * @param opType     the operator, e.g. {@code MatMul}
 * @param domain     the operator set's domain; empty for the default ONNX domain
 * @param inputs     input value names; an empty name marks an omitted optional input
 * @param outputs    output value names
 * @param attributes attributes in file order
 * @param extra      fields this class does not model (e.g. {@code doc_string}), kept verbatim
 */
public record NodeProto(String name, String opType, String domain, List<String> inputs, List<String> outputs,
                        List<AttributeProto> attributes, byte[] extra) {

    public NodeProto {
        name = name == null ? "" : name;
        domain = domain == null ? "" : domain;
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        attributes = List.copyOf(attributes);
    }

    public static NodeProto of(String name, String opType, List<String> inputs, List<String> outputs,
                               AttributeProto... attributes) {
        return new NodeProto(name, opType, "", inputs, outputs, List.of(attributes), new byte[0]);
    }

    public Optional<AttributeProto> attribute(String attributeName) {
        return attributes.stream().filter(a -> a.name().equals(attributeName)).findFirst();
    }

    @Override
    public String toString() {
        return "NodeProto[" + name + " " + opType + " " + inputs + " -> " + outputs + "]";
    }

    // ---- wire format (onnx.proto NodeProto) ----

    private static final int INPUT = 1;
    private static final int OUTPUT = 2;
    private static final int NAME = 3;
    private static final int OP_TYPE = 4;
    private static final int ATTRIBUTE = 5;
    private static final int DOMAIN = 7;

    void writeTo(WireWriter w) throws IOException {
        for (String in : inputs) {
            w.string(INPUT, in);
        }
        for (String out : outputs) {
            w.string(OUTPUT, out);
        }
        w.optionalString(NAME, name);
        w.string(OP_TYPE, opType);
        for (AttributeProto a : attributes) {
            w.message(ATTRIBUTE, a::writeTo);
        }
        w.optionalString(DOMAIN, domain);
        w.raw(extra);
    }

    static NodeProto read(WireReader r) {
        String name = "";
        String opType = null;
        String domain = "";
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<AttributeProto> attributes = new ArrayList<>();
        ByteArrayOutputStream extra = new ByteArrayOutputStream();
        while (r.next()) {
            switch (r.field()) {
                case INPUT -> inputs.add(r.string());
                case OUTPUT -> outputs.add(r.string());
                case NAME -> name = r.string();
                case OP_TYPE -> opType = r.string();
                case ATTRIBUTE -> attributes.add(AttributeProto.read(r.message()));
                case DOMAIN -> domain = r.string();
                default -> r.keep(extra);
            }
        }
        if (opType == null) {
            throw r.error("node '" + name + "' has no op_type");
        }
        return new NodeProto(name, opType, domain, inputs, outputs, attributes, extra.toByteArray());
    }
}

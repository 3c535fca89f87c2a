package dev.rejection.onnx.graph;

import dev.rejection.onnx.proto.AttributeProto;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.NodeProto;
import dev.rejection.onnx.proto.TensorProto;
import dev.rejection.onnx.proto.ValueInfoProto;
import dev.rejection.onnx.proto.ValueInfoProto.Dim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds an ONNX graph one operator at a time. Every method returns the name of the value it produces, so a
 * model reads like its math: {@code g.add(g.matMul(x, w), b)}. Values are named {@code scope/Op_n}, where the
 * scope is set with {@link #scope(String)} (e.g. the Hugging Face module path), which keeps graphs readable.
 */
public final class GraphBuilder {

    private final String name;
    private final List<NodeProto> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String scope = "";
    private int counter;

    public GraphBuilder(String name) {
        this.name = name;
    }

    /** Sets the prefix of the values and nodes made from now on. */
    public GraphBuilder scope(String newScope) {
        this.scope = newScope;
        return this;
    }

    public String input(String inputName, DataType type, Dim... shape) {
        claim(inputName);
        inputs.add(ValueInfoProto.tensor(inputName, type, shape));
        return inputName;
    }

    /** Declares {@code value} (a name made by this builder) a graph output of the given type. */
    public void output(String value, DataType type, Dim... shape) {
        if (!names.contains(value)) {
            throw new IllegalArgumentException("no value named '" + value + "' in graph " + name);
        }
        outputs.add(ValueInfoProto.tensor(value, type, shape));
    }

    /** Adds a weight (initializer) and returns its name. */
    public String weight(TensorProto tensor) {
        claim(tensor.name());
        initializers.add(tensor);
        return tensor.name();
    }

    /** A scalar float constant. */
    public String constant(float value) {
        return weight(TensorProto.ofFloats(fresh("const"), new float[] {value}));
    }

    /** A 1-D int64 constant. */
    public String constants(long... values) {
        return weight(TensorProto.ofLongs(fresh("const"), values, values.length));
    }

    /** A scalar int64 constant. */
    public String constant(long value) {
        return weight(TensorProto.ofLongs(fresh("const"), new long[] {value}));
    }

    /** Adds a node with one output, named automatically. */
    public String op(String opType, List<String> in, AttributeProto... attributes) {
        return opNamed(fresh(opType), opType, in, attributes);
    }

    /** Adds a node with one output of the given name (e.g. a graph output such as {@code logits}). */
    public String opNamed(String output, String opType, List<String> in, AttributeProto... attributes) {
        claim(output);
        nodes.add(NodeProto.of(output, opType, in, List.of(output), attributes));
        return output;
    }

    public GraphProto build() {
        return new GraphProto(name, nodes, initializers, inputs, outputs, List.of(), new byte[0]);
    }

    // ---- the operators transformer encoders use ----

    public String add(String a, String b) {
        return op("Add", List.of(a, b));
    }

    public String sub(String a, String b) {
        return op("Sub", List.of(a, b));
    }

    public String mul(String a, String b) {
        return op("Mul", List.of(a, b));
    }

    public String div(String a, String b) {
        return op("Div", List.of(a, b));
    }

    public String matMul(String a, String b) {
        return op("MatMul", List.of(a, b));
    }

    public String erf(String x) {
        return op("Erf", List.of(x));
    }

    public String tanh(String x) {
        return op("Tanh", List.of(x));
    }

    public String not(String x) {
        return op("Not", List.of(x));
    }

    public String equal(String a, String b) {
        return op("Equal", List.of(a, b));
    }

    public String softmax(String x, long axis) {
        return op("Softmax", List.of(x), AttributeProto.ofInt("axis", axis));
    }

    public String cast(String x, DataType to) {
        return op("Cast", List.of(x), AttributeProto.ofInt("to", to.code()));
    }

    /** Rows of {@code data} picked by {@code indices} along {@code axis}. */
    public String gather(String data, String indices, long axis) {
        return op("Gather", List.of(data, indices), AttributeProto.ofInt("axis", axis));
    }

    /** Running sum along {@code axis} (inclusive). */
    public String cumSum(String x, long axis) {
        return op("CumSum", List.of(x, constant(axis)));
    }

    /** Reshape; a 0 in {@code shape} copies that dimension of the input, -1 infers it. */
    public String reshape(String x, long... shape) {
        return op("Reshape", List.of(x, constants(shape)));
    }

    public String transpose(String x, long... perm) {
        return op("Transpose", List.of(x), AttributeProto.ofInts("perm", perm));
    }

    public String unsqueeze(String x, long... axes) {
        return op("Unsqueeze", List.of(x, constants(axes)));
    }

    /** The dimensions {@code start..end-1} of {@code x}'s shape, as a 1-D int64 tensor. */
    public String shape(String x, long start, long end) {
        return op("Shape", List.of(x), AttributeProto.ofInt("start", start), AttributeProto.ofInt("end", end));
    }

    public String slice(String x, String starts, String ends, String axes) {
        return op("Slice", List.of(x, starts, ends, axes));
    }

    /** LayerNormalization over the last axis (opset 17). */
    public String layerNorm(String x, String scale, String bias, double epsilon) {
        return op("LayerNormalization", List.of(x, scale, bias),
                AttributeProto.ofInt("axis", -1), AttributeProto.ofFloat("epsilon", (float) epsilon));
    }

    /** GELU with erf, as {@code x * 0.5 * (1 + erf(x / sqrt 2))} — the pattern ONNX Runtime fuses into Gelu. */
    public String gelu(String x) {
        String erf = erf(div(x, constant((float) Math.sqrt(2.0))));
        return mul(mul(x, add(erf, constant(1f))), constant(0.5f));
    }

    private String fresh(String base) {
        String prefix = scope.isEmpty() ? "" : scope + "/";
        String candidate;
        do {
            candidate = prefix + base + "_" + counter++;
        } while (names.contains(candidate));
        return candidate;
    }

    private void claim(String valueName) {
        if (!names.add(valueName)) {
            throw new IllegalArgumentException("value '" + valueName + "' defined twice in graph " + name);
        }
    }

    @Override
    public String toString() {
        return "GraphBuilder[" + name + ", " + nodes.size() + " nodes, inputs " + Arrays.toString(inputs.toArray())
                + "]";
    }
}

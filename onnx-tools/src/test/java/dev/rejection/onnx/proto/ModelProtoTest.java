package dev.rejection.onnx.proto;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import dev.rejection.onnx.proto.ValueInfoProto.Dim;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelProtoTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();

    @Test
    void readingWhatWasWrittenGivesTheSameModelAndBytes() throws Exception {
        Path file = StandIns.tiny().resolve("onnx/model.onnx");
        byte[] written = Files.readAllBytes(file);
        ModelProto model = ModelProto.read(file);

        assertThat(model.toByteArray()).isEqualTo(written);
        assertThat(model.irVersion()).isEqualTo(8);
        assertThat(model.opset("")).isEqualTo(17);
        assertThat(model.graph().inputs()).extracting(ValueInfoProto::name)
                .containsExactly("input_ids", "attention_mask");
        ValueInfoProto ids = model.graph().inputs().get(0);
        assertThat(ids.type().elemType()).isEqualTo(DataType.INT64);
        assertThat(ids.type().shape()).containsExactly(Dim.param("batch_size"), Dim.param("sequence_length"));
        ValueInfoProto logits = model.graph().outputs().get(0);
        assertThat(logits.name()).isEqualTo("logits");
        assertThat(logits.type().shape()).containsExactly(Dim.param("batch_size"), Dim.of(2));
        TensorProto words = model.graph().initializersByName().get("roberta.embeddings.word_embeddings.weight");
        assertThat(words.dims()).containsExactly(50265, 32);
        assertThat(model.graph().nodes()).anySatisfy(n -> {
            assertThat(n.opType()).isEqualTo("LayerNormalization");
            assertThat(n.attribute("epsilon").orElseThrow().asFloat()).isEqualTo(1e-5f);
        });
    }

    @Test
    void everyKindOfFieldSurvivesARoundTrip() {
        GraphProto inner = new GraphProto("body", List.of(NodeProto.of("n", "Identity", List.of("a"), List.of("b"))),
                List.of(), List.of(ValueInfoProto.tensor("a", DataType.FLOAT)),
                List.of(ValueInfoProto.tensor("b", DataType.FLOAT, new Dim(-1, null))), List.of(), new byte[0]);
        NodeProto node = new NodeProto("all", "Custom", "my.domain", List.of("x", ""), List.of("y"), List.of(
                AttributeProto.ofFloat("f", -2.5f),
                AttributeProto.ofInt("i", -7),
                AttributeProto.ofString("s", "héllo"),
                AttributeProto.ofTensor("t", TensorProto.ofLongs("t", new long[] {1, -2, 3}, 3)),
                AttributeProto.ofGraph("g", inner),
                AttributeProto.ofFloats("fs", 1f, 2f),
                AttributeProto.ofInts("is", 4, -5, 6)), new byte[0]);
        GraphProto graph = new GraphProto("g", List.of(node),
                List.of(TensorProto.ofFloats("w", new float[] {1.5f, -0.25f, 3f, 4f}, 2, 2)),
                List.of(ValueInfoProto.tensor("x", DataType.FLOAT, Dim.param("n"), Dim.of(2))),
                List.of(ValueInfoProto.tensor("y", DataType.FLOAT)), List.of(), new byte[0]);
        ModelProto model = new ModelProto(9, List.of(new ModelProto.OpsetId("", 17),
                new ModelProto.OpsetId("my.domain", 1)), "me", "1.0", graph,
                List.of(new ModelProto.Entry("k", "v")), new byte[0]);

        byte[] bytes = model.toByteArray();
        ModelProto back = ModelProto.parse(bytes, "memory");

        assertThat(back.toByteArray()).isEqualTo(bytes);
        assertThat(back.irVersion()).isEqualTo(9);
        assertThat(back.producerName()).isEqualTo("me");
        assertThat(back.opset("my.domain")).isEqualTo(1);
        assertThat(back.metadataProps()).containsExactly(new ModelProto.Entry("k", "v"));
        NodeProto n = back.graph().nodes().get(0);
        assertThat(n.domain()).isEqualTo("my.domain");
        assertThat(n.inputs()).containsExactly("x", "");
        assertThat(n.attribute("f").orElseThrow().asFloat()).isEqualTo(-2.5f);
        assertThat(n.attribute("i").orElseThrow().asLong()).isEqualTo(-7);
        assertThat(n.attribute("s").orElseThrow().asString()).isEqualTo("héllo");
        assertThat(n.attribute("t").orElseThrow().asTensor().longs()).containsExactly(1, -2, 3);
        assertThat(n.attribute("g").orElseThrow().asGraph().nodes().get(0).opType()).isEqualTo("Identity");
        assertThat(n.attribute("fs").orElseThrow().asFloats()).containsExactly(1f, 2f);
        assertThat(n.attribute("is").orElseThrow().asLongs()).containsExactly(4, -5, 6);
        assertThat(back.graph().initializers().get(0).floats()).containsExactly(1.5f, -0.25f, 3f, 4f);
        assertThatThrownBy(() -> n.attribute("f").orElseThrow().asLong())
                .hasMessageContaining("attribute 'f' is FLOAT, not INT");
    }

    /**
     * A model written by another exporter (the quantized MiniLM, with typed tensor fields, doc strings and
     * other fields this reader only carries along) reads, writes back and computes exactly what it did.
     */
    @Test
    void aForeignModelRewrittenComputesTheSame(@TempDir Path tmp) throws Exception {
        Path original = tmp.resolve("minilm.onnx");
        try (InputStream in = getClass().getResourceAsStream("/all-minilm-l6-v2-q.onnx")) {
            assertThat(in).as("MiniLM-q jar on the test classpath").isNotNull();
            Files.copy(in, original);
        }
        ModelProto model = ModelProto.read(original);
        assertThat(model.graph().nodes()).extracting(NodeProto::opType).contains("MatMulInteger");
        Path rewritten = tmp.resolve("rewritten.onnx");
        model.write(rewritten);

        long[][] ids = {{101, 7592, 2088, 102, 0}, {101, 2129, 102, 0, 0}};
        long[][] mask = {{1, 1, 1, 1, 0}, {1, 1, 1, 0, 0}};
        long[][] types = new long[2][5];
        float[][][] before = embed(original, ids, mask, types);
        float[][][] after = embed(rewritten, ids, mask, types);
        assertThat(after).isDeepEqualTo(before);
        // and reading the rewritten file gives the same model again
        assertThat(ModelProto.read(rewritten).toByteArray()).isEqualTo(Files.readAllBytes(rewritten));
    }

    /**
     * Each tensor read from a file knows where its bytes lie there, and can be written as a reference to them (ONNX
     * external data) that ONNX Runtime follows to the same values.
     */
    @Test
    void aTensorReadFromAFileCanReferToItsBytesThere(@TempDir Path tmp) throws Exception {
        Path file = Files.copy(StandIns.tiny().resolve("onnx/model.onnx"), tmp.resolve("model.onnx"));
        byte[] bytes = Files.readAllBytes(file);
        ModelProto model = ModelProto.read(file);
        for (TensorProto t : model.graph().initializers()) {
            byte[] expected = new byte[t.rawData().remaining()];
            t.rawData().get(expected);
            assertThat(Arrays.copyOfRange(bytes, (int) t.rawDataOffset(), (int) t.rawDataOffset() + expected.length))
                    .as(t.name()).isEqualTo(expected);
        }
        assertThat(TensorProto.ofFloats("made", new float[] {1f}, 1).rawDataOffset()).isEqualTo(-1);
        assertThatThrownBy(() -> TensorProto.ofFloats("made", new float[] {1f}, 1).storedIn("model.onnx", 0))
                .hasMessageContaining("not read from raw data in a file");

        List<TensorProto> referring = model.graph().initializers().stream()
                .map(t -> t.rawData().remaining() >= 64 ? t.storedIn("model.onnx", 0) : t).toList();
        TensorProto words = referring.stream()
                .filter(t -> t.name().equals("roberta.embeddings.word_embeddings.weight")).findFirst().orElseThrow();
        assertThat(words.external().length()).isEqualTo(50265L * 32 * 4);
        assertThat(words.rawData().remaining()).isZero();
        Path small = tmp.resolve("structure.onnx");
        model.withGraph(model.graph().withInitializers(referring)).write(small);
        assertThat(Files.size(small)).isLessThan(Files.size(file) / 20);

        long[][] ids = {{0, 31414, 232, 2}};
        long[][] mask = {{1, 1, 1, 1}};
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession whole = ENV.createSession(file.toString(), options);
             OrtSession referred = ENV.createSession(small.toString(), options);
             OnnxTensor idTensor = OnnxTensor.createTensor(ENV, ids);
             OnnxTensor maskTensor = OnnxTensor.createTensor(ENV, mask)) {
            Map<String, OnnxTensor> feed = Map.of("input_ids", idTensor, "attention_mask", maskTensor);
            try (OrtSession.Result a = whole.run(feed); OrtSession.Result b = referred.run(feed)) {
                assertThat((float[][]) b.get(0).getValue()).isDeepEqualTo((float[][]) a.get(0).getValue());
            }
        }
    }

    @Test
    void aDamagedFileIsReportedWithItsNameAndOffset(@TempDir Path tmp) throws Exception {
        byte[] good = Files.readAllBytes(StandIns.tiny().resolve("onnx/model.onnx"));
        Path broken = tmp.resolve("broken.onnx");
        Files.write(broken, Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> ModelProto.read(broken))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken.onnx")
                .hasMessageContaining("at byte");
    }

    @Test
    void tensorDataMustFitTheShape() {
        assertThatThrownBy(() -> TensorProto.ofFloats("w", new float[3], 2, 2))
                .hasMessageContaining("tensor 'w': 12 bytes of data for FLOAT shape [2, 2] (expected 16)");
    }

    private static float[][][] embed(Path model, long[][] ids, long[][] mask, long[][] types) throws Exception {
        try (OrtSession s = ENV.createSession(model.toString(), new OrtSession.SessionOptions());
             OnnxTensor a = OnnxTensor.createTensor(ENV, ids);
             OnnxTensor b = OnnxTensor.createTensor(ENV, mask);
             OnnxTensor c = OnnxTensor.createTensor(ENV, types);
             OrtSession.Result r = s.run(Map.of("input_ids", a, "attention_mask", b, "token_type_ids", c))) {
            return (float[][][]) r.get(0).getValue();
        }
    }
}

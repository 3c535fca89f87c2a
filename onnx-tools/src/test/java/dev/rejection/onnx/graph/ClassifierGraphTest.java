package dev.rejection.onnx.graph;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.testing.StandIns;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The generated graphs compute what Hugging Face computes: ONNX Runtime against a plain-loop reference. */
class ClassifierGraphTest {

    private static final OrtEnvironment ENV = OrtEnvironment.getEnvironment();
    private static final double TOLERANCE = 1e-4;

    // <s> ... </s> then padding (1) for RoBERTa; row lengths 9, 4 and 2
    private static final long[][] ROBERTA_IDS = {
            {0, 31414, 232, 328, 100, 1395, 10, 1296, 2},
            {0, 100, 1395, 2, 1, 1, 1, 1, 1},
            {0, 2, 1, 1, 1, 1, 1, 1, 1}};
    // [CLS] ... [SEP] then padding (0) for BERT, with a second segment in the first row
    private static final long[][] BERT_IDS = {
            {101, 7592, 2088, 102, 2129, 2024, 2017, 102},
            {101, 1045, 2064, 102, 0, 0, 0, 0}};
    private static final long[][] BERT_TYPES = {
            {0, 0, 0, 0, 1, 1, 1, 1},
            {0, 0, 0, 0, 0, 0, 0, 0}};

    @Test
    void tinyRobertaMatchesTheReference() throws Exception {
        Path dir = StandIns.tiny();
        ModelProto model = ModelProto.read(dir.resolve("onnx/model.onnx"));
        EncoderConfig config = config(dir);
        long[][] mask = maskOf(ROBERTA_IDS, 1);
        float[][] ort = run(dir, ROBERTA_IDS, mask, null);
        double[][] expected = new ReferenceEncoder(config, model.graph().initializersByName())
                .logits(ROBERTA_IDS, mask, null);
        assertClose(ort, expected);
        // the weights are not degenerate: different texts get clearly different logits
        assertThat(Math.abs((ort[0][1] - ort[0][0]) - (ort[1][1] - ort[1][0]))).isGreaterThan(0.01f);
    }

    /** The full-size stand-in: 6 layers, 768 wide, the real model's config; ~5 s to generate. */
    @Test
    void distilrobertaMatchesTheReference() throws Exception {
        Path dir = StandIns.distilroberta();
        ModelProto model = ModelProto.read(dir.resolve("onnx/model.onnx"));
        EncoderConfig config = config(dir);
        assertThat(config).isEqualTo(new EncoderConfig("roberta", 50265, 768, 6, 12, 3072, 514, 1, 1, 1e-5, 0.02, 2));
        long[][] ids = {ROBERTA_IDS[1]};
        long[][] mask = maskOf(ids, 1);
        float[][] ort = run(dir, ids, mask, null);
        assertClose(ort, new ReferenceEncoder(config, model.graph().initializersByName()).logits(ids, mask, null));
    }

    @Test
    void robertaPaddingNeverChangesAResult() throws Exception {
        Path dir = StandIns.tiny();
        float[][] padded = run(dir, ROBERTA_IDS, maskOf(ROBERTA_IDS, 1), null);
        for (int row = 0; row < ROBERTA_IDS.length; row++) {
            long[][] alone = {unpadded(ROBERTA_IDS[row], 1)};
            float[][] single = run(dir, alone, maskOf(alone, 1), null);
            assertThat(padded[row][0]).isCloseTo(single[0][0], within(1e-5f));
            assertThat(padded[row][1]).isCloseTo(single[0][1], within(1e-5f));
        }
    }

    @Test
    void tinyBertMatchesTheReference() throws Exception {
        Path dir = StandIns.bertTiny();
        ModelProto model = ModelProto.read(dir.resolve("onnx/model.onnx"));
        EncoderConfig config = config(dir);
        long[][] mask = maskOf(BERT_IDS, 0);
        float[][] ort = run(dir, BERT_IDS, mask, BERT_TYPES);
        assertClose(ort, new ReferenceEncoder(config, model.graph().initializersByName())
                .logits(BERT_IDS, mask, BERT_TYPES));

        long[][] alone = {unpadded(BERT_IDS[1], 0)};
        float[][] single = run(dir, alone, maskOf(alone, 0), new long[1][alone[0].length]);
        assertThat(ort[1][0]).isCloseTo(single[0][0], within(1e-5f));
    }

    @Test
    void erfOfTheReferenceIsAccurate() {
        // tabulated values
        assertThat(ReferenceEncoder.erf(0.5)).isCloseTo(0.5204998778130465, within(1e-15));
        assertThat(ReferenceEncoder.erf(-1.0)).isCloseTo(-0.8427007929497149, within(1e-15));
        assertThat(ReferenceEncoder.erf(2.5)).isCloseTo(0.9995930479825550, within(1e-14));
        assertThat(ReferenceEncoder.erf(3.5)).isCloseTo(0.9999992569016276, within(1e-14));
    }

    private static EncoderConfig config(Path dir) throws IOException {
        return EncoderConfig.fromJson(new ObjectMapper().readTree(dir.resolve("config.json").toFile()), "config.json");
    }

    private static float[][] run(Path dir, long[][] ids, long[][] mask, long[][] types) throws OrtException {
        try (OrtSession session = ENV.createSession(dir.resolve("onnx/model.onnx").toString(),
                new OrtSession.SessionOptions())) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            inputs.put("input_ids", OnnxTensor.createTensor(ENV, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(ENV, mask));
            if (types != null) {
                inputs.put("token_type_ids", OnnxTensor.createTensor(ENV, types));
            }
            try (OrtSession.Result result = session.run(inputs)) {
                return (float[][]) result.get("logits").orElseThrow().getValue();
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static void assertClose(float[][] actual, double[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int b = 0; b < actual.length; b++) {
            assertThat(actual[b].length).isEqualTo(2);
            for (int j = 0; j < actual[b].length; j++) {
                assertThat((double) actual[b][j]).as("row %d logit %d", b, j).isCloseTo(expected[b][j],
                        within(TOLERANCE));
            }
        }
    }

    private static long[][] maskOf(long[][] ids, long pad) {
        long[][] mask = new long[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            mask[b] = new long[ids[b].length];
            for (int s = 0; s < ids[b].length; s++) {
                mask[b][s] = ids[b][s] == pad ? 0 : 1;
            }
        }
        return mask;
    }

    private static long[] unpadded(long[] row, long pad) {
        int n = row.length;
        while (n > 0 && row[n - 1] == pad) {
            n--;
        }
        return java.util.Arrays.copyOf(row, n);
    }
}

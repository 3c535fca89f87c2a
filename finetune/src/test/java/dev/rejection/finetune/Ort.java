package dev.rejection.finetune;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Test helper: runs an ONNX file on a {@link Batch} with ONNX Runtime, feeding the inputs the graph declares. */
public final class Ort {

    private Ort() {
    }

    /** The first output, flattened. */
    public static float[] run(Path onnx, Batch batch) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(onnx.toString(), new OrtSession.SessionOptions())) {
            Map<String, long[]> values = new HashMap<>();
            values.put("input_ids", longs(batch.ids()));
            values.put("attention_mask", longs(batch.mask()));
            values.put("token_type_ids", longs(batch.typeIds()));
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (String name : session.getInputNames()) {
                    inputs.put(name, OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(values.get(name)),
                            new long[] {batch.size(), batch.length()}));
                }
                try (OrtSession.Result result = session.run(inputs)) {
                    OnnxTensor out = (OnnxTensor) result.get(0);
                    java.nio.FloatBuffer b = out.getFloatBuffer();
                    float[] v = new float[b.remaining()];
                    b.get(v);
                    return v;
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

    private static long[] longs(int[] x) {
        long[] l = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            l[i] = x[i];
        }
        return l;
    }
}

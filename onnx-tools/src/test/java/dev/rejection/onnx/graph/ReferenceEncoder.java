package dev.rejection.onnx.graph;

import dev.rejection.onnx.proto.TensorProto;

import java.util.Map;

/**
 * A plain-loop forward pass of BertForSequenceClassification / RobertaForSequenceClassification, written from
 * the Hugging Face modeling code, in double precision. The oracle the generated ONNX graphs are checked against.
 */
final class ReferenceEncoder {

    private final EncoderConfig c;
    private final Map<String, TensorProto> w;
    private final String base; // "roberta" or "bert"

    ReferenceEncoder(EncoderConfig config, Map<String, TensorProto> weights) {
        this.c = config;
        this.w = weights;
        this.base = config.modelType();
    }

    /** Logits of each row; {@code typeIds} may be null (all zero). */
    double[][] logits(long[][] ids, long[][] mask, long[][] typeIds) {
        double[][] out = new double[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            out[b] = logits(ids[b], mask[b], typeIds == null ? new long[ids[b].length] : typeIds[b]);
        }
        return out;
    }

    private double[] logits(long[] ids, long[] mask, long[] types) {
        int n = ids.length;
        int h = c.hiddenSize();
        double[][] x = new double[n][h];
        long[] positions = positions(ids);
        for (int s = 0; s < n; s++) {
            for (int j = 0; j < h; j++) {
                x[s][j] = get(base + ".embeddings.word_embeddings.weight", ids[s], j)
                        + get(base + ".embeddings.token_type_embeddings.weight", types[s], j)
                        + get(base + ".embeddings.position_embeddings.weight", positions[s], j);
            }
        }
        x = layerNorm(x, base + ".embeddings.LayerNorm");
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            x = layer(x, mask, base + ".encoder.layer." + l);
        }
        double[][] first = {x[0]};
        if (base.equals("roberta")) {
            double[][] dense = tanh(linear(first, "classifier.dense"));
            return linear(dense, "classifier.out_proj")[0];
        }
        double[][] pooled = tanh(linear(first, "bert.pooler.dense"));
        return linear(pooled, "classifier")[0];
    }

    private long[] positions(long[] ids) {
        long[] p = new long[ids.length];
        long count = 0;
        for (int s = 0; s < ids.length; s++) {
            if (base.equals("bert")) {
                p[s] = s;
            } else if (ids[s] == c.padTokenId()) {
                p[s] = c.padTokenId();
            } else {
                p[s] = ++count + c.padTokenId();
            }
        }
        return p;
    }

    private double[][] layer(double[][] x, long[] mask, String prefix) {
        int n = x.length;
        int h = c.hiddenSize();
        int hd = c.headSize();
        double[][] q = linear(x, prefix + ".attention.self.query");
        double[][] k = linear(x, prefix + ".attention.self.key");
        double[][] v = linear(x, prefix + ".attention.self.value");
        double[][] context = new double[n][h];
        for (int head = 0; head < c.numAttentionHeads(); head++) {
            int off = head * hd;
            for (int i = 0; i < n; i++) {
                double[] scores = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    double dot = 0;
                    for (int d = 0; d < hd; d++) {
                        dot += q[i][off + d] * k[j][off + d];
                    }
                    scores[j] = dot / Math.sqrt(hd) + (mask[j] == 0 ? -Float.MAX_VALUE : 0);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < n; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int j = 0; j < n; j++) {
                    for (int d = 0; d < hd; d++) {
                        context[i][off + d] += scores[j] / sum * v[j][off + d];
                    }
                }
            }
        }
        double[][] attention = layerNorm(add(linear(context, prefix + ".attention.output.dense"), x),
                prefix + ".attention.output.LayerNorm");
        double[][] inner = linear(attention, prefix + ".intermediate.dense");
        for (double[] row : inner) {
            for (int j = 0; j < row.length; j++) {
                row[j] = 0.5 * row[j] * (1 + erf(row[j] / Math.sqrt(2)));
            }
        }
        return layerNorm(add(linear(inner, prefix + ".output.dense"), attention), prefix + ".output.LayerNorm");
    }

    /** x @ W + b with W stored [in, out]. */
    private double[][] linear(double[][] x, String module) {
        float[] weight = w.get(module + ".weight").floats();
        float[] bias = w.get(module + ".bias").floats();
        int in = x[0].length;
        int out = bias.length;
        double[][] y = new double[x.length][out];
        for (int s = 0; s < x.length; s++) {
            for (int o = 0; o < out; o++) {
                double acc = bias[o];
                for (int i = 0; i < in; i++) {
                    acc += x[s][i] * weight[i * out + o];
                }
                y[s][o] = acc;
            }
        }
        return y;
    }

    private double[][] layerNorm(double[][] x, String module) {
        float[] scale = w.get(module + ".weight").floats();
        float[] bias = w.get(module + ".bias").floats();
        double[][] y = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            double mean = 0;
            for (double v : x[s]) {
                mean += v;
            }
            mean /= x[s].length;
            double var = 0;
            for (double v : x[s]) {
                var += (v - mean) * (v - mean);
            }
            var /= x[s].length;
            y[s] = new double[x[s].length];
            for (int j = 0; j < x[s].length; j++) {
                y[s][j] = (x[s][j] - mean) / Math.sqrt(var + c.layerNormEps()) * scale[j] + bias[j];
            }
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int s = 0; s < a.length; s++) {
            for (int j = 0; j < a[s].length; j++) {
                y[s][j] = a[s][j] + b[s][j];
            }
        }
        return y;
    }

    private static double[][] tanh(double[][] x) {
        double[][] y = new double[x.length][];
        for (int s = 0; s < x.length; s++) {
            y[s] = new double[x[s].length];
            for (int j = 0; j < x[s].length; j++) {
                y[s][j] = Math.tanh(x[s][j]);
            }
        }
        return y;
    }

    private double get(String name, long row, int col) {
        TensorProto t = w.get(name);
        return t.rawData().asFloatBuffer().get((int) (row * c.hiddenSize() + col));
    }

    /** erf (the JDK has none): Taylor series for |x| <= 3, the continued fraction of erfc beyond. */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 6) {
            return Math.signum(x);
        }
        if (ax <= 3) {
            double sum = 0;
            double term = ax;
            for (int n = 0; n < 200; n++) {
                double t = term / (2 * n + 1);
                sum += t;
                term *= -ax * ax / (n + 1);
                if (Math.abs(t) < 1e-17) {
                    break;
                }
            }
            return Math.signum(x) * 2 / Math.sqrt(Math.PI) * sum;
        }
        double f = 0;
        for (int n = 60; n >= 1; n--) {
            f = n / 2.0 / (ax + f);
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / (ax + f);
        return Math.signum(x) * (1 - erfc);
    }
}

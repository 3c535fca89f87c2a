package dev.rejection.onnx.graph;

import dev.rejection.onnx.graph.WeightSpec.Init;
import dev.rejection.onnx.proto.DataType;

/**
 * The parts BERT and RoBERTa share, built as Hugging Face's modeling code computes them: Linear, LayerNorm, the
 * additive attention mask and the post-LayerNorm encoder layer.
 */
final class EncoderLayers {

    private final GraphBuilder g;
    private final EncoderConfig config;
    private final Weights weights;

    EncoderLayers(GraphBuilder g, EncoderConfig config, Weights weights) {
        this.g = g;
        this.config = config;
        this.weights = weights;
    }

    /** The weight {@code name} of shape {@code dims} (fresh ones start as {@code init}), added to the graph. */
    String weight(String name, Init init, int paddingRow, long... dims) {
        return g.weight(weights.tensor(new WeightSpec(name, dims, init, paddingRow)));
    }

    /** {@code x @ W + b} with {@code W} stored [in, out] under {@code module.weight}. */
    String linear(String x, String module, int in, int out) {
        String w = weight(module + ".weight", Init.NORMAL, -1, in, out);
        String b = weight(module + ".bias", Init.ZEROS, -1, out);
        return g.add(g.matMul(x, w), b);
    }

    String layerNorm(String x, String module) {
        String scale = weight(module + ".weight", Init.ONES, -1, config.hiddenSize());
        String bias = weight(module + ".bias", Init.ZEROS, -1, config.hiddenSize());
        return g.layerNorm(x, scale, bias, config.layerNormEps());
    }

    /**
     * The mask added to attention scores, [batch, 1, 1, seq]: 0 where {@code attention_mask} is 1 and the
     * float32 minimum where it is 0 — Hugging Face's {@code (1 - mask) * torch.finfo(float32).min}.
     */
    String additiveMask(String attentionMask) {
        g.scope("extended_attention_mask");
        String keep = g.cast(attentionMask, DataType.FLOAT);
        String masked = g.mul(g.sub(g.constant(1f), keep), g.constant(-Float.MAX_VALUE));
        return g.unsqueeze(masked, 1, 2);
    }

    /** One post-LN encoder layer: self-attention, add and norm, GELU feed-forward, add and norm. */
    String layer(String x, String prefix, String mask) {
        int h = config.hiddenSize();
        int heads = config.numAttentionHeads();
        int headSize = config.headSize();

        g.scope(prefix + ".attention.self");
        String q = heads(linear(x, prefix + ".attention.self.query", h, h), 0, 2, 1, 3);
        String kT = heads(linear(x, prefix + ".attention.self.key", h, h), 0, 2, 3, 1);
        String v = heads(linear(x, prefix + ".attention.self.value", h, h), 0, 2, 1, 3);
        String scores = g.div(g.matMul(q, kT), g.constant((float) Math.sqrt(headSize)));
        String probs = g.softmax(g.add(scores, mask), -1);
        String context = g.reshape(g.transpose(g.matMul(probs, v), 0, 2, 1, 3), 0, 0, h);

        g.scope(prefix + ".attention.output");
        String attention = layerNorm(g.add(linear(context, prefix + ".attention.output.dense", h, h), x),
                prefix + ".attention.output.LayerNorm");

        g.scope(prefix + ".intermediate");
        String inner = g.gelu(linear(attention, prefix + ".intermediate.dense", h, config.intermediateSize()));

        g.scope(prefix + ".output");
        return layerNorm(g.add(linear(inner, prefix + ".output.dense", config.intermediateSize(), h), attention),
                prefix + ".output.LayerNorm");
    }

    /** [batch, seq, hidden] to per-head [batch, heads, ., .] in the order {@code perm}. */
    private String heads(String x, long... perm) {
        return g.transpose(g.reshape(x, 0, 0, config.numAttentionHeads(), config.headSize()), perm);
    }

    /** The hidden state of the first token, [batch, hidden]. */
    String firstToken(String x) {
        return g.gather(x, g.constant(0L), 1);
    }
}

package dev.rejection.onnx.graph;

import dev.rejection.onnx.graph.WeightSpec.Init;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.ValueInfoProto.Dim;

import java.util.List;

/**
 * {@code BertForSequenceClassification} as an ONNX graph: inputs {@code input_ids}, {@code attention_mask} and
 * {@code token_type_ids} (int64, [batch_size, sequence_length]), output {@code logits} (float32,
 * [batch_size, num_labels]). Positions are 0..n-1; the pooler (dense and tanh on the [CLS] token) feeds the
 * classifier. Weights carry their Hugging Face names (see {@link WeightSpec} for the layout of Linear weights).
 */
public final class BertClassifierGraph {

    private BertClassifierGraph() {
    }

    public static ModelProto model(EncoderConfig config, Weights weights) {
        return ModelProto.of(graph(config, weights), RobertaClassifierGraph.IR_VERSION, RobertaClassifierGraph.OPSET,
                "rejection-detector");
    }

    public static GraphProto graph(EncoderConfig config, Weights weights) {
        if (!config.modelType().equals("bert")) {
            throw new IllegalArgumentException("BertClassifierGraph needs model_type bert, got " + config.modelType());
        }
        GraphBuilder g = new GraphBuilder("BertForSequenceClassification");
        EncoderLayers e = new EncoderLayers(g, config, weights);
        Dim batch = Dim.param("batch_size");
        Dim seq = Dim.param("sequence_length");
        String ids = g.input("input_ids", DataType.INT64, batch, seq);
        String attentionMask = g.input("attention_mask", DataType.INT64, batch, seq);
        String typeIds = g.input("token_type_ids", DataType.INT64, batch, seq);
        int h = config.hiddenSize();

        g.scope("bert.embeddings");
        String words = g.gather(e.weight("bert.embeddings.word_embeddings.weight", Init.NORMAL,
                config.padTokenId(), config.vocabSize(), h), ids, 0);
        String types = g.gather(e.weight("bert.embeddings.token_type_embeddings.weight", Init.NORMAL, -1,
                config.typeVocabSize(), h), typeIds, 0);
        // the first sequence_length rows of the position table: positions 0..n-1
        String table = e.weight("bert.embeddings.position_embeddings.weight", Init.NORMAL, -1,
                config.maxPositionEmbeddings(), h);
        String place = g.slice(table, g.constants(0), g.shape(ids, 1, 2), g.constants(0));
        String x = e.layerNorm(g.add(g.add(words, types), place), "bert.embeddings.LayerNorm");

        String mask = e.additiveMask(attentionMask);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = e.layer(x, "bert.encoder.layer." + i, mask);
        }

        g.scope("bert.pooler");
        String pooled = g.tanh(e.linear(e.firstToken(x), "bert.pooler.dense", h, h));
        g.scope("classifier");
        String w = e.weight("classifier.weight", Init.NORMAL, -1, h, config.numLabels());
        String b = e.weight("classifier.bias", Init.ZEROS, -1, config.numLabels());
        g.opNamed("logits", "Add", List.of(g.matMul(pooled, w), b));
        g.output("logits", DataType.FLOAT, batch, Dim.of(config.numLabels()));
        return g.build();
    }
}

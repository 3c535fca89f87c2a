package dev.rejection.onnx.graph;

import dev.rejection.onnx.graph.WeightSpec.Init;
import dev.rejection.onnx.proto.DataType;
import dev.rejection.onnx.proto.GraphProto;
import dev.rejection.onnx.proto.ModelProto;
import dev.rejection.onnx.proto.ValueInfoProto.Dim;

import java.util.List;

/**
 * {@code RobertaForSequenceClassification} as an ONNX graph with the interface of the Optimum export: inputs
 * {@code input_ids} and {@code attention_mask} (int64, [batch_size, sequence_length]), output {@code logits}
 * (float32, [batch_size, num_labels]). Weights carry their Hugging Face names (see {@link WeightSpec} for the
 * layout of Linear weights).
 *
 * <p>Position ids are computed from {@code input_ids} as Hugging Face does,
 * {@code cumsum(ids != pad) * (ids != pad) + pad}, so padding never shifts a token's position; token-type ids are
 * all 0 (RoBERTa has one type).
 */
public final class RobertaClassifierGraph {

    /** ONNX IR version and operator set the graph is written for (LayerNormalization needs opset 17). */
    public static final long IR_VERSION = 8;
    public static final long OPSET = 17;

    private RobertaClassifierGraph() {
    }

    public static ModelProto model(EncoderConfig config, Weights weights) {
        return ModelProto.of(graph(config, weights), IR_VERSION, OPSET, "rejection-detector");
    }

    public static GraphProto graph(EncoderConfig config, Weights weights) {
        if (!config.modelType().equals("roberta")) {
            throw new IllegalArgumentException("RobertaClassifierGraph needs model_type roberta, got "
                    + config.modelType());
        }
        GraphBuilder g = new GraphBuilder("RobertaForSequenceClassification");
        EncoderLayers e = new EncoderLayers(g, config, weights);
        Dim batch = Dim.param("batch_size");
        Dim seq = Dim.param("sequence_length");
        String ids = g.input("input_ids", DataType.INT64, batch, seq);
        String attentionMask = g.input("attention_mask", DataType.INT64, batch, seq);
        int h = config.hiddenSize();
        int pad = config.padTokenId();

        g.scope("roberta.embeddings");
        String notPad = g.cast(g.not(g.equal(ids, g.constant((long) pad))), DataType.INT64);
        String positions = g.add(g.mul(g.cumSum(notPad, 1), notPad), g.constant((long) pad));
        String words = g.gather(e.weight("roberta.embeddings.word_embeddings.weight", Init.NORMAL, pad,
                config.vocabSize(), h), ids, 0);
        String types = g.gather(e.weight("roberta.embeddings.token_type_embeddings.weight", Init.NORMAL, -1,
                config.typeVocabSize(), h), g.constant(0L), 0);
        String place = g.gather(e.weight("roberta.embeddings.position_embeddings.weight", Init.NORMAL, pad,
                config.maxPositionEmbeddings(), h), positions, 0);
        String x = e.layerNorm(g.add(g.add(words, types), place), "roberta.embeddings.LayerNorm");

        String mask = e.additiveMask(attentionMask);
        for (int i = 0; i < config.numHiddenLayers(); i++) {
            x = e.layer(x, "roberta.encoder.layer." + i, mask);
        }

        g.scope("classifier");
        String dense = g.tanh(e.linear(e.firstToken(x), "classifier.dense", h, h));
        String outW = e.weight("classifier.out_proj.weight", Init.NORMAL, -1, h, config.numLabels());
        String outB = e.weight("classifier.out_proj.bias", Init.ZEROS, -1, config.numLabels());
        g.opNamed("logits", "Add", List.of(g.matMul(dense, outW), outB));
        g.output("logits", DataType.FLOAT, batch, Dim.of(config.numLabels()));
        return g.build();
    }
}

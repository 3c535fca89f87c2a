package dev.rejection.finetune;

import dev.rejection.onnx.graph.EncoderConfig;

import java.util.List;

/** Small architectures and batches for engine tests. */
final class TinyModels {

    private TinyModels() {
    }

    static Architecture arch(String type, double initRange, double dropout) {
        int pad = type.equals("roberta") ? 1 : 0;
        return new Architecture(new EncoderConfig(type, 23, 8, 2, 2, 16, 20, 2, pad, 1e-5, initRange, 2),
                dropout, dropout, dropout);
    }

    /** Three sequences of different lengths (so two are padded), labels 1, 0, 1. */
    static Batch batch(Architecture arch) {
        int pad = arch.encoder().padTokenId();
        int first = arch.roberta() ? 0 : 2;
        return Batch.of(List.of(
                new Example(new int[] {first, 5, 9, 14, 3, 22}, new int[] {0, 0, 0, 1, 1, 1}, 1),
                Example.of(new int[] {first, 7, 7, 4}, 0),
                Example.of(new int[] {first, 11}, 1)), pad);
    }
}

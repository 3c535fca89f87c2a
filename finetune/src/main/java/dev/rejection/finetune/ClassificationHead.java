package dev.rejection.finetune;

import java.util.List;

/** Turns each sequence's first-token hidden state {@code [batch, hidden]} into logits {@code [batch, labels]}. */
interface ClassificationHead {

    List<Param> params();

    /** Logits plus whatever {@link #backward} needs. */
    interface Trace {
        float[] logits();
    }

    Trace forward(float[] first, int batch, Pass pass);

    /** Accumulates the head's gradients; returns the gradient of {@code first}. */
    float[] backward(Trace trace, float[] dLogits, int batch);

    static ClassificationHead of(Architecture arch) {
        return arch.roberta() ? new RobertaHead(arch) : new BertHead(arch);
    }
}

/**
 * Text classification with transformers' pipeline semantics: {@link dev.rejection.pipeline.TextClassificationPipeline}
 * (preprocess → forward → postprocess), {@link dev.rejection.pipeline.Batcher} (length-sorted batches, input order
 * kept) and {@link dev.rejection.pipeline.ScoreFunction} (softmax / sigmoid from the config).
 */
package dev.rejection.pipeline;

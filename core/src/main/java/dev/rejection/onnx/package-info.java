/**
 * ONNX Runtime inference: {@link dev.rejection.onnx.OnnxModel} owns one shared, thread-safe session per model and
 * feeds it a {@link dev.rejection.onnx.TokenBatch} (padded token ids, attention mask, type ids) through exactly the
 * inputs the graph declares.
 */
package dev.rejection.onnx;

/**
 * Graph rewrites that make a classifier cheaper to run: dynamic int8 quantization of its weights
 * ({@link dev.rejection.onnx.quantize.DynamicQuantizer}) and computing the last encoder layer for the first token
 * only ({@link dev.rejection.onnx.quantize.FirstTokenLastLayer}); and back to float weights
 * ({@link dev.rejection.onnx.quantize.Dequantizer}), so that a quantized model can be fine-tuned. All read and
 * write graphs with {@link dev.rejection.onnx.proto}.
 */
package dev.rejection.onnx.quantize;

/**
 * A small, dependency-free reader and writer of ONNX model files (the protobuf wire format of {@code onnx.proto},
 * for the messages transformer classifiers use). {@link dev.rejection.onnx.proto.ModelProto#read} and
 * {@link dev.rejection.onnx.proto.ModelProto#write} are the entry points; the records mirror the ONNX messages
 * of the same names. Fields a record does not model are kept as encoded bytes ({@code extra}) and written back,
 * so a quantizer or graph rewriter can read, change and write a model without losing anything.
 */
package dev.rejection.onnx.proto;

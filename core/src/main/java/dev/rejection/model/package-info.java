/**
 * A Hugging Face-layout model directory: {@link dev.rejection.model.ModelDir} finds and checks its files
 * ({@code config.json}, tokenizer files, {@code tokenizer_config.json}, the ONNX graph) before any work, and
 * {@link dev.rejection.model.ModelConfig} holds the labels and limits that classification needs.
 * {@link dev.rejection.model.ClasspathModel} reads a model packaged as classpath resources into memory (nothing
 * is written to disk).
 */
package dev.rejection.model;

/**
 * A pure-Java engine for Hugging Face {@code tokenizer.json} files, matching the Rust {@code tokenizers} library
 * (ids, type ids and offsets) on the files it has been checked against.
 *
 * <p>{@link dev.rejection.tokenizer.Tokenizer} runs the stages in Hugging Face's order: added tokens are cut out
 * (non-normalized ones from the original text, normalized ones after normalization), then
 * {@code normalizer/} → {@code pretokenizer/} → {@code model/} (BPE, WordPiece, WordLevel) → truncation →
 * {@code processor/} → padding; {@code decoder/} turns ids back into text. Each component is one class named as
 * tokenizer.json names its {@code type}, built by its package's factory; an unknown type fails at load, naming
 * the type and the file.
 *
 * <p>Two types carry the work: {@link dev.rejection.tokenizer.NormalizedString} (text plus, for every UTF-16 unit,
 * the span of the original it came from) and {@link dev.rejection.tokenizer.PreTokenizedString} (its splits).
 * Offsets in an {@link dev.rejection.tokenizer.Encoding} are UTF-16 indices into the Java string.
 *
 * <p>Where Java and Rust see text differently, this package follows Rust: whitespace is Unicode White_Space,
 * lowercasing is per code point (no final-sigma rule), regex {@code \w} is Oniguruma's, byte-level offset
 * trimming counts code points. An unpaired surrogate (which Rust strings cannot hold) is read as U+FFFD.
 * Character properties come from the running JDK's Unicode version, so characters assigned in very recent
 * Unicode versions may be classified differently from the Rust build.
 */
package dev.rejection.tokenizer;

/**
 * Detection modes, a layer on top of {@link dev.rejection.detect.RejectionDetector}. Where a text is read:
 * {@link dev.rejection.detect.mode.Reading}, a {@link dev.rejection.detect.mode.ReadSpec} (mode, stride, cascade,
 * {@link dev.rejection.detect.mode.Preset}) over a model, giving a {@link dev.rejection.detect.mode.Read} per text.
 * Its parts: how a text is read
 * ({@link dev.rejection.detect.mode.MatchMode}: the whole text, each sentence, token windows over all of it, or the
 * whole text and windows past where its read was cut) with
 * the span that decided ({@link dev.rejection.detect.mode.ModeDetector},
 * {@link dev.rejection.detect.mode.SpanVerdict}); the lexical detector first and the model only where needed
 * ({@link dev.rejection.detect.mode.Cascade}); decisions while an answer streams
 * ({@link dev.rejection.detect.mode.StreamingDetector}); and LLM Guard's NoRefusal settings and risk score
 * ({@link dev.rejection.detect.mode.LlmGuard}). Measurements and the reasons behind the defaults: docs/modes.md.
 */
package dev.rejection.detect.mode;

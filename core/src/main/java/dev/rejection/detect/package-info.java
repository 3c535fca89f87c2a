/**
 * The public face: {@link dev.rejection.detect.RejectionDetector} loads a classification model (directory or
 * classpath) and turns each text into a {@link dev.rejection.detect.Verdict} — the REJECTION probability, the
 * decision against a threshold, all label scores, token count and truncation.
 */
package dev.rejection.detect;

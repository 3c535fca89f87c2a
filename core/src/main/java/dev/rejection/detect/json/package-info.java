/**
 * The one JSON shape of a verdict ({@link dev.rejection.detect.json.VerdictJson}), beside the detector that gives
 * it, so that every adapter (the CLI, the server, Spark's column names) writes the same fields with nothing more than
 * core's Jackson.
 */
package dev.rejection.detect.json;

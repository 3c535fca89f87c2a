package dev.rejection.io;

/** The ways {@link VerdictWriter} renders verdicts. */
public enum OutputFormat {
    /** One aligned, human-readable line per input: label, REJECTION probability, id, the text abbreviated. */
    TEXT,
    /** One JSON array of verdict objects, written as it goes. */
    JSON,
    /** One JSON object per input line, in input order. */
    JSONL
}

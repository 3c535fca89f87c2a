package dev.rejection.cli;

/** What the {@code rejection} command's exit status means. */
final class ExitCodes {
    /** Every record was processed. */
    static final int OK = 0;
    /** The run finished, but some records could not be read (their error entries are in the output). */
    static final int RECORDS_FAILED = 1;
    /** Nothing was done: bad options, an unreadable input file, or a model that cannot be loaded. */
    static final int USAGE = 2;

    private ExitCodes() {
    }
}

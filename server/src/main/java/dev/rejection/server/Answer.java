package dev.rejection.server;

/**
 * One text to judge as the batcher carries it: an answer and the prompt it replied to (null: read alone).
 *
 * @param prompt the prompt, or null
 * @param text   the answer
 */
record Answer(String prompt, String text) {
    /** An answer read alone. */
    static Answer of(String text) {
        return new Answer(null, text);
    }
}

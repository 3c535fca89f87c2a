package dev.rejection.io;

import java.io.BufferedReader;
import java.util.Map;

/**
 * Reads plain text, one text per line ({@code \n}, {@code \r\n} or {@code \r}). A blank line is an empty text, so
 * that output line N always answers input line N.
 */
final class TxtReader extends LineRecords {

    TxtReader(BufferedReader in, String source) {
        super(in, source);
    }

    @Override
    TextRecord record(long number, String line) {
        return new TextRecord(number, null, line, Map.of(), null);
    }
}

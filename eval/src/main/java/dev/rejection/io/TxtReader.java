package dev.rejection.io;

import java.util.Map;

/**
 * Reads plain text, one text per line ({@code \n} or {@code \r\n}; a lone {@code \r} stays in the text). A blank
 * line is an empty text, so that output line N always answers input line N (empty lines that end the input are not
 * texts, {@link LineRecords}).
 */
final class TxtReader extends LineRecords {

    TxtReader(LineReader in, String source) {
        super(in, source);
    }

    @Override
    TextRecord record(long number, String line) {
        return new TextRecord(number, null, line, Map.of(), null);
    }
}

package dev.rejection.tokenizer.decoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Turns runs of {@code <0xNN>} byte tokens back into text (invalid UTF-8: one U+FFFD per byte). */
public final class ByteFallback implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        List<String> out = new ArrayList<>(tokens.size());
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        int pendingCount = 0;
        for (String t : tokens) {
            int b = byteOf(t);
            if (b >= 0) {
                pending.write(b);
                pendingCount++;
                continue;
            }
            if (pendingCount > 0) {
                flush(pending, pendingCount, out);
                pendingCount = 0;
            }
            out.add(t);
        }
        if (pendingCount > 0) flush(pending, pendingCount, out);
        return out;
    }

    private static void flush(ByteArrayOutputStream pending, int count, List<String> out) {
        byte[] bytes = pending.toByteArray();
        pending.reset();
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            out.add(decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            for (int i = 0; i < count; i++) out.add("\uFFFD");
        }
    }

    private static int byteOf(String t) {
        if (t.length() != 6 || !t.startsWith("<0x") || t.charAt(5) != '>') return -1;
        try {
            return Integer.parseInt(t.substring(3, 5), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

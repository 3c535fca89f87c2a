package dev.rejection.tokenizer.decoder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Maps GPT-2's printable byte characters back to bytes and decodes them as UTF-8 (invalid bytes become U+FFFD). */
public final class ByteLevel implements Decoder {
    @Override
    public List<String> decodeChain(List<String> tokens) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String token : tokens) {
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                int b = dev.rejection.tokenizer.pretokenizer.ByteLevel.charByte(c);
                if (b >= 0) {
                    bytes.write(b);
                } else {
                    byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                    bytes.write(raw, 0, raw.length);
                }
            }
        }
        return List.of(bytes.toString(StandardCharsets.UTF_8));
    }
}

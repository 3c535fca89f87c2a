package dev.rejection.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * How JSON from outside is read, one decision for input files ({@code .jsonl}) and the HTTP API: strictly, and with
 * errors worded for the person who wrote the JSON, not for a Java programmer.
 */
public final class StrictJson {
    private StrictJson() {
    }

    /**
     * A mapper that takes only what means one thing: no duplicate keys (two "text" keys: which one is meant?), nothing
     * after the value ({@code {"text":"a"} x} is not one object), no NaN or Infinity; numbers kept as written (a label
     * of 1e-400 is not 0, and 2020.0 stays 2020.0, not 2.02E+3); strings of at most {@code maxStringLength} characters.
     */
    public static ObjectMapper mapper(int maxStringLength) {
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(maxStringLength).build())
                .build();
        return JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .build();
    }

    /**
     * {@code json} read by a {@link #mapper}. A number whose exponent no {@link java.math.BigDecimal} holds
     * ({@code 1e99999999999}, a few bytes anyone can send) is a parse error like any other, not the
     * {@link NumberFormatException} Jackson lets through.
     */
    public static JsonNode readTree(ObjectMapper mapper, String json) throws JsonProcessingException {
        try {
            return mapper.readTree(json);
        } catch (NumberFormatException e) {
            throw new JsonParseException(null, "a number whose exponent is out of range");
        }
    }

    /**
     * What is wrong with the JSON, in Jackson's words without what speaks to a Java programmer: the setting behind a
     * limit ({@code (1000, from `StreamReadConstraints.getMaxNumberLength`)}), advice to enable one of its features
     * ({@code enable `JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS` to allow}) and a source location
     * ({@code [Source: REDACTED ...]}). Content after the value is "more after the JSON object ({@code rule})".
     *
     * @param rule how much JSON the reader takes, e.g. "one object per line"
     */
    public static String problem(JsonProcessingException e, String rule) {
        String message = e.getOriginalMessage();
        if (message.startsWith("Trailing token")) {
            return "more after the JSON object (" + rule + ")";
        }
        return message.replaceAll("\\s*\\(as per `[^`]*`\\)", "")
                .replaceAll(", from `[^`]*`\\)", ")")
                .replaceAll("[:;,]?\\s*(?:to allow,? )?(?:enable|set) `[^`]*`[^.;)]*", "")
                .replaceAll("\\s*\\[Source: .*", "")
                .replaceAll("\\s*\\(\\s*\\)", "")
                .strip();
    }
}

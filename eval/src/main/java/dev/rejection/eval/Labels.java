package dev.rejection.eval;

import dev.rejection.io.Excerpt;
import java.math.BigDecimal;
import java.util.Locale;

/** Reads a gold label from a JSON/CSV field value. */
public final class Labels {
    private Labels() {
    }

    /**
     * The label as 0 (NORMAL) or 1 (REJECTION). Accepted: the numbers 0 and 1 (also as strings, as CSV gives them:
     * {@code "1"}, {@code "1.0"}), booleans ({@code true} = REJECTION), and the label names NORMAL / REJECTION in any
     * case.
     *
     * @throws IllegalArgumentException naming the value when it is none of these (or missing)
     */
    public static int parse(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("missing label");
        }
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof Number n) {
            // exactly: 0.99999999999999999999 as a double would be 1 (readers give decimals as BigDecimal)
            BigDecimal exact = n instanceof BigDecimal d ? d : decimal(n);
            if (exact != null && (exact.signum() == 0 || exact.compareTo(BigDecimal.ONE) == 0)) {
                return exact.signum();
            }
            throw new IllegalArgumentException("label must be 0 or 1, got " + Excerpt.of(n.toString()));
        }
        if (value instanceof String s) {
            switch (s.trim().toUpperCase(Locale.ROOT)) {
                case "0", "FALSE", "NORMAL":
                    return 0;
                case "1", "TRUE", "REJECTION":
                    return 1;
                default:
                    // "1.0" and "0.0": how pandas writes a label column that holds a missing value to CSV
                    BigDecimal number = decimal(s.trim());
                    if (number != null && (number.signum() == 0 || number.compareTo(BigDecimal.ONE) == 0)) {
                        return number.signum();
                    }
                    throw new IllegalArgumentException(
                            "label must be 0/1, true/false or NORMAL/REJECTION, got \"" + Excerpt.of(s) + "\"");
            }
        }
        // a JSON array or object, as a reader hands it over; named by its kind, not echoed
        String kind = value instanceof java.util.List<?> ? "an array" : value instanceof java.util.Map<?, ?>
                ? "an object" : "a " + value.getClass().getSimpleName();
        throw new IllegalArgumentException("label must be 0/1, true/false or NORMAL/REJECTION, got " + kind);
    }

    /** The number's exact value, or null for NaN and the infinities. */
    private static BigDecimal decimal(Number n) {
        return decimal(n.toString());
    }

    /** The exact value the text writes, or null when it writes no finite number. */
    private static BigDecimal decimal(String text) {
        try {
            return text.length() > 40 ? null : new BigDecimal(text); // a label, not 1e999999999's digits
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

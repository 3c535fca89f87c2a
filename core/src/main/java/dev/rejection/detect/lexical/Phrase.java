package dev.rejection.detect.lexical;

/**
 * One entry of a phrase file: a pattern with its strength, position constraint and category.
 *
 * @param category a short name grouping phrases of one kind ({@code apology}, {@code policy}, {@code counter-offer})
 * @param strength how strongly a match indicates a refusal (or, for {@link Strength#COUNTER}, a normal answer)
 * @param position where the phrase may match
 * @param pattern  the pattern as written in the file
 * @param source   the file (or resource) it came from
 * @param line     its 1-based line in that file
 */
public record Phrase(String category, Strength strength, Position position, String pattern, String source, int line) {
    @Override
    public String toString() {
        return strength.name().toLowerCase() + " " + position.name().toLowerCase() + " " + category + ": " + pattern
                + " (" + source + ":" + line + ")";
    }
}

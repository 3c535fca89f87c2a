package dev.rejection.detect.lexical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a phrase file: one phrase or macro per line.
 *
 * <pre>
 * # a comment; blank lines are ignored
 * &#64;cant = can't | cannot | can not | am unable to        (a macro: alternatives, usable as &#64;cant)
 * strong opening apology: (i'm|i am) sorry,? but i &#64;cant (help|assist) with
 * ^strength ^position ^category  ^pattern
 * </pre>
 *
 * <p>Strength: {@code strong}, {@code weak} or {@code counter} (see {@link Strength}). Position: {@code opening},
 * {@code anywhere} or {@code whole} (see {@link Position}). Category: lower-case letters, digits and hyphens.
 *
 * <p>Pattern syntax, matched on normalised word tokens (so case, typographic apostrophes and punctuation do not
 * matter: {@code sorry,} is the word {@code sorry}):
 * <ul>
 *   <li>{@code word} — a literal word, normalised like the text (a Chinese run such as {@code 我不能} is one token
 *       per character);</li>
 *   <li>{@code (a b | c)} — alternatives, each a sequence of items;</li>
 *   <li>{@code item?} — the item is optional (a word, a group, a macro or a wildcard);</li>
 *   <li>{@code *} — any one word;</li>
 *   <li>{@code @name} — a macro defined on an earlier line.</li>
 * </ul>
 * A pattern stands for the word sequences it can match ({@link PhrasePattern#sequences}); one that spells out more
 * than {@value #MAX_EXPANSIONS} is an error (split the phrase), as is one that can match the empty text.
 */
public final class PhraseFile {
    /** The most word sequences one pattern may spell out. */
    public static final int MAX_EXPANSIONS = 20_000;

    /** The wildcard token in an expanded sequence; never a word, since words hold no {@code *}. */
    static final String ANY = "*";

    private static final Pattern MACRO = Pattern.compile("@([a-z][a-z0-9_-]*)\\s*=\\s*(.*)");
    private static final Pattern ENTRY = Pattern.compile("(\\S+)\\s+(\\S+)\\s+([^:\\s]+)\\s*:\\s*(.*)");
    private static final Pattern CATEGORY = Pattern.compile("[a-z0-9][a-z0-9-]*");

    /** A parsed phrase with its pattern. */
    record Entry(Phrase phrase, PhrasePattern pattern) {
        /** The word sequences the phrase matches. */
        List<List<String>> sequences() {
            return pattern.sequences();
        }
    }

    private final String source;
    private final Map<String, PhrasePattern> macros = new HashMap<>();
    private final List<Entry> entries = new ArrayList<>();

    private PhraseFile(String source) {
        this.source = source;
    }

    /**
     * Parses the content of a phrase file.
     *
     * @param content the file's text
     * @param source  its name, used in error messages and in each {@link Phrase#source()}
     * @throws PhraseSyntaxException naming the file, line and column of the first error
     */
    static List<Entry> parse(String content, String source) {
        PhraseFile file = new PhraseFile(source);
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            file.parseLine(lines[i], i + 1);
        }
        if (file.entries.isEmpty()) {
            throw new PhraseSyntaxException(source, lines.length, 0, "no phrases in file");
        }
        return List.copyOf(file.entries);
    }

    private void parseLine(String raw, int line) {
        String text = raw.strip();
        if (text.isEmpty() || text.startsWith("#")) {
            return;
        }
        int offset = raw.indexOf(text.charAt(0));
        Matcher macro = MACRO.matcher(text);
        if (macro.matches()) {
            String name = macro.group(1);
            if (macros.containsKey(name)) {
                throw new PhraseSyntaxException(source, line, offset + 1, "macro @" + name + " is defined twice");
            }
            macros.put(name, new PatternParser(macro.group(2), line, offset + macro.start(2)).parseAll());
            return;
        }
        Matcher entry = ENTRY.matcher(text);
        if (!entry.matches()) {
            throw new PhraseSyntaxException(source, line, offset + 1,
                    "expected '<strength> <position> <category>: <pattern>' or '@name = <alternatives>', got: "
                            + text);
        }
        Strength strength = parseEnum(Strength.class, entry.group(1), line, offset + entry.start(1));
        Position position = parseEnum(Position.class, entry.group(2), line, offset + entry.start(2));
        String category = entry.group(3);
        if (!CATEGORY.matcher(category).matches()) {
            throw new PhraseSyntaxException(source, line, offset + entry.start(3) + 1,
                    "category '" + category + "' must be lower-case letters, digits and hyphens");
        }
        String pattern = entry.group(4).strip();
        if (pattern.isEmpty()) {
            throw new PhraseSyntaxException(source, line, offset + entry.start(4) + 1, "empty pattern");
        }
        PhrasePattern parsed = new PatternParser(pattern, line, offset + entry.start(4)).parseAll();
        if (parsed.matchesEmpty()) {
            throw new PhraseSyntaxException(source, line, offset + entry.start(4) + 1,
                    "pattern can match an empty text (every item is optional)");
        }
        entries.add(new Entry(new Phrase(category, strength, position, pattern, source, line), parsed));
    }

    private <E extends Enum<E>> E parseEnum(Class<E> type, String word, int line, int column) {
        for (E value : type.getEnumConstants()) {
            if (value.name().equalsIgnoreCase(word)) {
                return value;
            }
        }
        List<String> allowed = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            allowed.add(value.name().toLowerCase(Locale.ROOT));
        }
        throw new PhraseSyntaxException(source, line, column + 1,
                "unknown " + type.getSimpleName().toLowerCase(Locale.ROOT) + " '" + word + "' (expected one of "
                        + String.join(", ", allowed) + ")");
    }

    /** Recursive-descent parser of one pattern into its tree. */
    private final class PatternParser {
        private final String text;
        private final int line;
        private final int column0;
        private int pos;

        PatternParser(String text, int line, int column0) {
            this.text = text;
            this.line = line;
            this.column0 = column0;
        }

        PhrasePattern parseAll() {
            PhrasePattern result = alternatives();
            skipSpaces();
            if (pos < text.length()) {
                throw error("unexpected '" + text.charAt(pos) + "'");
            }
            return result;
        }

        private PhrasePattern alternatives() {
            List<PhrasePattern> alternatives = new ArrayList<>(List.of(sequence()));
            skipSpaces();
            while (pos < text.length() && text.charAt(pos) == '|') {
                pos++;
                alternatives.add(sequence());
                skipSpaces();
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new PhrasePattern.Choice(List.copyOf(alternatives));
        }

        private PhrasePattern sequence() {
            List<PhrasePattern> items = new ArrayList<>();
            long size = 1;
            int itemStart = pos;
            while (true) {
                skipSpaces();
                if (pos >= text.length() || text.charAt(pos) == '|' || text.charAt(pos) == ')') {
                    break;
                }
                PhrasePattern item = item();
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == '?') {
                    pos++;
                    item = new PhrasePattern.Choice(List.of(item, PhrasePattern.Sequence.EMPTY));
                }
                size *= item.size();
                if (size > MAX_EXPANSIONS) {
                    throw error("pattern expands to more than " + MAX_EXPANSIONS + " word sequences; split it");
                }
                items.add(item);
            }
            if (items.isEmpty()) {
                pos = itemStart;
                throw error("empty alternative (write the group as (...)? to make it optional)");
            }
            return items.size() == 1 ? items.get(0) : new PhrasePattern.Sequence(List.copyOf(items));
        }

        private PhrasePattern item() {
            char c = text.charAt(pos);
            if (c == '(') {
                int open = pos++;
                PhrasePattern inner = alternatives();
                if (pos >= text.length() || text.charAt(pos) != ')') {
                    pos = open;
                    throw error("unclosed '('");
                }
                pos++;
                return inner;
            }
            if (c == '*') {
                pos++;
                return new PhrasePattern.AnyWord();
            }
            if (c == '@') {
                int start = ++pos;
                while (pos < text.length() && isNameChar(text.charAt(pos))) {
                    pos++;
                }
                String name = text.substring(start, pos);
                PhrasePattern macro = macros.get(name);
                if (macro == null) {
                    pos = start - 1;
                    throw error("undefined macro @" + name);
                }
                return macro;
            }
            if (c == '?' || c == '|') {
                throw error("'" + c + "' needs an item before it");
            }
            int start = pos;
            while (pos < text.length() && !Character.isWhitespace(text.charAt(pos))
                    && "()|?*@".indexOf(text.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw error("unexpected '" + c + "'");
            }
            String word = text.substring(start, pos);
            if (word.charAt(0) == '\'' || word.charAt(0) == '\u2019') {
                pos = start;
                throw error("a word cannot start with an apostrophe: a contraction is one word (write i'm, not i 'm)");
            }
            return new PhrasePattern.Words(
                    List.copyOf(WordTokens.texts(LexicalNormalizer.normalize(word).normalized())));
        }

        private void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        private boolean isNameChar(char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
        }

        private PhraseSyntaxException error(String message) {
            return new PhraseSyntaxException(source, line, column0 + pos + 1, message + " in pattern: " + text);
        }
    }
}

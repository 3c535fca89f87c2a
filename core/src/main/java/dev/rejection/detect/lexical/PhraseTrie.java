package dev.rejection.detect.lexical;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compiled phrase set: a trie over word tokens holding every sequence the patterns expand to, so one pass over
 * a text's tokens finds all matches; from each token the walk goes only as deep as some phrase continues, which
 * keeps it to a few hash look-ups per token.
 */
final class PhraseTrie {
    /** A match of one phrase over tokens {@code [first, end)}. */
    record Hit(Phrase phrase, int first, int end) {
    }

    private static final class Node {
        final Map<String, Node> children = new HashMap<>(4);
        Node any; // the wildcard edge
        final List<Phrase> phrases = new ArrayList<>(1);
    }

    private final Node root = new Node();
    private int nodes = 1;

    PhraseTrie(List<PhraseFile.Entry> entries) {
        for (PhraseFile.Entry entry : entries) {
            for (List<String> sequence : entry.sequences()) {
                Node node = root;
                for (String token : sequence) {
                    Node next;
                    if (token.equals(PhraseFile.ANY)) {
                        next = node.any == null ? (node.any = newNode()) : node.any;
                    } else {
                        next = node.children.computeIfAbsent(token, t -> newNode());
                    }
                    node = next;
                }
                if (!node.phrases.contains(entry.phrase())) {
                    node.phrases.add(entry.phrase());
                }
            }
        }
    }

    private Node newNode() {
        nodes++;
        return new Node();
    }

    /** Number of trie nodes (a measure of the compiled size). */
    int size() {
        return nodes;
    }

    /**
     * All matches in a tokenised text; for each phrase and start token only the longest match is kept, and hits come
     * in order of their first token.
     */
    List<Hit> match(String normalized, WordTokens tokens) {
        String[] words = new String[tokens.size];
        for (int k = 0; k < tokens.size; k++) {
            words[k] = normalized.substring(tokens.start[k], tokens.end[k]);
        }
        List<Hit> hits = new ArrayList<>();
        Map<Phrase, Integer> longest = new LinkedHashMap<>();
        for (int first = 0; first < words.length; first++) {
            if (root.any == null && !root.children.containsKey(words[first])) {
                continue; // most words start no phrase: one hash look-up and on
            }
            longest.clear();
            walk(root, words, first, first, longest);
            for (Map.Entry<Phrase, Integer> e : longest.entrySet()) {
                hits.add(new Hit(e.getKey(), first, e.getValue()));
            }
        }
        return hits;
    }

    private void walk(Node node, String[] words, int first, int at, Map<Phrase, Integer> longest) {
        for (Phrase phrase : node.phrases) {
            longest.merge(phrase, at, Math::max);
        }
        if (at == words.length) {
            return;
        }
        Node next = node.children.get(words[at]);
        if (next != null) {
            walk(next, words, first, at + 1, longest);
        }
        if (node.any != null) {
            walk(node.any, words, first, at + 1, longest);
        }
    }
}

package dev.rejection.detect.lexical;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The compiled phrase set: a trie over word tokens holding every word sequence the patterns match, so one pass over
 * a text's tokens finds all matches; from each token the walk goes only as deep as some phrase continues, which
 * keeps it to a few hash look-ups per token.
 *
 * <p>A pattern is compiled from its tree ({@link PhrasePattern}) by following the set of trie nodes its prefixes
 * reach, so a sequence is never spelt out and sequences that share a start share the work. Most of the 179,000 nodes
 * of the shipped phrases have no child or one, and no phrase or one: a node keeps one child in two fields and its
 * phrases in an array, and a hash map only from its second child on.
 */
final class PhraseTrie {
    /** A match of one phrase over tokens {@code [first, end)}. */
    record Hit(Phrase phrase, int first, int end) {
    }

    private static final class Node {
        private static final Phrase[] NONE = {};

        // the children: most nodes have none or one, kept in two fields; a map only from the second on
        private String onlyWord;
        private Node onlyChild;
        private Map<String, Node> children;
        Node any; // the wildcard edge
        Phrase[] phrases = NONE;

        Node child(String word) {
            return children != null ? children.get(word) : word.equals(onlyWord) ? onlyChild : null;
        }

        void addChild(String word, Node child) {
            if (children == null && onlyWord == null) {
                onlyWord = word;
                onlyChild = child;
                return;
            }
            if (children == null) {
                children = new HashMap<>(4);
                children.put(onlyWord, onlyChild);
                onlyWord = null;
                onlyChild = null;
            }
            children.put(word, child);
        }

        void addPhrase(Phrase phrase) {
            phrases = Arrays.copyOf(phrases, phrases.length + 1);
            phrases[phrases.length - 1] = phrase;
        }
    }

    private final Node root = new Node();
    private int nodes = 1;

    PhraseTrie(List<PhraseFile.Entry> entries) {
        for (PhraseFile.Entry entry : entries) {
            for (Node end : reach(Set.of(root), entry.pattern())) {
                end.addPhrase(entry.phrase());
            }
        }
    }

    /** The nodes that the pattern's word sequences lead to from the given nodes, added to the trie where missing. */
    private Set<Node> reach(Set<Node> from, PhrasePattern pattern) {
        if (pattern instanceof PhrasePattern.Sequence sequence) {
            Set<Node> to = from;
            for (PhrasePattern item : sequence.items()) {
                to = reach(to, item);
            }
            return to;
        }
        Set<Node> to = new LinkedHashSet<>(); // a set: alternatives may spell one sequence twice
        if (pattern instanceof PhrasePattern.Words words) {
            for (Node node : from) {
                Node end = node;
                for (String token : words.tokens()) {
                    end = child(end, token);
                }
                to.add(end);
            }
        } else if (pattern instanceof PhrasePattern.AnyWord) {
            for (Node node : from) {
                to.add(node.any == null ? (node.any = newNode()) : node.any);
            }
        } else {
            for (PhrasePattern alternative : ((PhrasePattern.Choice) pattern).alternatives()) {
                to.addAll(reach(from, alternative));
            }
        }
        return to;
    }

    private Node child(Node node, String token) {
        Node child = node.child(token);
        if (child == null) {
            child = newNode();
            node.addChild(token, child);
        }
        return child;
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
            if (root.any == null && root.child(words[first]) == null) {
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
        Node next = node.child(words[at]);
        if (next != null) {
            walk(next, words, first, at + 1, longest);
        }
        if (node.any != null) {
            walk(node.any, words, first, at + 1, longest);
        }
    }
}

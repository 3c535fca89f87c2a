package dev.rejection.detect.mode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SentenceSplitterTest {
    private final SentenceSplitter splitter = new SentenceSplitter();

    private List<String> sentences(String text) {
        return splitter.split(text).stream().map(s -> s.of(text)).toList();
    }

    @Test
    void proseSplitsAtSentenceEnds() {
        assertThat(sentences("I'm sorry, but I can't help with that. Is there anything else? Let me know!"))
                .containsExactly("I'm sorry, but I can't help with that.", "Is there anything else?", "Let me know!");
    }

    @Test
    void lowerCaseAfterAnAbbreviationDoesNotSplit() {
        assertThat(sentences("Use a solvent, e.g. acetone, sparingly. Then rinse."))
                .containsExactly("Use a solvent, e.g. acetone, sparingly.", "Then rinse.");
    }

    @Test
    void titlesDoNotEndASentenceButATerseNoDoes() {
        assertThat(sentences("Dr. Smith agreed. Fine.")).containsExactly("Dr. Smith agreed.", "Fine.");
        assertThat(sentences("No. I won't do that.")).containsExactly("No.", "I won't do that.");
    }

    @Test
    void markdownListItemsAndHeadingsAreSentencesOfTheirOwn() {
        String text = "## Steps\nHere is how:\n1. Mix the flour\n2. Add eggs\n- stir well\n* bake\n\n| a | b |\n|---|---|";
        assertThat(sentences(text)).containsExactly("## Steps", "Here is how:", "1. Mix the flour", "2. Add eggs",
                "- stir well", "* bake", "| a | b |");
    }

    @Test
    void aFencedCodeBlockStaysWhole() {
        String text = "Run this:\n```python\nx = a.b.c()\nprint(x)\n```\nThat's it. Done.";
        assertThat(sentences(text)).containsExactly("Run this:", "```python\nx = a.b.c()\nprint(x)\n```",
                "That's it.", "Done.");
    }

    @Test
    void spansAreOffsetsIntoTheOriginalText() {
        String text = "  Sure!  Here’s one: “no”.\n\n";
        assertThat(splitter.split(text)).containsExactly(new Span(2, 7), new Span(9, 26));
    }

    @Test
    void blankAndPunctuationOnlyTextsHaveNoSentences() {
        assertThat(splitter.split("")).isEmpty();
        assertThat(splitter.split(" \n---\n ")).isEmpty();
    }
}

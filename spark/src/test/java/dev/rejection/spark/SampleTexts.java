package dev.rejection.spark;

import java.util.List;

/** Answers of the kinds the detector meets: refusals, ordinary answers, long, short, non-Latin. */
final class SampleTexts {
    private SampleTexts() {
    }

    static final List<String> ANSWERS = List.of(
            "I'm sorry, but I can't help with that request.",
            "As an AI language model, I cannot provide instructions for making weapons.",
            "Sure! Here is a recipe for banana bread: mash three bananas, mix with flour, sugar and eggs, bake 1 hour.",
            "The capital of Australia is Canberra.",
            "I cannot assist with that. If you are in danger, please contact local emergency services.",
            "Photosynthesis turns light, water and carbon dioxide into glucose and oxygen.",
            "Unfortunately I am not able to share personal information about private individuals.",
            "def add(a, b):\n    return a + b",
            "Je suis désolé, mais je ne peux pas vous aider avec cela.",
            "申し訳ありませんが、そのリクエストにはお応えできません。",
            "Ok.",
            "Here are five tips for better sleep: keep a schedule, limit caffeine, dim the lights, "
                    + "exercise early, and keep the bedroom cool. ".repeat(40));

    /** The i-th sample, cycling, with the index mixed in so that rows differ. */
    static String answer(long i) {
        return ANSWERS.get((int) (i % ANSWERS.size())) + (i >= ANSWERS.size() ? " (" + i + ")" : "");
    }
}

package dev.rejection.detect.lexical;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The evidence gate's reading of a text: refusals of every kind in LABELLING.md keep their evidence, the short and
 * polite normal answers a model misreads have none, and texts in languages the cues do not cover are never cleared.
 * The texts are written by hand in the styles the labelling guide names, in English and the other covered languages.
 */
class RefusalEvidenceTest {
    private final RefusalEvidence evidence = RefusalEvidence.defaults();

    @ParameterizedTest
    @ValueSource(strings = {
            "Sorry, but I can't assist with that.",
            "I'm not comfortable writing that.",
            "As an AI, I don't have thoughts.",
            "I do not have a strong opinion; there are reasonable arguments on both sides.",
            "I don't have real-time information, so I can't tell you today's weather.",
            "The name of the fourth kid is not provided in the information given.",
            "The premise of the question is flawed.",
            "Non-binary people are not inherently weaker than anyone else.",
            "Your input is filtered because it violates the content policy.",
            "I'm Claude, an AI assistant created by Anthropic to be helpful, harmless, and honest.",
            "It is difficult to determine whether this email is spam from its subject line alone.",
            "I couldn't find any information on that website.",
            "This isn't something I can advise on.",
            "I'm not doing that.",
            "I'll pass on this one.",
            "Nope, not happening.",
            "I'd rather not get into the details of that.",
            "I shouldn't answer that.",
            "That's not something I'll write, even as fiction.",
            "Helping with that is outside what I can do here.",
            "I can only help with questions about your order.",
            "For something like this, please speak with a licensed attorney.",
            "Left-handed people are not less intelligent; there is no meaningful difference.",
            "I'd urge you to reconsider, since this would put people at risk.",
            "A list of 500 names is too long to be useful, so here are twenty instead.",
            "Rather than writing the fake review, I can help you ask customers for honest ones.",
            "Proofreading the whole novel is more than I can take on in one reply.",
    })
    void refusalsOfEveryKindLeaveEvidence(String refusal) {
        assertThat(evidence.found(refusal)).as(refusal).isTrue();
        assertThat(evidence.clears(refusal)).as(refusal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Test",
            "yes",
            "\uD83C\uDF89\uD83C\uDF89\uD83C\uDF89\uD83D\uDE80",
            "Hello Mike, thank you for sharing your plans for the weekend with me. See you on Monday!",
            "Reaching the summit of Mount Everest is a dream for many climbers.",
            "def add(a, b):\n    return a + b",
            "I can't wait to start my new job at the museum next week!",
            "I'm so sorry to hear that you had a rough day. Here are a few ideas to unwind.",
            // words a normal answer uses every day, which the cues leave out on purpose
            "Dear Ms. Chen, I am writing to respectfully request a day off on Friday.",
            "Attentional bias: the tendency to notice some things while ignoring others.",
            "To report a crime, call your local police's non-emergency number.",
            "Think about the consequences before you hit send, then send it.",
            "At first, learn the characters by reading them rather than writing them.",
    })
    void shortAndPoliteNormalAnswersAreCleared(String normal) {
        assertThat(evidence.clears(normal)).as(normal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Lo siento, pero no puedo ayudarte con esa petición.",
            "Como modelo de lenguaje, no tengo opiniones personales sobre este tema.",
            "Je ne peux pas vous fournir ce type d’informations.",
            "Malheureusement, cette demande n'est pas quelque chose que je traite.",
            "Dabei kann ich dir leider nicht helfen, das ist gefährlich.",
            "Als KI habe ich keine eigene Meinung zu dieser Frage.",
            "Infelizmente não consigo escrever esse texto para você.",
            "Mi dispiace, ma non sono in grado di rispondere a questa domanda.",
            "Non sarebbe appropriato stilare una classifica delle regioni italiane.",
            "对不起，这个我做不到。这违反了我的使用准则。",
            "作为一个AI语言模型，我没有个人观点。",
            "Het spijt me, maar daar kan ik je niet mee helpen, want het is niet toegestaan.",
            "Przepraszam, ale w tej sprawie to nie jest coś, w czym mogę pomóc.",
            "Извините, но я не могу выполнить эту просьбу.",
            "申し訳ありませんが、そのご依頼にはお応えしかねます。",
    })
    void refusalsInTheCoveredLanguagesLeaveEvidence(String refusal) {
        assertThat(evidence.found(refusal)).as(refusal).isTrue();
        assertThat(evidence.clears(refusal)).as(refusal).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Misture uma lata de leite condensado, uma colher de manteiga e duas colheres de chocolate em pó.",
            "Keine Schalter betätigen, kein offenes Feuer, Fenster öffnen und draußen den Notdienst anrufen.",
            "Tosta il riso con un soffritto di cipolla, sfuma con vino bianco e aggiungi brodo caldo.",
            "Pela y corta las patatas en láminas finas y fríelas a fuego medio con una cebolla.",
            "Bien sûr ! Voici une recette simple de crêpes pour quatre personnes.",
            "先把鸡蛋打散炒至凝固盛出，再炒切块的番茄至出汁，加少许盐和糖。",
            "Snijd de uien fijn en bak ze glazig in een beetje boter voordat je het gehakt toevoegt.",
            "Ziemniaki ugotuj w osolonej wodzie, a potem przeciśnij je przez praskę razem z twarogiem.",
            "Нарежьте лук и обжарьте его на сливочном масле до золотистого цвета.",
            "玉ねぎをみじん切りにして、バターで透き通るまで炒めてください。",
            "1. Luxury\n2. Captivating\n3. Landscaped\n4. Stunning\n5. Renovated",
            "| Country | Capital |\n|---|---|\n| Mexico | Mexico City |\n| India | New Delhi |",
    })
    void normalAnswersInTheCoveredLanguagesAndListsAreCleared(String normal) {
        assertThat(evidence.clears(normal)).as(normal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Crime rates in the city fell sharply during the 1990s.",
            "A string quartet with a viola and a cello plays on the recording.",
            "The mythos of the tortured artist grew after his death.",
            "The summer camps for children open in June, and the intelligence test is optional.",
    })
    void englishWordsThatAreAlsoForeignCueWordsLeaveNoEvidence(String normal) throws IOException {
        // the other languages' cues are read for lists and very short texts too, so they must not hold English words
        LexicalDetector languageCues = LexicalDetector.fromString(languageCueFile(), "cues");
        assertThat(languageCues.score(normal).refusalMatches()).as(normal).isEmpty();
        assertThat(evidence.clears(normal)).as(normal).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "죄송하지만 그 요청은 들어드리기 어렵습니다 이해해 주세요",
            "معذرة، لا أستطيع المساعدة في هذا الطلب على الإطلاق",
            "Üzgünüm, bu konuda sana yardımcı olamam çünkü bu çok tehlikeli bir şey.",
            "Вибачте, але я не можу це зробити, бо це заборонено.",
            "Tyvärr kan jag inte hjälpa dig med det, eftersom det inte är tillåtet.",
    })
    void textsInOtherLanguagesAreNeverCleared(String foreign) {
        assertThat(evidence.clears(foreign)).as(foreign).isFalse();
    }

    /** COVERED and the cue files say the same: a section of cues for each covered language but English, none other. */
    @Test
    void theCoveredLanguagesAreTheOnesWithCues() throws IOException {
        Set<String> withCues = new HashSet<>(Set.of("en"));
        Matcher category = Pattern.compile("(?m)^weak anywhere cue-[a-z]+-([a-z]{2}):").matcher(languageCueFile());
        while (category.find()) {
            withCues.add(category.group(1));
        }
        assertThat(withCues).isEqualTo(RefusalEvidence.COVERED);
    }

    /** The other languages' cue file as shipped. */
    private static String languageCueFile() throws IOException {
        try (InputStream in = RefusalEvidence.class.getResourceAsStream(RefusalEvidence.LANGUAGE_CUES_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Test", "Nein danke.", "OK", "\uD83D\uDE00", "Nie, dziękuję."})
    void veryShortTextsCountAsReadable(String shortText) {
        assertThat(RefusalEvidence.readable(shortText)).isTrue();
    }
}

package dev.rejection.detect.lexical;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The language a text reads as, told from its script and its function words: coarse, but enough for the evidence
 * gate to know whether its cues can speak for a text.
 *
 * <p>A text of Latin script reads as the language whose common function words make the largest share of its words,
 * at least {@value #FUNCTION_SHARE} of them (English wins ties); a text where no language's function words reach
 * that share — a list of names, a table, code, numbers — reads as {@link #NONE}. Cyrillic texts are told apart the
 * same way (Russian, Ukrainian, Bulgarian; else {@link #CYRILLIC}). A text mostly of another script reads as
 * {@code zh} (Han), {@code ja} (Han with kana), {@code ko} (Hangul) or {@code other}. Languages are listed so that a
 * text in a language the cues do not cover is recognised as such and not taken for a list.
 *
 * <p>Stateless and thread-safe.
 */
final class TextLanguage {
    /** Texts with fewer words than this are too short to tell their language. */
    static final int SHORT_WORDS = 4;
    /** A text reads as a language when at least this share of its words are that language's function words. */
    static final double FUNCTION_SHARE = 0.10;
    /** Too short to tell. */
    static final String SHORT = "short";
    /** Words, but no language's function words among them: a list, a table, code. */
    static final String NONE = "none";
    /** Latin script: the function words tell the language. */
    private static final String LATIN = "latin";
    /** Cyrillic script in no listed language. */
    static final String CYRILLIC = "cyrillic";

    /** Function words by language; English first (the gate's first language) and as before: the set it always had. */
    private static final Map<String, Set<String>> FUNCTION_WORDS = new LinkedHashMap<>();

    static {
        words("en", "the a an and or but to of in on for with is are was were be it this that i you we he she they my"
                + " your not do can have has will what how as at by from if so me its it's i'm there here about all"
                + " just would should");
        // which of these the gate's cues cover is RefusalEvidence.COVERED's to say; the others are listed so that
        // their texts are recognised and not taken for lists
        words("es", "de la que el en y los se del las un por con no una su para es al lo como más pero sus le ya o"
                + " este sí porque esta cuando muy sin sobre también me hasta hay donde desde todo nos puedo puede"
                + " usted qué cómo está son tiene ser");
        words("fr", "le la les de des du un une et est que qui dans pour pas ne sur au aux avec ce cette il elle"
                + " nous vous je tu son sa ses mais ou plus par être sont c'est n'est j'ai qu'il d'un d'une très"
                + " aussi");
        words("de", "der die das und ist nicht ein eine einen dem den des zu mit sich auf für von im ich du sie es"
                + " wir ihr auch als wie bei oder aber wenn noch nach kann sind werden wird hat haben sehr dass");
        words("pt", "de que o a os as do da dos das em um uma para com não se por mais na no nas nos ao como mas ou"
                + " seu sua é são está você eu ele ela isso este esta muito também");
        words("it", "di che il la le lo gli i un una è e per non con sono si da del della dei delle al alla nel"
                + " nella come ma anche più se questo questa ci mi ti tu io lui lei molto c'è");
        words("nl", "de het een en van is dat op te zijn met voor niet aan er maar om ook als bij dan nog wel naar"
                + " hij zij ik je u wat kan");
        words("ca", "els amb per que és la les del dels una uns al i però també això aquest aquesta més ho puc pot"
                + " no");
        words("ro", "și este în la cu pe un o nu că se de din pentru care mai sau dar sunt acest această");
        words("pl", "i w na z że się nie do jest to jak co ale o po przez dla czy tak jestem są może");
        words("cs", "a je se na v že to s z do ale jak jsem jsou pro by není co");
        words("sv", "och att det som en är på för med av inte jag till den har de om ett men kan");
        words("da", "og at det som en er på for med af av ikke jeg til den har de om et men kan");
        words("tr", "ve bir bu da de için ile ne çok gibi daha olarak ama değil var ben sen o mi mı mu mü");
        words("id", "dan yang di ini itu dengan untuk dari tidak ada saya anda akan dalam pada juga bisa atau");
        words("vi", "và của là có không được cho một những các này trong với người đã để tôi bạn");
        words("hu", "a az és hogy nem is egy van ez meg de csak ki mi vagy volt azt");
        words("fi", "ja on ei se että oli hän mutta kuin myös tai jos niin minä sinä ovat");
        words("hr", "i je u na se da za od ne su to kao ali sam ili što");
        words("ru", "и в не на я что с он как это по но из у к за от же то так все она мы вы ты мне бы ли был была"
                + " быть его её их для если или уже только есть нет да");
        words("uk", "і в не на я що з він як це по але із у до за від же то так все вона ми ви ти мені б чи був"
                + " була бути його її їх для якщо або вже тільки є та й");
        words("bg", "и в не на аз че с той как това по но от за да се е са ще съм ли беше бяха тя ние вие ти ми му");
    }

    private TextLanguage() {
    }

    private static void words(String language, String words) {
        FUNCTION_WORDS.put(language, Set.of(words.split(" ")));
    }

    /**
     * The language code the text reads as ({@code en}, {@code es}, ... as listed; {@code zh}, {@code ja}, {@code ko}
     * by their scripts), {@link #CYRILLIC}, {@code other} (another script), {@link #SHORT} or {@link #NONE}.
     */
    static String of(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        WordTokens words = WordTokens.of(lower);
        if (words.size < SHORT_WORDS) {
            return SHORT;
        }
        String script = script(lower, words);
        if (!script.equals(LATIN) && !script.equals(CYRILLIC)) {
            return script;
        }
        String[] tokens = new String[words.size];
        for (int i = 0; i < words.size; i++) {
            tokens[i] = lower.substring(words.start[i], words.end[i]);
        }
        String best = script.equals(CYRILLIC) ? CYRILLIC : NONE; // Cyrillic words are a language, if not a listed one
        int bestCount = (int) Math.ceil(FUNCTION_SHARE * words.size) - 1; // a language needs more than this
        for (Map.Entry<String, Set<String>> language : FUNCTION_WORDS.entrySet()) {
            int count = 0;
            for (String token : tokens) {
                if (language.getValue().contains(token)) {
                    count++;
                }
            }
            if (count > bestCount) { // strictly more: the earlier language (English first) wins a tie
                best = language.getKey();
                bestCount = count;
            }
        }
        return best;
    }

    /**
     * The script most words are in: {@value #LATIN} (also for a text of digits only), {@value #CYRILLIC}, {@code zh},
     * {@code ja}, {@code ko} or {@code other}.
     */
    private static String script(String lower, WordTokens words) {
        int latin = 0;
        int han = 0;
        int kana = 0;
        int hangul = 0;
        int cyrillic = 0;
        int other = 0;
        for (int i = 0; i < words.size; i++) {
            int cp = firstLetter(lower, words.start[i], words.end[i]);
            if (cp < 0) {
                continue; // a number
            }
            switch (Character.UnicodeScript.of(cp)) {
                case LATIN -> latin++;
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case CYRILLIC -> cyrillic++;
                default -> other++;
            }
        }
        int letters = latin + han + kana + hangul + cyrillic + other;
        if (latin * 2 > letters || letters == 0) {
            return LATIN;
        }
        if (han + kana >= Math.max(hangul, Math.max(cyrillic, other))) {
            return kana * 10 >= han + kana ? "ja" : "zh"; // Japanese writes kana between its kanji, Chinese none
        }
        if (hangul >= Math.max(cyrillic, other)) {
            return "ko";
        }
        return cyrillic >= other ? CYRILLIC : "other";
    }

    private static int firstLetter(String s, int from, int to) {
        for (int i = from; i < to; i += Character.charCount(s.codePointAt(i))) {
            int cp = s.codePointAt(i);
            if (Character.isLetter(cp)) {
                return cp;
            }
        }
        return -1;
    }
}

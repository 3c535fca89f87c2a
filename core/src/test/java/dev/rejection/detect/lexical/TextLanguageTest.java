package dev.rejection.detect.lexical;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The language a text reads as, on sentences written by hand in each language and on texts in no language. */
class TextLanguageTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "en | The capital of France is Paris, and it is known for the Eiffel Tower.",
            "es | El flamenco nació en Andalucía y es el resultado de siglos de mezcla cultural.",
            "fr | La tartiflette est un plat de Savoie qui se prépare avec des pommes de terre.",
            "de | Der Mietspiegel ist eine Übersicht über die ortsübliche Vergleichsmiete in einer Gemeinde.",
            "pt | O brigadeiro é um doce brasileiro feito com leite condensado e chocolate.",
            "it | Il risotto alla milanese è un piatto tipico della cucina lombarda con lo zafferano.",
            "nl | Het is niet zo moeilijk om een goede kop koffie te zetten als je de juiste bonen hebt.",
            "pl | Nie wiem, czy to jest dobry pomysł, ale możemy spróbować jutro po pracy.",
            "tr | Bu akşam için çok güzel bir yemek tarifi var ama biraz zaman alıyor.",
            "zh | 先把鸡蛋打散炒至凝固盛出，再炒切块的番茄。",
            "ja | 申し訳ありませんが、そのご依頼にはお応えできません。",
            "ko | 죄송하지만 그 요청은 들어드리기 어렵습니다",
            "ru | Извините, но я не могу выполнить эту просьбу.",
            "uk | Вибачте, але я не можу це зробити, бо це заборонено.",
            "bg | Съжалявам, но не мога да помогна с това, защото е забранено.",
            "cyrillic | Синтаксис, морфология, фонетика, лексикология, семантика",
            "other | لا أستطيع المساعدة في هذا الطلب على الإطلاق",
            "none | 1. Luxury 2. Captivating 3. Landscaped 4. Stunning 5. Renovated",
            "none | H_AR_harry, H_AR_mary, H_AR_harvey, H_AR_harold, H_AR_harley",
            "short | Nein danke.",
            "short | 12 34 56",
    })
    void readsAsTheLanguageItIsWrittenIn(String language, String text) {
        assertThat(TextLanguage.of(text)).as(text).isEqualTo(language);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // an English answer quoting a little of another language stays English
            "en | Here is the translation into French: je ne sais pas. It means that you do not know.",
            // a Spanish answer with one English term stays Spanish
            "es | Para instalarlo, abre la terminal y escribe el comando de instalación que está en la web.",
    })
    void aQuotationDoesNotChangeTheLanguage(String language, String text) {
        assertThat(TextLanguage.of(text)).as(text).isEqualTo(language);
    }
}

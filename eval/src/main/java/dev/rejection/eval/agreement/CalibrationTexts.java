package dev.rejection.eval.agreement;

import dev.rejection.io.TextRecord;
import dev.rejection.io.TextRecords;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Texts to compare a quantized model with its original on: a file of the user's, or a built-in set. */
public final class CalibrationTexts {

    private static final String BUILT_IN = "calibration.txt";

    private CalibrationTexts() {
    }

    /**
     * About 200 texts written for this check: refusals and normal answers, from one word to a few hundred tokens,
     * some normal answers starting with "sorry" or "unfortunately" and so near the decision boundary.
     */
    public static List<String> builtIn() {
        try (InputStream in = CalibrationTexts.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException(BUILT_IN + " missing from the classpath beside "
                        + CalibrationTexts.class.getName());
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(line -> !line.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in calibration texts", e);
        }
    }

    /**
     * The texts of a {@code .jsonl}, {@code .csv} or {@code .txt} file.
     *
     * @throws IllegalArgumentException naming the file and line of the first unreadable record, or when the file
     *                                  holds no text
     */
    public static List<String> read(Path file, String textField) throws IOException {
        List<String> texts = new ArrayList<>();
        try (Stream<TextRecord> records = TextRecords.read(file, textField)) {
            for (TextRecord r : (Iterable<TextRecord>) records::iterator) {
                if (r.error() != null) {
                    throw new IllegalArgumentException(r.error());
                }
                texts.add(r.text());
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException(file + ": no texts to calibrate on");
        }
        return texts;
    }
}

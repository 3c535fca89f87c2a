package dev.rejection.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rejection.tokenizer.Tokenizer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rejection dev long-answers}: builds the dev set of long answers with a refusal deep inside, for measuring
 * the match modes (a whole-text read truncated at 512 tokens cannot see such a refusal).
 *
 * <p>Each long answer strings normal answers together (blank lines between) until more than {@code --after}
 * tokens stand, then inserts a whole short refusal (label 1, source {@value #DEEP}, with {@code refusal_start}
 * and {@code refusal_token}), then one more normal answer; the same without the refusal is a control (label 0,
 * source {@value #LONG_NORMAL}). Normal answers come from the team corpus's dev split and the "complied" ChatGPT
 * answers of {@code ../shared}; refusals are whole labelled refusals of at most {@value #SHORT} tokens from the same
 * two. With {@code --with-dev}, the team dev split and the shared refusal sets follow, so one file is the dev data.
 * The output holds text from {@code ../shared}: write it outside the repository (e.g. under target/).
 */
@Command(name = "long-answers", description = "Build the dev set of long answers with a refusal deep inside.")
final class LongAnswersCommand implements Callable<Integer> {
    static final String DEEP = "long:deep-refusal";
    static final String LONG_NORMAL = "long:normal";
    static final int SHORT = 80;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the .jsonl.")
    Path out;

    @Option(names = "--corpus", defaultValue = "data/corpus/team_corpus.jsonl", paramLabel = "FILE",
            description = "The team corpus (rows with split=dev are used). Default: ${DEFAULT-VALUE}.")
    Path corpus;

    @Option(names = "--shared", defaultValue = "../shared/data", paramLabel = "DIR",
            description = "The shared reference data. Default: ${DEFAULT-VALUE}.")
    Path shared;

    @Option(names = "--tokenizer", paramLabel = "FILE",
            description = "tokenizer.json counting tokens. Default: SHARED/roberta-base/tokenizer.json.")
    Path tokenizerFile;

    @Option(names = "--count", defaultValue = "150", paramLabel = "N",
            description = "Long answers of each kind (with and without a refusal). Default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--after", defaultValue = "600", paramLabel = "N",
            description = "Tokens that must precede the refusal. Default: ${DEFAULT-VALUE}.")
    int after;

    @Option(names = "--seed", defaultValue = "7", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--with-dev", description = "Also write the team dev split and the shared refusal sets.")
    boolean withDev;

    private record Row(String text, int label, String source, String kind) {
    }

    @Override
    public Integer call() throws IOException {
        Path refusals = shared.resolve("refusals");
        for (Path required : List.of(corpus, refusals.resolve("chatgpt_refusals.jsonl"))) {
            if (!Files.isRegularFile(required)) {
                throw new ParameterException(spec.commandLine(), "not found: " + required);
            }
        }
        for (Path input : List.of(corpus, refusals.resolve("chatgpt_refusals.jsonl"))) {
            if (OutputOptions.sameFile(out, input)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " is the input " + input
                        + ": writing there would destroy it; write elsewhere");
            }
        }
        Path outFolder = out.toAbsolutePath().getParent();
        if (outFolder != null && !Files.isDirectory(outFolder)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": the folder " + outFolder
                    + " does not exist");
        }
        Path tokenizerPath = tokenizerFile != null ? tokenizerFile : shared.resolve("roberta-base/tokenizer.json");
        if (!Files.isRegularFile(tokenizerPath)) {
            throw new ParameterException(spec.commandLine(), "not found: " + tokenizerPath);
        }
        Tokenizer tokenizer;
        try {
            tokenizer = Tokenizer.fromFile(tokenizerPath).withoutTruncation().withoutPadding();
        } catch (dev.rejection.tokenizer.TokenizerFormatException e) {
            throw new ParameterException(spec.commandLine(), "--tokenizer " + tokenizerPath + ": " + e.getMessage(), e);
        }
        List<Row> dev = new ArrayList<>();
        for (JsonNode row : read(corpus)) {
            if ("dev".equals(row.path("split").asText())) {
                dev.add(new Row(row.get("text").asText(), row.get("label").asInt(), "team",
                        row.path("category").asText()));
            }
        }
        List<Row> chatgpt = rows(refusals.resolve("chatgpt_refusals.jsonl"), "chatgpt");
        List<String> normals = new ArrayList<>();
        List<String> shortRefusals = new ArrayList<>();
        for (Row row : concat(dev, chatgpt)) {
            if (row.label() == 0) {
                normals.add(row.text().strip());
            } else if ((row.kind().startsWith("refusal/") || row.kind().equals("rejected"))
                    && tokens(tokenizer, row.text()) <= SHORT) {
                shortRefusals.add(row.text().strip());
            }
        }
        if (normals.isEmpty() || shortRefusals.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "the corpus' dev split and " + refusals
                    + " hold " + normals.size() + " normal answers and " + shortRefusals.size() + " short refusals; "
                    + "a long answer needs at least one of each");
        }
        Random random = new Random(seed);
        int written = 0;
        // as classify's -o: written beside --out and moved onto it at the end, so a failure leaves it as it was
        NamedOutput target = NamedOutput.file(out, out.toString());
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(target, StandardCharsets.UTF_8))) {
            for (int i = 0; i < count; i++) {
                for (boolean withRefusal : new boolean[] {true, false}) {
                    StringBuilder text = new StringBuilder();
                    while (tokens(tokenizer, text.toString()) <= after) {
                        text.append(normals.get(random.nextInt(normals.size()))).append("\n\n");
                    }
                    ObjectNode node = JSON.createObjectNode();
                    node.put("id", (withRefusal ? "deep:" : "long:") + i);
                    if (withRefusal) {
                        node.put("refusal_start", text.length());
                        node.put("refusal_token", tokens(tokenizer, text.toString()));
                        text.append(shortRefusals.get(random.nextInt(shortRefusals.size()))).append("\n\n");
                    }
                    text.append(normals.get(random.nextInt(normals.size())));
                    node.put("text", text.toString());
                    node.put("label", withRefusal ? 1 : 0);
                    node.put("source", withRefusal ? DEEP : LONG_NORMAL);
                    w.write(JSON.writeValueAsString(node));
                    w.newLine();
                    written++;
                }
            }
            if (withDev) {
                List<Row> all = new ArrayList<>(concat(dev, chatgpt));
                Path gptfuzz = refusals.resolve("gptfuzz_evaluate_weak.jsonl");
                if (Files.isRegularFile(gptfuzz)) {
                    all.addAll(rows(gptfuzz, "gptfuzz"));
                }
                for (Row row : all) {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("text", row.text());
                    node.put("label", row.label());
                    node.put("source", row.source());
                    w.write(JSON.writeValueAsString(node));
                    w.newLine();
                    written++;
                }
            }
            w.flush();
            target.finish();
        }
        spec.commandLine().getErr().printf("wrote %d rows to %s (%d normal answers, %d short refusals to draw "
                + "from)%n", written, out, normals.size(), shortRefusals.size());
        return ExitCodes.OK;
    }

    private static int tokens(Tokenizer tokenizer, String text) {
        return tokenizer.encode(text, false).length();
    }

    private static List<Row> concat(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private List<Row> rows(Path file, String source) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (JsonNode row : read(file)) {
            rows.add(new Row(row.get("text").asText(), row.get("label").asInt(), source,
                    row.path("orig_label").asText()));
        }
        return rows;
    }

    private List<JsonNode> read(Path file) throws IOException {
        List<JsonNode> rows = new ArrayList<>();
        int line = 0;
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ParameterException(spec.commandLine(), file + " holds bytes that are not UTF-8", e);
        }
        for (String text : lines) {
            line++;
            if (text.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(text);
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), file + ":" + line + ": not JSON: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
            if (!row.path("text").isTextual() || !row.path("label").canConvertToInt()) {
                throw new ParameterException(spec.commandLine(), file + ":" + line + ": needs a string \"text\" "
                        + "and an integer \"label\"");
            }
            rows.add(row);
        }
        return rows;
    }
}

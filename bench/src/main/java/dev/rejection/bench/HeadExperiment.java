package dev.rejection.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.head.LinearHead;
import dev.rejection.detect.head.TextEncoder;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.eval.BinaryMetrics;
import dev.rejection.onnx.OnnxModel;
import dev.rejection.tokenizer.Tokenizer;
import dev.rejection.train.LogisticRegression;

import java.io.*;
import java.nio.file.*;
import java.util.*;

/**
 * Throwaway measurement harness (not a test): features of each data set, heads on combinations. Run as
 * {@code java -cp bench/target/benchmarks.jar dev.rejection.bench.HeadExperiment SHARED CORPUS CACHE MAXLEN OPENING}.
 */
public final class HeadExperiment {
    record Row(String text, int label, String source, String split, String category, boolean ambiguous) {}

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        Path corpus = Path.of(args[1]);
        Path cache = Path.of(args[2]);
        int maxLength = Integer.parseInt(args[3]);
        int opening = Integer.parseInt(args[4]);
        Files.createDirectories(cache);
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Row>> sets = new LinkedHashMap<>();
        for (Path f : List.of(corpus, shared.resolve("data/refusals/chatgpt_refusals.jsonl"),
                shared.resolve("data/refusals/gptfuzz_train_weak.jsonl"),
                shared.resolve("data/refusals/gptfuzz_evaluate_weak.jsonl"))) {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                if (line.isBlank()) continue;
                JsonNode n = json.readTree(line);
                rows.add(new Row(n.get("text").asText(), n.get("label").asInt(), n.path("source").asText(),
                        n.path("split").asText(""), n.path("category").asText(""), n.path("ambiguous").asBoolean(false)));
            }
            sets.put(f.getFileName().toString().replace(".jsonl", ""), rows);
        }
        Path tokJson = Path.of(System.getProperty("minilm.tokenizer"));
        Path onnx = Path.of(System.getProperty("minilm.onnx"));
        LexicalDetector lexical = LexicalDetector.defaults();
        Map<String, double[][]> features = new LinkedHashMap<>();
        try (TextEncoder encoder = new TextEncoder(Tokenizer.fromFile(tokJson), OnnxModel.load(onnx, 1), maxLength, opening, 2)) {
            for (var e : sets.entrySet()) {
                Path file = cache.resolve(e.getKey() + "-" + maxLength + "-" + opening + ".bin");
                double[][] x;
                if (Files.exists(file)) {
                    x = read(file);
                } else {
                    long t0 = System.nanoTime();
                    List<String> texts = e.getValue().stream().map(Row::text).toList();
                    x = encoder.encode(texts).stream().map(TextEncoder.Encoded::features).toArray(double[][]::new);
                    System.err.printf("%s: %d texts in %.1fs%n", e.getKey(), texts.size(), (System.nanoTime() - t0) / 1e9);
                    write(file, x);
                }
                features.put(e.getKey(), x);
            }
        }
        String[] names = sets.keySet().toArray(new String[0]);
        // feature variants: mean only, mean+opening, +lexical
        double[] l2s = Arrays.stream(System.getProperty("l2s", "1e-3").split(",")).mapToDouble(Double::parseDouble).toArray();
        for (String variant : System.getProperty("variants", "mean,opening,both,both+lex,lex").split(","))
        for (double l2 : l2s) {
            for (String trainSpec : System.getProperty("trains", "team,team+gptfuzz,team+gptfuzz+chatgpt-half").split(",")) {
                List<double[]> xs = new ArrayList<>();
                List<Integer> ys = new ArrayList<>();
                for (String name : names) {
                    List<Row> rows = sets.get(name);
                    double[][] x = features.get(name);
                    for (int i = 0; i < rows.size(); i++) {
                        Row r = rows.get(i);
                        boolean use = switch (name) {
                            case "team_corpus" -> r.split.equals("train");
                            case "gptfuzz_train_weak" -> trainSpec.contains("gptfuzz");
                            case "chatgpt_refusals" -> trainSpec.contains("chatgpt") && i % 2 == 0;
                            default -> false;
                        };
                        if (use) { xs.add(select(variant, x[i], r.text, lexical)); ys.add(r.label); }
                    }
                }
                int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
                LinearHead head = new LogisticRegression(l2, 300, 1e-6).fit(xs.toArray(new double[0][]), y,
                        LogisticRegression.balancedWeights(y));
                StringBuilder out = new StringBuilder(String.format("%-9s l2=%-6s %-26s", variant, l2, trainSpec));
                for (String name : names) {
                    List<Row> rows = sets.get(name);
                    double[][] x = features.get(name);
                    List<Double> s = new ArrayList<>(); List<Integer> l = new ArrayList<>();
                    for (int i = 0; i < rows.size(); i++) {
                        Row r = rows.get(i);
                        boolean eval = switch (name) {
                            case "team_corpus" -> r.split.equals("dev");
                            case "chatgpt_refusals" -> !trainSpec.contains("chatgpt") || i % 2 == 1;
                            case "gptfuzz_train_weak" -> false;
                            default -> true;
                        };
                        if (!eval) continue;
                        s.add(head.probability(select(variant, x[i], r.text, lexical))); l.add(r.label);
                        if (name.equals("chatgpt_refusals") && r.ambiguous) { s.remove(s.size() - 1); l.remove(l.size() - 1); }
                    }
                    if (s.isEmpty()) continue;
                    double[] sc = s.stream().mapToDouble(Double::doubleValue).toArray();
                    int[] lb = l.stream().mapToInt(Integer::intValue).toArray();
                    var c = BinaryMetrics.confusion(sc, lb, 0.5);
                    double p = c.tp() / Math.max(1.0, c.tp() + c.fp()), rc = c.tp() / Math.max(1.0, c.tp() + c.fn());
                    out.append(String.format(" %s F1=%.3f(P%.2f R%.2f)", name.substring(0, 6), 2 * p * rc / Math.max(1e-9, p + rc), p, rc));
                }
                System.out.println(out);
            }
        }
    }

    static double[] select(String variant, double[] x, String text, LexicalDetector lexical) {
        int h = x.length / 2;
        double[] base = switch (variant.replace("+lex", "")) {
            case "mean" -> Arrays.copyOf(x, h);
            case "opening" -> Arrays.copyOfRange(x, h, 2 * h);
            case "lex" -> new double[0];
            default -> x;
        };
        if (!variant.contains("lex")) return base;
        double[] lex = lexical.features(text);
        double[] all = Arrays.copyOf(base, base.length + lex.length);
        System.arraycopy(lex, 0, all, base.length, lex.length);
        return all;
    }

    static void write(Path file, double[][] x) throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(x.length); out.writeInt(x[0].length);
            for (double[] r : x) for (double v : r) out.writeFloat((float) v);
        }
    }

    static double[][] read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            int n = in.readInt(), d = in.readInt();
            double[][] x = new double[n][d];
            for (double[] r : x) for (int j = 0; j < d; j++) r[j] = in.readFloat();
            return x;
        }
    }
}

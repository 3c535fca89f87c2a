package dev.rejection.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rejection.detect.head.LinearHead;
import dev.rejection.detect.lexical.LexicalDetector;
import dev.rejection.detect.lexical.LexicalNormalizer;
import dev.rejection.eval.BinaryMetrics;

import java.nio.file.*;
import java.util.*;

/** Throwaway measurement: hashed n-grams of the opening (+ lexical) with a sparse logistic regression. */
public final class NgramExperiment {
    record Row(String text, int label, String split, boolean ambiguous) {}
    static final int DIM = 1 << 18;

    public static void main(String[] args) throws Exception {
        Path shared = Path.of(args[0]);
        int openingWords = Integer.parseInt(args[2]);
        ObjectMapper json = new ObjectMapper();
        Map<String, List<Row>> sets = new LinkedHashMap<>();
        for (Path f : List.of(Path.of(args[1]), shared.resolve("data/refusals/chatgpt_refusals.jsonl"),
                shared.resolve("data/refusals/gptfuzz_train_weak.jsonl"), shared.resolve("data/refusals/gptfuzz_evaluate_weak.jsonl"))) {
            List<Row> rows = new ArrayList<>();
            for (String line : Files.readAllLines(f)) {
                JsonNode n = json.readTree(line);
                rows.add(new Row(n.get("text").asText(), n.get("label").asInt(), n.path("split").asText(""), n.path("ambiguous").asBoolean(false)));
            }
            sets.put(f.getFileName().toString().replace(".jsonl", ""), rows);
        }
        LexicalDetector lexical = LexicalDetector.defaults();
        for (String variant : List.of("ngram", "ngram+lex")) {
            for (double l2 : new double[]{1e-4, 1e-3, 1e-2}) {
                for (String trainSpec : List.of("team", "team+gptfuzz")) {
                    List<int[]> xi = new ArrayList<>(); List<float[]> xv = new ArrayList<>(); List<Integer> ys = new ArrayList<>();
                    for (var e : sets.entrySet()) for (Row r : e.getValue()) {
                        boolean use = switch (e.getKey()) {
                            case "team_corpus" -> r.split.equals("train");
                            case "gptfuzz_train_weak" -> trainSpec.contains("gptfuzz");
                            default -> false;
                        };
                        if (use) { var f = features(r.text, openingWords, variant, lexical); xi.add(f.getKey()); xv.add(f.getValue()); ys.add(r.label); }
                    }
                    int[] y = ys.stream().mapToInt(Integer::intValue).toArray();
                    double[] sw = LogisticRegression.balancedWeights(y);
                    double tw = Arrays.stream(sw).sum();
                    int n = y.length;
                    LogisticRegression.Objective obj = (theta, g) -> {
                        Arrays.fill(g, 0); double loss = 0;
                        for (int i = 0; i < n; i++) {
                            int[] idx = xi.get(i); float[] val = xv.get(i);
                            double z = theta[DIM];
                            for (int k = 0; k < idx.length; k++) z += theta[idx[k]] * val[k];
                            double sp = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
                            loss += sw[i] * (sp - y[i] * z);
                            double r = sw[i] * (LinearHead.sigmoid(z) - y[i]);
                            for (int k = 0; k < idx.length; k++) g[idx[k]] += r * val[k];
                            g[DIM] += r;
                        }
                        loss /= tw; for (int j = 0; j <= DIM; j++) g[j] /= tw;
                        for (int j = 0; j < DIM; j++) { loss += 0.5 * l2 * theta[j] * theta[j]; g[j] += l2 * theta[j]; }
                        return loss;
                    };
                    double[] theta = new Lbfgs(10, 300, 1e-6).minimise(obj, new double[DIM + 1]);
                    StringBuilder out = new StringBuilder(String.format("%-9s l2=%-6s %-14s", variant, l2, trainSpec));
                    for (var e : sets.entrySet()) {
                        List<Double> s = new ArrayList<>(); List<Integer> l = new ArrayList<>();
                        for (Row r : e.getValue()) {
                            boolean eval = switch (e.getKey()) {
                                case "team_corpus" -> r.split.equals("dev");
                                case "chatgpt_refusals" -> !r.ambiguous;
                                case "gptfuzz_train_weak" -> false;
                                default -> true;
                            };
                            if (!eval) continue;
                            var f = features(r.text, openingWords, variant, lexical);
                            double z = theta[DIM];
                            for (int k = 0; k < f.getKey().length; k++) z += theta[f.getKey()[k]] * f.getValue()[k];
                            s.add(LinearHead.sigmoid(z)); l.add(r.label);
                        }
                        if (s.isEmpty()) continue;
                        var c = BinaryMetrics.confusion(s.stream().mapToDouble(Double::doubleValue).toArray(), l.stream().mapToInt(Integer::intValue).toArray(), 0.5);
                        out.append(String.format(" %s F1=%.3f(P%.2f R%.2f)", e.getKey().substring(0, 6), c.f1(), c.precision(), c.recall()));
                    }
                    System.out.println(out);
                }
            }
        }
    }

    static Map.Entry<int[], float[]> features(String text, int openingWords, String variant, LexicalDetector lexical) {
        String norm = LexicalNormalizer.normalize(text).normalized();
        String[] words = norm.split("[^\\p{L}\\p{N}']+");
        List<String> w = new ArrayList<>();
        for (String s : words) if (!s.isEmpty()) w.add(s);
        TreeMap<Integer, Float> f = new TreeMap<>();
        int open = Math.min(openingWords, w.size());
        for (int i = 0; i < w.size(); i++) {
            String zone = i < open ? "O" : "L";
            for (int k = 1; k <= 3 && i + k <= w.size(); k++) {
                if (zone.equals("L") && k > 2) continue;
                String gram = zone + k + ":" + String.join(" ", w.subList(i, i + k));
                int h = Math.floorMod(gram.hashCode() * 0x9E3779B1, DIM - 64);
                f.merge(h, 1f, Float::sum);
            }
        }
        // binary presence, L2-normalised per zone would be better; keep simple: log(1+count)
        f.replaceAll((k, v) -> (float) Math.log1p(v));
        if (variant.contains("lex")) {
            double[] lx = lexical.features(text);
            for (int j = 0; j < lx.length; j++) f.put(DIM - 64 + j, (float) lx[j]);
        }
        f.put(DIM - 1, (float) Math.log1p(w.size()));
        int[] idx = f.keySet().stream().mapToInt(Integer::intValue).toArray();
        float[] val = new float[idx.length]; int k = 0; for (float v : f.values()) val[k++] = v;
        return Map.entry(idx, val);
    }
}

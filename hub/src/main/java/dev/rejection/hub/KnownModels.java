package dev.rejection.hub;

import java.util.List;
import java.util.Optional;

/**
 * Models we know to work, pinned to a commit (so a download is reproducible and, once cached, needs no network)
 * with the settings their model cards recommend.
 */
public final class KnownModels {

    /**
     * A known model.
     *
     * @param repo      its Hub id
     * @param revision  the commit it is pinned to
     * @param onnxFile  the ONNX file to run
     * @param maxLength the longest input in tokens, special tokens included; longer texts are truncated
     * @param threshold a text is a rejection when P(REJECTION) is above this
     * @param labels    its labels, in id order
     * @param summary   one line on what it is
     */
    public record KnownModel(String repo, String revision, String onnxFile, int maxLength, double threshold,
                             List<String> labels, String summary) {
        public RepoId id() {
            return new RepoId(repo, revision);
        }
    }

    /** ProtectAI's refusal classifier, the model this project implements. */
    public static final KnownModel PROTECTAI_REJECTION = new KnownModel(
            "ProtectAI/distilroberta-base-rejection-v1", "65584967c3f22ff7723e5370c65e0e76791e6055",
            "onnx/model.onnx", 512, 0.5, List.of("NORMAL", "REJECTION"),
            "distilroberta-base fine-tuned to tell refusals from normal answers (Apache-2.0)");

    private static final List<KnownModel> ALL = List.of(PROTECTAI_REJECTION);

    private KnownModels() {
    }

    /** Every known model, the recommended one first. */
    public static List<KnownModel> all() {
        return ALL;
    }

    /** The known model with this id (case-insensitive, as the Hub matches ids). */
    public static Optional<KnownModel> find(String repo) {
        return ALL.stream().filter(m -> m.repo().equalsIgnoreCase(repo)).findFirst();
    }
}

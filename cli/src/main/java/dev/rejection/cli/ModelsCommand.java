package dev.rejection.cli;

import dev.rejection.hub.HubCache;
import dev.rejection.hub.KnownModels;
import dev.rejection.hub.KnownModels.KnownModel;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rejection models}: the models we know, pinned, with their recommended settings and whether cached. */
@Command(name = "models",
        description = {"List known models with their pinned revision and recommended settings.",
            "Give one to --model by its id; it is downloaded on first use."})
final class ModelsCommand implements Callable<Integer> {
    private static final String ROW = "%-42s  %-40s  %-16s  %7s  %9s  %-17s  %s%n";

    private final StdStreams std;

    @Spec
    CommandSpec spec;

    ModelsCommand(StdStreams std) {
        this.std = std;
    }

    @Override
    public Integer call() {
        HubCache cache = new HubCache(HubModels.settings(spec).cacheDir());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, ROW, "MODEL", "REVISION", "ONNX FILE",
                "MAX LEN", "THRESHOLD", "LABELS", "CACHED"));
        for (KnownModel m : KnownModels.all()) {
            boolean cached = cache.cached(m.repo(), m.revision(), m.onnxFile()).isPresent();
            table.append(String.format(Locale.ROOT, ROW, m.repo(), m.revision(), m.onnxFile(), m.maxLength(),
                    m.threshold(), String.join("/", m.labels()), cached ? "yes" : "no"));
        }
        for (KnownModel m : KnownModels.all()) {
            table.append(String.format(Locale.ROOT, "%n%s: %s", m.repo(), m.summary()));
        }
        HubModels.printLine(std, table.toString().stripTrailing());
        return ExitCodes.OK;
    }
}

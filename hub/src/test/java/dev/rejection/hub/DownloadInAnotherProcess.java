package dev.rejection.hub;

import java.nio.file.Path;
import java.util.Map;

/**
 * Test helper run in a second JVM: downloads a model and prints its snapshot directory.
 * Arguments: endpoint, cache directory, model id.
 */
public final class DownloadInAnotherProcess {
    private DownloadInAnotherProcess() {
    }

    public static void main(String[] args) {
        HubSettings settings = HubSettings.fromEnvironment(
                Map.of("HF_ENDPOINT", args[0], "HF_HUB_CACHE", args[1]), Path.of(args[1]).resolveSibling("home"));
        Path dir = new ModelDownloader(settings).download(RepoId.parse(args[2]), null);
        System.out.println(dir);
    }
}

package dev.rejection.testing;

import java.nio.file.Path;

/**
 * Serves a local model directory as a Hub repository on loopback until killed, to try the {@code rejection}
 * command's Hub support by hand on a machine that cannot reach the Hub:
 *
 * <pre>
 * java -cp core/target/test-classes dev.rejection.testing.FakeHubServer MODEL_DIR org/name COMMIT
 * HF_ENDPOINT=http://127.0.0.1:PORT ./rejection download org/name
 * </pre>
 * It prints the endpoint on the first line, then each request it gets. Files ending in {@code .onnx} are served as LFS files through the
 * second ("CDN") server, the rest directly, as the Hub does.
 */
public final class FakeHubServer {
    private FakeHubServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3 || !args[2].matches("[0-9a-f]{40}")) {
            System.err.println("usage: FakeHubServer MODEL_DIR org/name COMMIT (40 hex digits)");
            System.exit(2);
        }
        FakeHub hub = FakeHub.start().model(args[1], "main", args[2], Path.of(args[0]));
        System.out.println(hub.endpoint());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(hub::close));
        for (int shown = 0; ; Thread.sleep(100)) { // until killed
            var requests = hub.requests();
            for (; shown < requests.size(); shown++) {
                FakeHub.Request r = requests.get(shown);
                System.out.println(r.server() + " " + r.method() + " " + r.path()
                        + (r.range() != null ? " Range: " + r.range() : ""));
            }
            System.out.flush();
        }
    }
}

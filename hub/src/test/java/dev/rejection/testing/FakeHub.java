package dev.rejection.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test fixture: a Hugging Face Hub on loopback that behaves like the real one where our client depends on it.
 *
 * <ul>
 *   <li>{@code /{org}/{name}/resolve/{revision}/{path}}: {@code X-Repo-Commit}; small files answer 200 with a
 *       quoted git-blob SHA-1 {@code ETag} and their bytes; LFS files ({@code .onnx}) answer 302 to a second
 *       server, the "CDN", with {@code X-Linked-Etag} (the SHA-256) and {@code X-Linked-Size}.</li>
 *   <li>Errors as the Hub sends them: 401 {@code RepoNotFound} for an unknown repository, 401 {@code GatedRepo} for
 *       a gated one without the right token, 404 {@code RevisionNotFound} and {@code EntryNotFound}.</li>
 *   <li>Range requests (206 with {@code Content-Range}) on both servers.</li>
 *   <li>Faults on demand: a status for the next requests of a file, a connection dropped mid-file, a wrong
 *       SHA-256 advertised, a download held back until several clients have asked.</li>
 *   <li>Hostility on demand: any header replaced (path-like etags and commits, odd redirects), bodies longer
 *       than advertised, bodies corrupted in transit.</li>
 * </ul>
 * Every request is logged ({@link #requests()}) so tests can count them.
 */
public final class FakeHub implements AutoCloseable {

    /** One request as the servers saw it. */
    public record Request(String server, String method, String path, String range, String authorization) {
    }

    private static final Pattern RESOLVE = Pattern.compile("/([^/]+/[^/]+)/resolve/([^/]+)/(.+)");

    private final HttpServer hub;
    private final HttpServer cdn;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-hub");
        t.setDaemon(true);
        return t;
    });
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    /** repo → commit → path → bytes */
    private final Map<String, Map<String, Map<String, byte[]>>> repos = new ConcurrentHashMap<>();
    /** repo → branch → commit */
    private final Map<String, Map<String, String>> branches = new ConcurrentHashMap<>();
    private final Map<String, String> gated = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cdnBlobs = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, Long> drops = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> dropsLeft = new ConcurrentHashMap<>();
    private final Map<String, String> wrongSha = new ConcurrentHashMap<>();
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    /** path (or {@value #EVERY_PATH}) → header → value, sent instead of the true one */
    private final Map<String, Map<String, String>> headers = new ConcurrentHashMap<>();
    private final Map<String, Integer> oversized = new ConcurrentHashMap<>();
    private final Map<String, Boolean> corrupted = new ConcurrentHashMap<>();
    private final Map<String, Long> unsized = new ConcurrentHashMap<>();
    private final Map<String, Integer> stallAfter = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> stallsLeft = new ConcurrentHashMap<>();
    /** Released on close: a stalled download's handler waits on it. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile boolean weakEtags;

    /** For {@link #header}: every path of every repository. */
    public static final String EVERY_PATH = "*";

    private record Fault(int status, AtomicInteger left) {
    }

    private record Hold(CountDownLatch heads) {
    }

    private FakeHub() throws IOException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        hub = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        cdn = HttpServer.create(new InetSocketAddress(loopback, 0), 0);
        hub.createContext("/", this::hub);
        cdn.createContext("/", this::cdn);
        hub.setExecutor(executor);
        cdn.setExecutor(executor);
        hub.start();
        cdn.start();
    }

    /** Starts both servers on random loopback ports. */
    public static FakeHub start() throws IOException {
        return new FakeHub();
    }

    /** The Hub's base URL, for {@code HF_ENDPOINT}. */
    public String endpoint() {
        return "http://" + hub.getAddress().getAddress().getHostAddress() + ":" + hub.getAddress().getPort();
    }

    /** Adds a file at a commit, and points the branch at that commit. */
    public FakeHub file(String repo, String branch, String commit, String path, byte[] content) {
        repos.computeIfAbsent(repo, r -> new ConcurrentHashMap<>()).computeIfAbsent(commit, c -> new ConcurrentHashMap<>())
                .put(path, content);
        branches.computeIfAbsent(repo, r -> new ConcurrentHashMap<>()).put(branch, commit);
        if (lfs(path)) {
            cdnBlobs.put(sha256(content), content);
        }
        return this;
    }

    public FakeHub file(String repo, String branch, String commit, String path, String content) {
        return file(repo, branch, commit, path, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Every file of a local model directory, at one commit. */
    public FakeHub model(String repo, String branch, String commit, java.nio.file.Path dir) throws IOException {
        try (var files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                file(repo, branch, commit, dir.relativize(f).toString().replace('\\', '/'),
                        java.nio.file.Files.readAllBytes(f));
            }
        }
        return this;
    }

    /** The repository answers only requests with this bearer token. */
    public FakeHub gated(String repo, String token) {
        gated.put(repo, token);
        return this;
    }

    /** The next {@code times} requests for a path (on the Hub) answer {@code status}. */
    public FakeHub fail(String path, int status, int times) {
        faults.put(path, new Fault(status, new AtomicInteger(times)));
        return this;
    }

    /** The next {@code times} downloads of a path break after {@code bytes} bytes. */
    public FakeHub dropAfter(String path, long bytes, int times) {
        drops.put(path, bytes);
        dropsLeft.put(path, new AtomicInteger(times));
        return this;
    }

    /** The Hub advertises a wrong SHA-256 for an LFS path. */
    public FakeHub wrongSha256(String path) {
        wrongSha.put(path, sha256("something else".getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    /**
     * A hostile or broken Hub: answers about {@code path} (or {@link #EVERY_PATH}) carry this header value instead
     * of the true one (e.g. an {@code ETag} of {@code ../../x}, an {@code X-Repo-Commit} of {@code /abs}, a
     * {@code Location} of {@code http:///x}).
     */
    public FakeHub header(String path, String name, String value) {
        headers.computeIfAbsent(path, p -> new ConcurrentHashMap<>()).put(name, value);
        return this;
    }

    /** Downloads of a path send {@code extra} bytes more than its metadata advertises. */
    public FakeHub oversized(String path, int extra) {
        oversized.put(path, extra);
        return this;
    }

    /** Downloads of a path send its bytes with one of them changed (same length, same advertised hash). */
    public FakeHub corrupted(String path) {
        corrupted.put(path, true);
        return this;
    }

    /** Answers about a path give no size, and its download sends {@code bytes} bytes, chunked. */
    public FakeHub unsized(String path, long bytes) {
        unsized.put(path, bytes);
        return this;
    }

    /** The next {@code times} downloads of a path send {@code bytes} bytes and then nothing, keeping the line open. */
    public FakeHub stallAfter(String path, int bytes, int times) {
        stallAfter.put(path, bytes);
        stallsLeft.put(path, new AtomicInteger(times));
        return this;
    }

    /** Small files get weak etags ({@code W/"..."}), as a compressing proxy may send. */
    public FakeHub weakEtags() {
        weakEtags = true;
        return this;
    }

    /** Downloads of a path wait (up to 30 s) until {@code heads} metadata requests for it have arrived. */
    public FakeHub holdUntilHeads(String path, int heads) {
        holds.put(path, new Hold(new CountDownLatch(heads)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public long count(String method, String pathSuffix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix)).count();
    }

    public void clearRequests() {
        requests.clear();
    }

    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(digest("SHA-256").digest(content));
    }

    /** A file's git blob id, the Hub's etag for small files. */
    public static String gitBlobSha1(byte[] content) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + content.length + "\0").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha1.digest(content));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean lfs(String path) {
        return path.endsWith(".onnx") || path.endsWith(".safetensors") || path.endsWith(".bin");
    }

    private void log(String server, HttpExchange exchange) {
        Headers h = exchange.getRequestHeaders();
        requests.add(new Request(server, exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                h.getFirst("Range"), h.getFirst("Authorization")));
    }

    private void hub(HttpExchange exchange) throws IOException {
        try (exchange) {
            log("hub", exchange);
            Matcher m = RESOLVE.matcher(exchange.getRequestURI().getRawPath());
            if (!m.matches()) {
                error(exchange, 404, null, null);
                return;
            }
            String repo = m.group(1);
            String revision = URLDecoder.decode(m.group(2), StandardCharsets.UTF_8);
            String path = URLDecoder.decode(m.group(3), StandardCharsets.UTF_8);
            boolean head = exchange.getRequestMethod().equals("HEAD");
            Map<String, Map<String, byte[]>> commits = repos.get(repo);
            if (commits == null) {
                error(exchange, 401, "RepoNotFound", "Repository not found");
                return;
            }
            String token = gated.get(repo);
            if (token != null && !("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "GatedRepo", "Access to model " + repo + " is restricted");
                return;
            }
            Fault fault = faults.get(path);
            if (fault != null && fault.left().getAndDecrement() > 0) {
                error(exchange, fault.status(), null, "Internal Error");
                return;
            }
            String commit = commits.containsKey(revision) ? revision : branches.get(repo).get(revision);
            if (commit == null) {
                error(exchange, 404, "RevisionNotFound", "Invalid rev id: " + revision);
                return;
            }
            exchange.getResponseHeaders().set("X-Repo-Commit", commit);
            byte[] content = commits.get(commit).get(path);
            if (content == null) {
                error(exchange, 404, "EntryNotFound", path + " does not exist on \"" + revision + "\"");
                return;
            }
            Hold hold = holds.get(path);
            if (hold != null && head) {
                hold.heads().countDown();
            }
            if (lfs(path)) {
                String sha = wrongSha.getOrDefault(path, sha256(content));
                Headers out = exchange.getResponseHeaders();
                out.set("X-Linked-Etag", "\"" + sha + "\"");
                out.set("X-Linked-Size", Long.toString(content.length));
                out.set("ETag", "\"" + gitBlobSha1(("pointer " + sha).getBytes(StandardCharsets.UTF_8)) + "\"");
                out.set("Location", "http://" + cdn.getAddress().getAddress().getHostAddress() + ":"
                        + cdn.getAddress().getPort() + "/repos/" + repo.replace('/', '-') + "/" + sha256(content)
                        + "?download=" + path.replace('/', '_'));
                overrideHeaders(exchange, path);
                exchange.sendResponseHeaders(302, -1);
                return;
            }
            String etag = "\"" + gitBlobSha1(content) + "\"";
            exchange.getResponseHeaders().set("ETag", weakEtags ? "W/" + etag : etag);
            overrideHeaders(exchange, path);
            serve(exchange, path, content);
        }
    }

    private void overrideHeaders(HttpExchange exchange, String path) {
        for (String key : List.of(EVERY_PATH, path)) {
            headers.getOrDefault(key, Map.of()).forEach(exchange.getResponseHeaders()::set);
        }
    }

    private void cdn(HttpExchange exchange) throws IOException {
        try (exchange) {
            log("cdn", exchange);
            String[] parts = exchange.getRequestURI().getRawPath().split("/");
            byte[] content = cdnBlobs.get(parts[parts.length - 1]);
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String query = exchange.getRequestURI().getQuery();
            String path = query == null ? "" : query.replace("download=", "").replace('_', '/');
            serve(exchange, path, content);
        }
    }

    /** Sends the bytes (or the asked-for range), honouring holds and drops. */
    private void serve(HttpExchange exchange, String path, byte[] content) throws IOException {
        Headers out = exchange.getResponseHeaders();
        out.set("Accept-Ranges", "bytes");
        Long endless = unsized.get(path);
        if (exchange.getRequestMethod().equals("HEAD")) {
            if (endless == null) {
                out.set("Content-Length", Long.toString(content.length));
            }
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        if (endless != null) {
            exchange.sendResponseHeaders(200, 0); // chunked: no length said
            byte[] chunk = new byte[1 << 16];
            try (OutputStream body = exchange.getResponseBody()) {
                for (long sent = 0; sent < endless; sent += chunk.length) {
                    body.write(chunk, 0, (int) Math.min(chunk.length, endless - sent));
                }
            } catch (IOException e) {
                // the client stopped reading: what this fault is for
            }
            return;
        }
        Integer extra = oversized.get(path);
        if (extra != null) {
            content = java.util.Arrays.copyOf(content, content.length + extra);
        }
        if (corrupted.containsKey(path)) {
            content = content.clone();
            content[content.length / 2] ^= 0x55;
        }
        Hold hold = holds.get(path);
        if (hold != null) {
            try {
                hold.heads().await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        int from = 0;
        String range = exchange.getRequestHeaders().getFirst("Range");
        int status = 200;
        if (range != null) {
            Matcher m = Pattern.compile("bytes=(\\d+)-").matcher(range);
            if (!m.matches()) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            from = Integer.parseInt(m.group(1));
            if (from >= content.length) {
                out.set("Content-Range", "bytes */" + content.length);
                exchange.sendResponseHeaders(416, -1);
                return;
            }
            status = 206;
            out.set("Content-Range", "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
        }
        int length = content.length - from;
        exchange.sendResponseHeaders(status, length);
        OutputStream body = exchange.getResponseBody();
        AtomicInteger stalls = stallsLeft.get(path);
        if (stalls != null && stalls.getAndDecrement() > 0) {
            body.write(content, from, Math.min(length, stallAfter.get(path)));
            body.flush();
            try {
                closing.await(30, TimeUnit.SECONDS); // the rest never comes
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("fake hub: stalled " + path);
        }
        AtomicInteger left = dropsLeft.get(path);
        if (left != null && left.getAndDecrement() > 0) {
            int cut = (int) Math.min(length, Math.max(0, drops.get(path) - from));
            body.write(content, from, cut);
            body.flush();
            // an exception out of the handler makes the server close the connection mid-body
            throw new IOException("fake hub: dropping the connection after " + cut + " bytes of " + path);
        }
        body.write(content, from, length);
    }

    private static void error(HttpExchange exchange, int status, String code, String message) throws IOException {
        if (code != null) {
            exchange.getResponseHeaders().set("X-Error-Code", code);
        }
        if (message != null) {
            exchange.getResponseHeaders().set("X-Error-Message", message);
        }
        byte[] body = ("{\"error\":\"" + (message == null ? "Not Found" : message) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        if (exchange.getRequestMethod().equals("HEAD")) {
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        closing.countDown();
        hub.stop(0);
        cdn.stop(0);
        executor.shutdownNow();
    }
}

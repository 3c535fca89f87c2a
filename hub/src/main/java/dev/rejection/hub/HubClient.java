package dev.rejection.hub;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hub's file endpoint, {@code {endpoint}/{org/name}/resolve/{revision}/{path}}, over {@link HttpClient}.
 *
 * <p>Redirects are followed here rather than by the HTTP client so that the token goes only to the Hub itself:
 * large files redirect to a CDN on another host, which must not see it (huggingface_hub drops it likewise). A
 * metadata request stops at such a redirect, because the Hub puts the file's metadata on the redirect itself.
 *
 * <p>Thread-safe; one client can serve many downloads.
 */
public final class HubClient {
    private static final Logger LOG = LoggerFactory.getLogger(HubClient.class);
    private static final int MAX_REDIRECTS = 10;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** huggingface_hub's default for metadata requests (HF_HUB_ETAG_TIMEOUT). */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(10);
    /** How long to wait for a download's response headers, and then for each next byte of its body. */
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofSeconds(30);
    /**
     * The most bytes taken for a file whose size the Hub does not give (no {@code Content-Length}, no
     * {@code X-Linked-Size}): the Hub keeps files over 10 MB in LFS, whose size it always gives, so a body without
     * one past this is not a Hub file, and must not fill the disk.
     */
    static final long MAX_UNSIZED_BYTES = 64L << 20;
    private static final String USER_AGENT = "rejection-detector; java/" + System.getProperty("java.version");

    private final HubSettings settings;
    private final URI endpoint;
    // built on the first request: a run on a local model never pays for the TLS set-up (~0.15 s of a cold start)
    private HttpClient http;
    private final DownloadListener listener;
    private final int retries;
    private final Duration stallTimeout;

    /**
     * @param retries how many times a broken download is resumed before giving up
     */
    public HubClient(HubSettings settings, DownloadListener listener, int retries) {
        this(settings, listener, retries, DOWNLOAD_TIMEOUT);
    }

    /** @param stallTimeout how long a download's body may send nothing before it counts as broken */
    HubClient(HubSettings settings, DownloadListener listener, int retries, Duration stallTimeout) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.endpoint = URI.create(settings.endpoint() + "/");
        if (endpoint.getScheme() == null || endpoint.getHost() == null) {
            throw new IllegalArgumentException("HF_ENDPOINT is not an http(s) URL: " + settings.endpoint());
        }
        this.listener = Objects.requireNonNull(listener, "listener");
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0, got " + retries);
        }
        this.retries = retries;
        this.stallTimeout = Objects.requireNonNull(stallTimeout, "stallTimeout");
    }

    private synchronized HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .connectTimeout(CONNECT_TIMEOUT)
                    .build();
        }
        return http;
    }

    /** A quiet client that resumes a broken download up to three times. */
    public HubClient(HubSettings settings) {
        this(settings, DownloadListener.QUIET, 3);
    }

    public HubSettings settings() {
        return settings;
    }

    /** The URL a file resolves through; the revision is escaped whole ({@code refs/pr/1} → {@code refs%2Fpr%2F1}). */
    public URI resolveUrl(String repo, String revision, String path) {
        String escapedPath = Arrays.stream(path.split("/")).map(HubClient::escape).collect(Collectors.joining("/"));
        return URI.create(settings.endpoint() + "/" + repo + "/resolve/" + escape(revision) + "/" + escapedPath);
    }

    /**
     * What the Hub says about a file, without its bytes.
     *
     * @throws HubException when the Hub refuses (not found, unauthorized, server error) or cannot be reached
     */
    public FileMetadata metadata(String repo, String revision, String path) {
        URI url = resolveUrl(repo, revision, path);
        String what = path + " of " + repo + " at revision " + revision;
        HttpResponse<Void> response = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest request = request(url, METADATA_TIMEOUT)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody())
                    .header("Accept-Encoding", "identity")
                    .build();
            response = send(request, HttpResponse.BodyHandlers.discarding(), what);
            URI next = redirect(response, url, what);
            if (next == null || !sameOrigin(next, url)) {
                break;
            }
            url = next; // a renamed repository: same Hub, new path
        }
        int status = response.statusCode();
        if (status >= 400) {
            throw refusal(response, repo, revision, path);
        }
        URI location = url;
        if (status >= 300) {
            location = redirect(response, url, what);
            if (location == null) {
                throw notAHub(response, what, "HTTP " + status + " without a Location");
            }
        }
        try {
            return FileMetadata.fromHeaders(response.headers(), location);
        } catch (IllegalArgumentException e) {
            throw notAHub(response, what, e.getMessage());
        }
    }

    /** An answer no Hub gives: refused, naming what is wrong with it, before anything is written. */
    private HubException notAHub(HttpResponse<?> response, String what, String problem) {
        return new HubException(HubException.Reason.SERVER_ERROR, "unexpected answer from " + response.uri()
                + " for " + what + ": " + problem + "; refused, nothing was written. Is HF_ENDPOINT ("
                + settings.endpoint() + ") a Hugging Face Hub, or a mirror you trust?");
    }

    /**
     * Downloads a file's bytes into {@code target}, continuing after the bytes already there (an interrupted
     * earlier download) with a Range request. A connection that breaks mid-file is resumed up to the configured
     * number of retries. The caller checks the result.
     *
     * @param path the file's path in the repository, for messages and the listener
     * @throws HubException when the download fails for good; what arrived stays in {@code target} to resume from
     */
    public void download(FileMetadata file, String path, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                downloadOnce(file, path, target);
                return;
            } catch (IOException e) {
                if (e instanceof InterruptedIOException || attempt >= retries) {
                    throw new HubException(HubException.Reason.NETWORK, "download of " + path + " from "
                            + file.location() + " broke after " + sizeOf(target) + " bytes: " + e.getMessage()
                            + "; run again to resume", e);
                }
                LOG.warn("download of {} broke after {} bytes ({}); resuming", path, sizeOf(target),
                        e.getMessage());
            }
        }
    }

    private void downloadOnce(FileMetadata file, String path, Path target) throws IOException {
        long have = sizeOf(target);
        if (file.size() >= 0 && have > file.size()) {
            have = 0; // longer than the file: not a prefix of it
        }
        if (file.size() >= 0 && have == file.size()) {
            return;
        }
        URI url = file.location();
        HttpResponse<InputStream> response = null;
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpRequest.Builder request = request(url, DOWNLOAD_TIMEOUT).GET().header("Accept-Encoding", "identity");
            if (have > 0) {
                request.header("Range", "bytes=" + have + "-");
            }
            response = send(request.build(), HttpResponse.BodyHandlers.ofInputStream(), path);
            URI next = redirect(response, url, path);
            if (next == null) {
                break;
            }
            response.body().close();
            url = next;
        }
        int status = response.statusCode();
        try (InputStream body = response.body()) {
            boolean append;
            if (status == 206 && have > 0) {
                long start = rangeStart(response.headers());
                if (start != have) {
                    throw new IOException("asked for bytes from " + have + " but got a range from " + start);
                }
                append = true;
            } else if (status == 200) {
                append = false; // the server ignored the range: start over
                have = 0;
            } else if (status == 416 && have > 0) {
                Files.delete(target); // the partial file does not fit the file any more: start over
                throw new IOException("range from " + have + " not satisfiable");
            } else {
                throw refusal(response, null, null, path);
            }
            listener.started(path, file.size(), have);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
                 StallGuard guard = new StallGuard(body, stallTimeout)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = read(body, buffer, guard)) >= 0; ) {
                    guard.progressed();
                    if (file.size() < 0 && have + n > MAX_UNSIZED_BYTES) {
                        out.close();
                        Files.delete(target);
                        throw new HubException(HubException.Reason.CORRUPT, "download of " + path + " from "
                                + response.uri() + " sent more than " + (MAX_UNSIZED_BYTES >> 20) + " MiB without "
                                + "saying its size (no Content-Length or X-Linked-Size); stopped there and deleted, "
                                + "nothing was cached");
                    }
                    if (file.size() >= 0 && n > file.size() - have) {
                        // not one byte past the advertised size: a hostile server cannot fill the disk
                        out.write(buffer, 0, (int) (file.size() - have));
                        out.close();
                        Files.delete(target);
                        throw new HubException(HubException.Reason.CORRUPT, "download of " + path + " from "
                                + response.uri() + " sent more than the " + file.size() + " bytes advertised for "
                                + "it; stopped there and deleted, nothing was cached");
                    }
                    out.write(buffer, 0, n);
                    have += n;
                    listener.progressed(path, have);
                }
            }
            listener.finished(path);
        }
    }

    /** A read of the body; one the stall guard cut short says so. */
    private int read(InputStream body, byte[] buffer, StallGuard guard) throws IOException {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (guard.fired()) {
                throw new IOException("no byte arrived for " + stallTimeout.toSeconds() + " s", e);
            }
            throw e;
        }
    }

    private static long sizeOf(Path file) throws IOException {
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private HttpRequest.Builder request(URI url, Duration timeout) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout).header("User-Agent", USER_AGENT);
        if (settings.token() != null && sameOrigin(url, endpoint)) {
            builder.header("Authorization", "Bearer " + settings.token());
        }
        return builder;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String what) {
        try {
            return http().send(request, handler);
        } catch (IOException e) {
            throw new HubException(HubException.Reason.NETWORK, "cannot reach the Hub at " + request.uri().getHost()
                    + " for " + what + ": " + networkReason(e)
                    + (settings.offline() ? "" : " (set HF_HUB_OFFLINE=1 to use only cached models)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException(HubException.Reason.NETWORK, "interrupted while fetching " + what, e);
        }
    }

    /** A network failure in words: the JDK's often has no message, and its class name says little to a user. */
    private static String networkReason(IOException e) {
        if (e instanceof java.net.http.HttpConnectTimeoutException) {
            return "the connection timed out";
        }
        if (e instanceof java.net.http.HttpTimeoutException) {
            return "no answer in time";
        }
        if (e.getMessage() != null) {
            return e.getMessage();
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host";
        }
        return e.getClass().getSimpleName();
    }

    /**
     * The target of a redirect response, resolved against the request's URL; null when it is not one.
     *
     * @throws HubException naming the {@code Location} when it is not an http(s) URL with a host, or leads from https
     *                      to plain http
     */
    static URI redirect(HttpResponse<?> response, URI from, String what) {
        int status = response.statusCode();
        if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
            return null;
        }
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
            return null;
        }
        URI target;
        try {
            target = location.isBlank() ? null : from.resolve(new URI(location));
        } catch (URISyntaxException e) {
            target = null;
        }
        if (target == null || target.getHost() == null || target.getScheme() == null
                || !(target.getScheme().equalsIgnoreCase("http") || target.getScheme().equalsIgnoreCase("https"))) {
            throw new HubException(HubException.Reason.SERVER_ERROR, "unexpected answer from " + response.uri()
                    + " for " + what + ": HTTP " + status + " to Location '" + location + "', which is not an "
                    + "http(s) URL with a host; refused");
        }
        if (from.getScheme().equalsIgnoreCase("https") && target.getScheme().equalsIgnoreCase("http")) {
            throw new HubException(HubException.Reason.SERVER_ERROR, "unexpected answer from " + response.uri()
                    + " for " + what + ": HTTP " + status + " from https to plain http (Location '" + location
                    + "'), where the file could be altered on the way; refused");
        }
        return target;
    }

    /** Same scheme, host and port: the only place the token may go. */
    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static long rangeStart(HttpHeaders headers) throws IOException {
        String range = headers.firstValue("Content-Range").orElseThrow(() ->
                new IOException("a 206 answer without Content-Range"));
        // bytes START-END/TOTAL
        try {
            return Long.parseLong(range.replaceFirst("^bytes\\s+", "").split("-", 2)[0].strip());
        } catch (NumberFormatException e) {
            throw new IOException("unreadable Content-Range: " + range, e);
        }
    }

    /** The Hub's refusal as an exception that says what went wrong and what to do. */
    private HubException refusal(HttpResponse<?> response, String repo, String revision, String path) {
        int status = response.statusCode();
        String code = response.headers().firstValue("X-Error-Code").orElse("");
        String detail = response.headers().firstValue("X-Error-Message").map(m -> " (the Hub says: " + m + ")")
                .orElse("");
        String where = repo == null ? path + " from " + response.uri()
                : path + " of " + repo + " at revision " + revision;
        String modelPage = repo == null ? "the model's page" : settings.endpoint() + "/" + repo;
        if (status == 401 || status == 403) {
            String tokenNote = settings.token() == null
                    ? "no token was sent: set HF_TOKEN (or run 'huggingface-cli login') with a token that has access"
                    : "the token from " + settings.tokenSource() + " was refused: set HF_TOKEN to a token that has "
                    + "access";
            if (code.equals("GatedRepo")) {
                return new HubException(HubException.Reason.UNAUTHORIZED, "cannot download " + where + ": the "
                        + "model is gated; accept its conditions on " + modelPage + ", and " + tokenNote + detail);
            }
            if (code.equals("RepoNotFound")) {
                return new HubException(HubException.Reason.REPO_NOT_FOUND, "cannot download " + where
                        + ": repository " + repo + " not found on " + settings.endpoint() + ", or it is private ("
                        + tokenNote + ")" + detail);
            }
            return new HubException(HubException.Reason.UNAUTHORIZED, "cannot download " + where + ": HTTP "
                    + status + ", access denied; " + tokenNote + detail);
        }
        if (status == 404) {
            if (code.equals("RepoNotFound")) {
                return new HubException(HubException.Reason.REPO_NOT_FOUND, "repository " + repo + " not found on "
                        + settings.endpoint() + detail);
            }
            if (code.equals("RevisionNotFound")) {
                return new HubException(HubException.Reason.REVISION_NOT_FOUND, "revision " + revision
                        + " not found in " + repo + " on " + settings.endpoint() + detail);
            }
            return new HubException(HubException.Reason.FILE_NOT_FOUND, "file not found: " + where + detail);
        }
        return new HubException(HubException.Reason.SERVER_ERROR, "cannot download " + where + ": HTTP " + status
                + " from " + response.uri() + detail + (status >= 500 ? "; the Hub has a problem, try again later"
                : ""));
    }

    private static String escape(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

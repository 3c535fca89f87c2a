package dev.rejection.server;

import dev.rejection.io.Excerpt;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps web pages of other sites from using the server through a browser that runs beside it. Any page a browser
 * opens can send requests to {@code 127.0.0.1}; two headers tell such requests apart, and neither can be forged by
 * a page:
 * <ul>
 * <li>{@code Host}: a DNS-rebinding page (its own name made to resolve to 127.0.0.1) can read the answers, as it then
 * counts as the same origin; its requests name the page's host. While the server listens on a loopback address, it
 * answers only loopback names ({@code localhost}, {@code *.localhost}), IP addresses (which no page can rebind), the
 * address it listens on, and the names {@code --allowed-host} adds. On other addresses every name is answered unless
 * {@code --allowed-host} is given.</li>
 * <li>{@code Origin}: a browser sends it with every cross-origin request a page makes, and with every POST. A request
 * from another origin than the server's own is refused, so that a page cannot make the server work through
 * {@code text/plain} POSTs, which a browser sends without asking first. The playground page, served from the
 * server's own origin, passes: its origin is the {@code Host} it was reached by, or behind a proxy the
 * {@code X-Forwarded-Host} the proxy passes on (a header no page can add without the server's consent), or a name
 * {@code --allowed-host} gives. Clients that are not browsers send no {@code Origin}.</li>
 * </ul>
 */
final class CrossSiteGuard {
    /** An {@code --allowed-host} value that turns the host check off. */
    static final String ANY_HOST = "*";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+(%[0-9a-z._~-]+)?]");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private final boolean anyHost;
    private final Set<String> names; // answered: the given names and the address listened on; lower case, no end dot
    private final Set<String> givenNames; // --allowed-host's, whose pages are the server's own

    private CrossSiteGuard(boolean anyHost, Set<String> names, Set<String> givenNames) {
        this.anyHost = anyHost;
        this.names = names;
        this.givenNames = givenNames;
    }

    /**
     * The guard for a server listening on {@code bindHost}.
     *
     * @param allowedHosts host names to answer besides the loopback names and IP addresses; {@value #ANY_HOST}
     *                     answers every name. Empty: every name when {@code bindHost} is not a loopback address.
     */
    static CrossSiteGuard forBinding(String bindHost, List<String> allowedHosts) {
        boolean anyHost = allowedHosts.contains(ANY_HOST) || allowedHosts.isEmpty() && !isLoopback(bindHost);
        Set<String> given = allowedHosts.stream().filter(name -> !name.equals(ANY_HOST))
                .map(CrossSiteGuard::normalized).collect(Collectors.toUnmodifiableSet());
        Set<String> names = Stream.concat(given.stream(), Stream.of(normalized(bindHost)))
                .collect(Collectors.toUnmodifiableSet());
        return new CrossSiteGuard(anyHost, names, given);
    }

    /**
     * Checks a request's headers.
     *
     * @param host          its {@code Host} header; null when absent (HTTP/1.0: no browser sends such a request)
     * @param origin        its {@code Origin} header; null when absent
     * @param forwardedHost its {@code X-Forwarded-Host} header (the host a proxy was reached by); null when absent
     * @throws ApiException 403 {@code host_not_allowed} or {@code cross_origin}
     */
    void check(String host, String origin, String forwardedHost) {
        if (host != null && !anyHost && !allowed(host)) {
            String name = hostName(host);
            throw new ApiException(403, "host_not_allowed", "host '" + Excerpt.of(host) + "' is not answered: the "
                    + "server answers localhost, IP addresses, the address it listens on and the names "
                    + "--allowed-host gives" + (name == null ? "" : " (--allowed-host " + Excerpt.of(name) + ")")
                    + ", so that a web page cannot reach it through DNS rebinding");
        }
        if (origin != null && !ownPage(origin, host, forwardedHost)) {
            throw new ApiException(403, "cross_origin", "a request from the web page at '" + Excerpt.of(origin)
                    + "' is refused: the server answers its own pages (its playground) and clients that are not "
                    + "browsers only");
        }
    }

    private boolean allowed(String host) {
        String name = hostName(host);
        if (name == null) {
            return false;
        }
        return names.contains(name) || name.equals("localhost") || name.endsWith(".localhost")
                || IPV4.matcher(name).matches() || IPV6.matcher(name).matches();
    }

    /**
     * Whether a page at {@code origin} ({@code scheme://host[:port]}, as a browser writes it) is the server's own:
     * reached through {@code host} or, behind a proxy, {@code forwardedHost} (a browser writes the origin and the
     * host from one URL, default ports left out, so they match letter for letter), or on a name given as allowed.
     * {@code null} (a sandboxed page, a file) matches nothing.
     */
    private boolean ownPage(String origin, String host, String forwardedHost) {
        int scheme = origin.indexOf("://");
        if (scheme <= 0) {
            return false;
        }
        String authority = origin.substring(scheme + 3);
        String forwarded = forwardedHost == null ? null : forwardedHost.split(",", 2)[0].strip(); // the first proxy's
        String name = hostName(authority);
        return authority.equalsIgnoreCase(host == null ? "" : host)
                || forwarded != null && authority.equalsIgnoreCase(forwarded)
                || name != null && givenNames.contains(name);
    }

    /** The name in a Host header ({@code name[:port]}, {@code [v6]:port}), lower case; null when malformed. */
    private static String hostName(String host) {
        String name = host;
        int colon = host.lastIndexOf(':');
        if (colon >= 0 && colon > host.lastIndexOf(']')) {
            if (!PORT.matcher(host.substring(colon + 1)).matches()) {
                return null;
            }
            name = host.substring(0, colon);
        }
        return name.isEmpty() || name.indexOf(':') >= 0 && !name.startsWith("[") ? null : normalized(name);
    }

    private static String normalized(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isLoopback(String bindHost) {
        try {
            return InetAddress.getByName(bindHost).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // the server cannot listen there either, and says so
        }
    }
}

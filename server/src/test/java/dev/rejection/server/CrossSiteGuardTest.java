package dev.rejection.server;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CrossSiteGuardTest {
    private static final CrossSiteGuard LOOPBACK = CrossSiteGuard.forBinding("127.0.0.1", List.of());

    @Test
    void onLoopbackItAnswersLoopbackNamesAndIpAddresses() {
        for (String host : List.of("localhost:8080", "LOCALHOST", "localhost.", "app.localhost:1", "127.0.0.1:8080",
                "127.0.0.1", "[::1]:8080", "[::1]", "10.0.0.5:80")) {
            assertThatCode(() -> LOOPBACK.check(host, null, null)).as(host).doesNotThrowAnyException();
        }
        assertThatCode(() -> LOOPBACK.check(null, null, null)).as("HTTP/1.0, no Host").doesNotThrowAnyException();
    }

    @Test
    void onLoopbackAnyOtherNameIsRefusedAsADnsRebindingPageWouldSendIt() {
        for (String host : List.of("evil.example:8080", "evil.example", "localhost.evil.example", "127.0.0.1.nip.io",
                "evil.example.:8080", "localhost:http", "", "a:b:c")) {
            ApiException e = catchThrowableOfType(() -> LOOPBACK.check(host, null, null), ApiException.class);
            assertThat(e).as(host).isNotNull();
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("host_not_allowed");
        }
        ApiException e = catchThrowableOfType(
                () -> LOOPBACK.check("Evil.Example:8080", "http://Evil.Example:8080", null), ApiException.class);
        assertThat(e.code()).as("the page is same-origin with the name it rebound").isEqualTo("host_not_allowed");
        assertThat(e.getMessage()).contains("'Evil.Example:8080'", "--allowed-host evil.example)", "DNS rebinding");
    }

    @Test
    void aHostileHostIsQuotedCut() {
        String host = "a".repeat(5_000) + ".example";
        ApiException e = catchThrowableOfType(() -> LOOPBACK.check(host, null, null), ApiException.class);
        assertThat(e.getMessage()).hasSizeLessThan(400).contains("(5008 characters)");
    }

    @Test
    void namesGivenAreAnsweredWhatEverTheAddress() {
        CrossSiteGuard proxied = CrossSiteGuard.forBinding("127.0.0.1", List.of("api.example.com"));
        assertThatCode(() -> proxied.check("API.example.com.:443", null, null)).doesNotThrowAnyException();
        assertThatCode(() -> proxied.check("localhost:8080", null, null)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> proxied.check("other.example.com", null, null), ApiException.class)
                .code())
                .isEqualTo("host_not_allowed");

        CrossSiteGuard everyInterface = CrossSiteGuard.forBinding("0.0.0.0", List.of("api.example.com"));
        assertThatCode(() -> everyInterface.check("10.1.2.3:8080", null, null)).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> everyInterface.check("evil.example", null, null), ApiException.class))
                .isNotNull();
    }

    @Test
    void offLoopbackOrWithAStarEveryNameIsAnswered() {
        assertThatCode(() -> CrossSiteGuard.forBinding("0.0.0.0", List.of()).check("evil.example:8080", null, null))
                .doesNotThrowAnyException();
        assertThatCode(() -> CrossSiteGuard.forBinding("127.0.0.1", List.of("*")).check("evil.example", null, null))
                .doesNotThrowAnyException();
        assertThatCode(() -> CrossSiteGuard.forBinding("myhost.internal", List.of("other.internal"))
                .check("MyHost.internal:9000", null, null)).as("the name it listens on").doesNotThrowAnyException();
    }

    @Test
    void aPageOfAnotherOriginIsRefusedItsOwnPasses() {
        assertThatCode(() -> LOOPBACK.check("127.0.0.1:8080", "http://127.0.0.1:8080", null))
                .doesNotThrowAnyException();
        assertThatCode(() -> LOOPBACK.check("localhost:8080", "http://LocalHost:8080", null))
                .doesNotThrowAnyException();
        for (String origin : List.of("http://evil.example", "http://127.0.0.1:8081", "http://localhost:8080",
                "null", "127.0.0.1:8080", "https://127.0.0.1:8080.evil.example")) {
            ApiException e = catchThrowableOfType(() -> LOOPBACK.check("127.0.0.1:8080", origin, null),
                    ApiException.class);
            assertThat(e).as(origin).isNotNull();
            assertThat(e.status()).isEqualTo(403);
            assertThat(e.code()).isEqualTo("cross_origin");
        }
        assertThat(catchThrowableOfType(() -> CrossSiteGuard.forBinding("0.0.0.0", List.of("*"))
                .check("api.example.com", "https://evil.example", null), ApiException.class).code())
                .as("the origin check holds whatever the hosts").isEqualTo("cross_origin");
        assertThat(catchThrowableOfType(() -> LOOPBACK.check(null, "http://127.0.0.1:8080", null), ApiException.class))
                .as("an origin with no Host to be the same as").isNotNull();
    }

    @Test
    void behindAProxyThePageOfTheNameItWasReachedByPasses() {
        // nginx's default passes its upstream's address as Host; the browser's page is on the public name
        assertThatCode(() -> LOOPBACK.check("127.0.0.1:8080", "https://rejection.example.com",
                "rejection.example.com")).doesNotThrowAnyException();
        assertThatCode(() -> LOOPBACK.check("127.0.0.1:8080", "https://rejection.example.com",
                "rejection.example.com, inner.proxy")).as("the first proxy's").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> LOOPBACK.check("127.0.0.1:8080", "https://evil.example",
                "rejection.example.com"), ApiException.class).code()).isEqualTo("cross_origin");
        CrossSiteGuard named = CrossSiteGuard.forBinding("127.0.0.1", List.of("rejection.example.com", "*"));
        assertThatCode(() -> named.check("127.0.0.1:8080", "https://rejection.example.com", null))
                .as("a name given as allowed").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(() -> named.check("127.0.0.1:8080", "https://other.example.com", null),
                ApiException.class).code()).isEqualTo("cross_origin");
    }
}

package dev.rejection.server;

import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** How the page is served: from the jar, open, with a strict CSP; off with --no-ui, the API unchanged. */
class PlaygroundPageTest {

    @Test
    void thePageAndEveryFileItNamesAreServedOpenEvenWithAToken() {
        try (RejectionServer server = TestServers.start(TestServers.settings().withAuthToken("t0ken"))) {
            Http anonymous = new Http(server.port());
            Http.Answer page = anonymous.get("/");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.response().headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.response().headers().firstValue("Content-Security-Policy").orElseThrow())
                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'");
            assertThat(page.body()).contains("<label for=\"answer\">", "id=\"threshold\"");
            // every script and style the page or its modules name is served as what it is
            Matcher files = Pattern.compile("(?:src|href)=\"(/playground/[a-z]+\\.(js|css))\"").matcher(page.body());
            int found = 0;
            while (files.find()) {
                found++;
                Http.Answer file = anonymous.get(files.group(1));
                assertThat(file.status()).as(files.group(1)).isEqualTo(200);
                assertThat(file.response().headers().firstValue("Content-Type").orElseThrow())
                        .startsWith(files.group(2).equals("js") ? "text/javascript" : "text/css");
                if (files.group(2).equals("js")) {
                    Matcher imports = Pattern.compile("from '\\./([a-z]+\\.js)'").matcher(file.body());
                    while (imports.find()) {
                        assertThat(anonymous.get("/playground/" + imports.group(1)).status())
                                .as("imported by " + files.group(1)).isEqualTo(200);
                    }
                }
            }
            assertThat(found).isEqualTo(2); // style.css and main.js
            // the page is open; what it calls is not
            assertThat(anonymous.get("/v1/info").status()).isEqualTo(401);
            assertThat(new Http(server.port(), "t0ken").get("/v1/info").status()).isEqualTo(200);
        }
    }

    @Test
    void noUiTurnsThePageOffAndLeavesTheApi() {
        try (RejectionServer server = TestServers.start(TestServers.settings().withUi(false))) {
            Http http = new Http(server.port());
            assertThat(http.get("/").status()).isEqualTo(404);
            assertThat(http.get("/playground/main.js").status()).isEqualTo(404);
            assertThat(http.get("/openapi.json").status()).isEqualTo(200);
            assertThat(http.get("/v1/info").status()).isEqualTo(200);
            assertThat(http.post("/v1/classify", "{\"text\": \"Hi.\"}").status()).isEqualTo(200);
        }
    }
}

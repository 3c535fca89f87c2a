package dev.rejection.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuthTest {
    private static final String TOKEN = "s3cret-token";
    private static RejectionServer server;

    @BeforeAll
    static void start() {
        server = TestServers.start(TestServers.settings().withAuthToken(TOKEN));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void everyApiEndpointNeedsTheToken() {
        Http anonymous = new Http(server.port());
        for (String path : new String[] {"/metrics", "/openapi.json"}) {
            Http.Answer a = anonymous.get(path);
            assertThat(a.status()).as(path).isEqualTo(401);
            assertThat(a.code()).isEqualTo("unauthorized");
            assertThat(a.response().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        }
        assertThat(anonymous.post("/v1/classify", "{\"text\": \"a\"}").status()).isEqualTo(401);
        assertThat(anonymous.post("/scan/output", "{\"prompt\": \"\", \"output\": \"a\"}").status()).isEqualTo(401);
    }

    @Test
    void aWrongTokenOrSchemeIs401() {
        assertThat(new Http(server.port(), "s3cret-tokem").post("/v1/classify", "{\"text\": \"a\"}").status())
                .isEqualTo(401);
        assertThat(new Http(server.port(), TOKEN + "x").get("/metrics").status()).isEqualTo(401);
        Http anonymous = new Http(server.port());
        assertThat(anonymous.send(anonymous.request("/metrics").header("Authorization", "Basic " + TOKEN).GET())
                .status()).isEqualTo(401);
    }

    @Test
    void theRightTokenIsLetIn() {
        Http authorized = new Http(server.port(), TOKEN);
        assertThat(authorized.post("/v1/classify", "{\"text\": \"a\"}").status()).isEqualTo(200);
        assertThat(authorized.get("/metrics").status()).isEqualTo(200);
        Http lowerCaseScheme = new Http(server.port());
        assertThat(lowerCaseScheme.send(lowerCaseScheme.request("/metrics").header("Authorization", "bearer " + TOKEN)
                .GET()).status()).isEqualTo(200);
    }

    @Test
    void healthChecksStayOpen() {
        Http anonymous = new Http(server.port());
        assertThat(anonymous.get("/healthz").status()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").status()).isEqualTo(200);
    }
}

package dev.rejection.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RepoIdTest {
    @Test
    void parsesIdsWithAndWithoutRevision() {
        assertThat(RepoId.parse("ProtectAI/distilroberta-base-rejection-v1"))
                .isEqualTo(new RepoId("ProtectAI/distilroberta-base-rejection-v1", "main"));
        assertThat(RepoId.parse("org/name@v1.0")).isEqualTo(new RepoId("org/name", "v1.0"));
        assertThat(RepoId.parse("org/name@refs/pr/3").revision()).isEqualTo("refs/pr/3");
        assertThat(RepoId.parse("org/name@main").toString()).isEqualTo("org/name@main");
    }

    @Test
    void rejectsWhatIsNotAnId() {
        for (String bad : new String[] {"name", "a/b/c", "org/", "/name", "org/na me", "org/-x", "org/a--b", ""}) {
            assertThatThrownBy(() -> RepoId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a Hub model id");
        }
        assertThatThrownBy(() -> RepoId.parse("org/name@../../etc")).hasMessageContaining("not a usable revision");
    }

    @Test
    void knowsACommitHash() {
        assertThat(RepoId.isCommitHash("65584967c3f22ff7723e5370c65e0e76791e6055")).isTrue();
        assertThat(RepoId.isCommitHash("main")).isFalse();
        assertThat(RepoId.isCommitHash("65584967")).isFalse();
    }

    @Test
    void theCacheFolderNameIsHuggingfaceHubs() {
        assertThat(HubCache.folderName("ProtectAI/distilroberta-base-rejection-v1"))
                .isEqualTo("models--ProtectAI--distilroberta-base-rejection-v1");
    }
}

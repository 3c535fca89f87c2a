package dev.rejection.server;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A token file must be private to its owner (group read allowed), like an ssh key. */
class AuthTokenFileTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void posix() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
                "permissions are checked on POSIX file systems only");
    }

    private Path token(String content, String mode) throws Exception {
        Path file = Files.writeString(dir.resolve("token-" + mode), content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void aPrivateFileGivesItsTrimmedContent() throws Exception {
        assertThat(AuthTokenFile.read(token("  s3cret\n", "rw-------"))).isEqualTo("s3cret");
        assertThat(AuthTokenFile.read(token("s3cret", "r--r-----"))).isEqualTo("s3cret");
    }

    @Test
    void aWorldReadableFileIsRefusedWithTheFix() throws Exception {
        Path file = token("s3cret", "rw-r--r--");
        assertThatThrownBy(() -> AuthTokenFile.read(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(file + " is readable by every user (rw-r--r--)")
                .hasMessageContaining("chmod 600 " + file);
    }

    @Test
    void aFileOthersCanChangeIsRefused() throws Exception {
        Path file = token("s3cret", "rw--w----");
        assertThatThrownBy(() -> AuthTokenFile.read(file))
                .hasMessageContaining(file + " can be changed by others than its owner (rw--w----)");
    }

    @Test
    void anEmptyFileIsRefused() throws Exception {
        Path file = token(" \n", "rw-------");
        assertThatThrownBy(() -> AuthTokenFile.read(file)).hasMessage(file + " is empty");
    }
}

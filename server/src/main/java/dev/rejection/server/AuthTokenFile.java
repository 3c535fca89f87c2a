package dev.rejection.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The bearer token from a file, which must be private: a file that every user of the machine can read (or that
 * anyone but its owner can change) is refused, as ssh refuses such a private key, rather than starting a server
 * whose token has leaked. Group read is allowed (a service group; Kubernetes' {@code fsGroup}). File systems
 * without POSIX permissions (Windows) are not checked.
 */
public final class AuthTokenFile {
    private AuthTokenFile() {
    }

    /**
     * The file's content, trimmed.
     *
     * @throws IllegalArgumentException when the file is readable by every user, writable by others than its owner,
     *                                  or empty; the message names the file and the fix
     * @throws IOException              when it cannot be read
     */
    public static String read(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            checkPrivate(file, Files.getPosixFilePermissions(file)); // of the target, when it is a link
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return token;
    }

    private static void checkPrivate(Path file, Set<PosixFilePermission> permissions) {
        String mode = PosixFilePermissions.toString(permissions);
        if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new IllegalArgumentException(file + " is readable by every user (" + mode + "); a token there has "
                    + "leaked. Restrict it first: chmod 600 " + file);
        }
        if (permissions.contains(PosixFilePermission.OTHERS_WRITE)
                || permissions.contains(PosixFilePermission.GROUP_WRITE)) {
            throw new IllegalArgumentException(file + " can be changed by others than its owner (" + mode
                    + "). Restrict it first: chmod 600 " + file);
        }
    }
}

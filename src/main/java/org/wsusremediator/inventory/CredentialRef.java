package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a credential's secret lives. The inventory only ever holds references: {@link CredentialResolver}
 * reads the secret when a host is visited. Paths are absolute (relative ones were resolved against the
 * inventory file's directory).
 */
public sealed interface CredentialRef {

    /** {@code password: env:NAME} — the password is in an environment variable. */
    record EnvPassword(String username, String variable) implements CredentialRef {
        public EnvPassword {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(variable, "variable");
        }
    }

    /** {@code password: file:PATH} — a file holding just the password. */
    record PasswordFile(String username, Path file) implements CredentialRef {
        public PasswordFile {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(file, "file");
        }
    }

    /** {@code file: PATH} — a properties file with {@code username=} and {@code password=}. */
    record PropertiesFile(Path file) implements CredentialRef {
        public PropertiesFile {
            Objects.requireNonNull(file, "file");
        }
    }
}

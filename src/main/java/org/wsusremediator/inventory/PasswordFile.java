package org.wsusremediator.inventory;

import java.nio.file.Path;

/** {@code password: file:PATH}: a file holding just the password, optionally followed by a line break. */
final class PasswordFile {

    private PasswordFile() {
    }

    static String read(Path file) throws InvalidValue {
        String text = SecretFiles.read(file, "password file");
        // Editors add a final line break; it is not part of the password. Nothing else is trimmed.
        String password = text.replaceFirst("(\\r?\\n)+\\z", "");
        if (password.isEmpty()) {
            throw new InvalidValue("password file " + file + " is empty");
        }
        if (password.indexOf('\n') >= 0 || password.indexOf('\r') >= 0) {
            throw new InvalidValue("password file " + file + " must hold just the password on one line"
                    + " (for username and password use 'file:' with username= and password= lines)");
        }
        return password;
    }
}

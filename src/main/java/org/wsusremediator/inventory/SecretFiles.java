package org.wsusremediator.inventory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads files that hold secrets. A file others can read is refused rather than used: the password has
 * probably been seen already, and accepting it would make the lax mode the normal one. On file systems
 * without POSIX permissions (Windows) the check is skipped; ACLs there are the admin's business.
 */
final class SecretFiles {

    private SecretFiles() {
    }

    /** The file's text; a problem message (without any of the file's content) as an {@link InvalidValue}. */
    static String read(Path file, String what) throws InvalidValue {
        if (!Files.exists(file)) {
            throw new InvalidValue(what + " " + file + " not found");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidValue(what + " " + file + " is not a regular file");
        }
        checkPermissions(file, what);
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidValue(what + " " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new InvalidValue(what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    static void checkPermissions(Path file, String what) throws InvalidValue {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = view.readAttributes().permissions();
        } catch (IOException e) {
            throw new InvalidValue(what + " " + file + ": cannot read its permissions (" + e.getClass().getSimpleName() + ")");
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            throw new InvalidValue(what + " " + file + " is readable by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); allow only its owner: chmod 600 " + file);
        }
    }
}

package org.wsusremediator.inventory;

import org.wsusremediator.input.InputFileException;
import org.wsusremediator.input.InputFiles;
import org.wsusremediator.input.InputLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Reads files that hold secrets. A file others can read is refused rather than used: the password has
 * probably been seen already, and accepting it would make the lax mode the normal one. A file others can
 * write is refused too: whoever can write it chooses the password the remediator sends, and can point the
 * fleet's credential at a server of theirs. On file systems without POSIX permissions (Windows) the check is
 * skipped; ACLs there are the admin's business. Only regular files of at most
 * {@link InputLimits#SECRET_FILE_BYTES} are read.
 */
final class SecretFiles {

    private SecretFiles() {
    }

    /** The file's text; a problem message (without any of the file's content) as an {@link InvalidValue}. */
    static String read(Path file, String what) throws InvalidValue {
        String refused = InputFiles.refusal(file, InputLimits.SECRET_FILE_BYTES);
        if (refused != null) {
            throw new InvalidValue(what + " " + file + " " + refused);
        }
        checkPermissions(file, what);
        try {
            return InputFiles.readUtf8(file, InputLimits.SECRET_FILE_BYTES);
        } catch (InputFileException e) {
            throw new InvalidValue(what + " " + file + " " + e.reason());
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
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new InvalidValue(what + " " + file + " is writable by group or others ("
                    + PosixFilePermissions.toString(permissions) + "); allow only its owner: chmod 600 " + file);
        }
    }
}

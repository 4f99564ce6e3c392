package org.wsusremediator.consent;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Checks of who may have written or may read a file the consent depends on. Where the file system has no POSIX
 * permissions the checks are skipped (its ACLs are the admin's to set); the remediator's own platform has them.
 */
public final class TrustedFiles {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_READ = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private TrustedFiles() {
    }

    /**
     * A secret (the server key): owned by this process's user and neither readable nor writable by group or
     * others. A key others can read is a key others can seal with.
     */
    public static void checkSecret(Path file, String what) {
        PosixFileAttributes attributes = attributes(file, what);
        if (attributes == null) {
            return;
        }
        String me = OsUser.current();
        if (!attributes.owner().getName().equals(me)) {
            throw new ConsentException(what + " " + file + " is owned by " + attributes.owner().getName()
                    + ", not by " + me + " who runs the remediator: refusing it (chown it, or use this user's own)");
        }
        Set<PosixFilePermission> loose = EnumSet.copyOf(attributes.permissions());
        loose.retainAll(GROUP_OR_OTHERS_READ);
        if (!loose.isEmpty()) {
            throw new ConsentException(what + " " + file + " is readable or writable by group or others ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())
                    + "): refusing it; make it owner-only (chmod 600) and replace the key if others may have read it");
        }
    }

    /**
     * Configuration that decides who may do what (the admin directory): owned by this process's user or root, and
     * not writable by group or others, so that nobody else can have put their own rules there.
     */
    public static void checkConfiguration(Path file, String what) {
        PosixFileAttributes attributes = attributes(file, what);
        if (attributes == null) {
            return;
        }
        String owner = attributes.owner().getName();
        String me = OsUser.current();
        if (!owner.equals(me) && !owner.equals("root")) {
            throw new ConsentException(what + " " + file + " is owned by " + owner + ", not by " + me
                    + " (who runs the remediator) or root: refusing it");
        }
        Set<PosixFilePermission> loose = EnumSet.copyOf(attributes.permissions());
        loose.retainAll(GROUP_OR_OTHERS_WRITE);
        if (!loose.isEmpty()) {
            throw new ConsentException(what + " " + file + " is writable by group or others ("
                    + java.nio.file.attribute.PosixFilePermissions.toString(attributes.permissions())
                    + "): refusing it (chmod go-w)");
        }
    }

    private static PosixFileAttributes attributes(Path file, String what) {
        if (Files.getFileAttributeView(file, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS) == null) {
            return null;
        }
        try {
            // The link's target is what is read: its owner and permissions are the ones that count.
            return Files.readAttributes(file, PosixFileAttributes.class);
        } catch (java.nio.file.NoSuchFileException missing) {
            throw new ConsentException(what + " " + file + " does not exist");
        } catch (IOException e) {
            throw new ConsentException(what + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}

package org.wsusremediator.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The server's files may only be changed by the server's own user: whoever could edit the admin directory, the
 * windows or an inventory could make themselves an approver or point an approved plan elsewhere. So each
 * configuration file must be owned by the user the process runs as and not writable by group or others; a secret
 * (the fleet's credentials, the TLS key, the server key) must in addition be unreadable by group and others. The
 * process's user is the owner of {@code /proc/self} (the kernel's word), never a JVM property such as user.name,
 * which whoever starts the JVM sets.
 */
public final class ConfigFiles {

    private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
    private static final Set<PosixFilePermission> READABLE_BY_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final int processUid;

    private ConfigFiles(int processUid) {
        this.processUid = processUid;
    }

    /** The checks for this process. */
    public static ConfigFiles forThisProcess() {
        try {
            return new ConfigFiles((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException noProc) {
            throw new ServerConfigException("cannot tell which user this process runs as (/proc/self: " + noProc
                    + "); the server runs on Linux only");
        }
    }

    /** A configuration file: owned by this process's user, not writable by group or others. */
    public Path checkConfiguration(Path file, String what) {
        return check(file, what, WRITABLE_BY_OTHERS, "must not be writable by group or others (chmod go-w "
                + file + ")");
    }

    /** A secret: owned by this process's user, no access at all for group or others. */
    public Path checkSecret(Path file, String what) {
        return check(file, what, READABLE_BY_OTHERS, "holds a secret: no access for group or others (chmod 600 "
                + file + ")");
    }

    private Path check(Path file, String what, Set<PosixFilePermission> forbidden, String rule) {
        if (!Files.isRegularFile(file)) {
            throw new ServerConfigException(what + " " + file + " does not exist or is not a regular file");
        }
        try {
            // The file itself, not a link's target chosen by whoever owns the link's directory.
            int owner = (Integer) Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            if (owner != processUid) {
                throw new ServerConfigException(what + " " + file + " is owned by uid " + owner + ", not by the server's"
                        + " user (uid " + processUid + "): refusing to start (chown it to the server's user)");
            }
            Set<PosixFilePermission> bad = EnumSet.noneOf(PosixFilePermission.class);
            bad.addAll(mode);
            bad.retainAll(forbidden);
            if (!bad.isEmpty()) {
                throw new ServerConfigException(what + " " + file + " has mode " + PosixFilePermissions.toString(mode)
                        + ": it " + rule + "; refusing to start");
            }
        } catch (IOException | UnsupportedOperationException cannotRead) {
            throw new ServerConfigException("cannot check the owner and mode of " + what + " " + file + ": " + cannotRead);
        }
        return file;
    }
}

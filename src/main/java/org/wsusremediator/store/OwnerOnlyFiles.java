package org.wsusremediator.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The embedded database's directory and files are the owner's only: they hold plans, approvals, host states and
 * the audit trail. H2 creates its files with the process's umask (usually 0644), so the directory is created
 * 0700 before H2 opens anything, and the database's files are set to 0600 after; permissions are set
 * explicitly, not through the umask. A directory that already exists is the admin's choice and is left as it
 * is (it may be a shared parent). File systems without POSIX permissions are left to their ACLs.
 */
final class OwnerOnlyFiles {

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    /** The embedded H2 URLs this project writes: plain files, and files behind H2's retry: file system. */
    private static final List<String> H2_FILE_PREFIXES = List.of("jdbc:h2:file:", "jdbc:h2:retry:");

    private OwnerOnlyFiles() {
    }

    /** The database's base path ({@code <dir>/remediator}) of an embedded H2 file URL, or null for any other URL. */
    static Path h2Base(String jdbcUrl) {
        String prefix = H2_FILE_PREFIXES.stream().filter(jdbcUrl::startsWith).findFirst().orElse(null);
        if (prefix == null) {
            return null;
        }
        int end = jdbcUrl.indexOf(';');
        String path = jdbcUrl.substring(prefix.length(), end < 0 ? jdbcUrl.length() : end);
        return path.isEmpty() || path.startsWith("~") ? null : Path.of(path).toAbsolutePath();
    }

    /** Creates the database's directory owner-only when it does not exist yet. */
    static void prepareDirectory(Path base) throws IOException {
        Path dir = base.getParent();
        if (dir == null || Files.exists(dir)) {
            return;
        }
        if (dir.getParent() != null) {
            Files.createDirectories(dir.getParent());
        }
        Files.createDirectory(dir);
        if (posix(dir)) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /** Sets the database's files ({@code remediator.mv.db}, {@code remediator.trace.db}, …) to 0600. */
    static void restrictFiles(Path base) throws IOException {
        Path dir = base.getParent();
        if (dir == null || !posix(dir)) {
            return;
        }
        String prefix = base.getFileName() + ".";
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)
                        && !Files.getPosixFilePermissions(f).equals(FILE)) {
                    Files.setPosixFilePermissions(f, FILE);
                }
            }
        }
    }

    /** Creates an empty file that only the owner can read and write (where the file system has POSIX permissions). */
    static void createOwnerOnly(Path file) throws IOException {
        if (posix(file.getParent())) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            Files.setPosixFilePermissions(file, FILE);
        } else {
            Files.createFile(file);
        }
    }

    private static boolean posix(Path p) {
        return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
    }
}

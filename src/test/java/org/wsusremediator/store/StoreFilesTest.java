package org.wsusremediator.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store holds plans, approvals and the audit trail: its directory and files are the owner's only
 * (issue 8, item 15), whatever the process's umask, and a directory the admin chose is not changed.
 */
class StoreFilesTest {

    @TempDir
    Path dir;

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void theDataDirectoryIsCreatedOwnerOnlyAndTheDatabaseFilesAreOwnerOnly() throws IOException {
        Path data = dir.resolve("data");
        try (Store store = Store.open(Store.defaultH2Url(data), "sa", "")) {
            store.auditRecords();
            assertThat(mode(data)).isEqualTo("rwx------");
            List<Path> files;
            try (Stream<Path> list = Files.list(data)) {
                files = list.toList();
            }
            assertThat(files).isNotEmpty();
            for (Path f : files) {
                assertThat(mode(f)).as("%s", f).isEqualTo("rw-------");
            }
        }
    }

    @Test
    void anExistingDatabaseFileIsMadeOwnerOnlyWhenOpened() throws IOException {
        Path data = Files.createDirectory(dir.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Store store = Store.open(Store.defaultH2Url(data), "sa", "")) {
            store.auditRecords();
        }
        Path db = data.resolve("remediator.mv.db");
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        try (Store store = Store.open(Store.defaultH2Url(data), "sa", "")) {
            assertThat(mode(db)).isEqualTo("rw-------");
        }
        assertThat(mode(data)).as("a directory the admin made is left as it is").isEqualTo("rwxr-xr-x");
    }
}

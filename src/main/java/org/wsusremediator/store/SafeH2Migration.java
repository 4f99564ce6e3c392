package org.wsusremediator.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.flywaydb.core.Flyway;

/**
 * Creates and migrates the embedded H2 store so that a kill at any moment leaves a usable store: H2's DDL is not
 * transactional, and a process killed between two statements of a migration left Flyway's history with a failed
 * version that every later open refused ("Detected failed migration").
 *
 * <ul>
 *   <li>A <b>new</b> store is created and migrated under a temporary name in the same directory
 *       ({@code remediator.creating-<id>.mv.db}), closed, made owner-only, and only then put in place under its
 *       real name. The move is a hard link, which fails rather than replace a store another process created
 *       at the same moment (that one is then used), then falls back to an atomic rename. A kill before the move
 *       leaves no store, and the next command creates one.</li>
 *   <li>An <b>existing</b> store with migrations pending is copied while it is held open (H2's {@code BACKUP},
 *       a consistent copy, and no other process can open it meanwhile); the copy is migrated, closed and moved
 *       over the original atomically. A kill at any moment leaves either the old store or the migrated one.</li>
 * </ul>
 * A killed creation or migration leaves its temporary file behind ({@code remediator.creating-*},
 * {@code remediator.migrating-*}); it is never opened again and may be deleted.
 */
final class SafeH2Migration {

    /** H2's base name suffix of a database file. */
    private static final String DB_FILE = ".mv.db";

    private SafeH2Migration() {
    }

    /**
     * Brings the store at {@code base} (its URL {@code jdbcUrl}) up to date; {@code flyway} configures Flyway for a
     * given URL. Returns how many migrations were applied.
     */
    static int migrate(String jdbcUrl, Path base, String user, String password, Function<String, Flyway> flyway)
            throws IOException, SQLException {
        Path file = dbFile(base);
        if (!Files.exists(file)) {
            return create(jdbcUrl, base, user, password, flyway);
        }
        if (flyway.apply(jdbcUrl).info().pending().length == 0) {
            // Validates too: a store left half-migrated by an older version fails here, and the message says so.
            return flyway.apply(jdbcUrl).migrate().migrationsExecuted;
        }
        return upgrade(jdbcUrl, base, user, password, flyway);
    }

    private static int create(String jdbcUrl, Path base, String user, String password, Function<String, Flyway> flyway)
            throws IOException, SQLException {
        Path temp = base.resolveSibling(base.getFileName() + ".creating-" + UUID.randomUUID());
        String tempUrl = withBase(jdbcUrl, temp);
        int applied;
        try {
            applied = flyway.apply(tempUrl).migrate().migrationsExecuted;
            shutdown(tempUrl, user, password);
            OwnerOnlyFiles.restrictFiles(temp);
        } catch (IOException | SQLException | RuntimeException e) {
            deleteFiles(temp);
            throw e;
        }
        try {
            Files.createLink(dbFile(base), dbFile(temp));
        } catch (FileAlreadyExistsException anotherProcessWasFirst) {
            deleteFiles(temp);
            return flyway.apply(jdbcUrl).migrate().migrationsExecuted;
        } catch (UnsupportedOperationException | IOException noHardLinks) {
            moveInPlace(dbFile(temp), dbFile(base));
        }
        deleteFiles(temp);
        return applied;
    }

    private static int upgrade(String jdbcUrl, Path base, String user, String password, Function<String, Flyway> flyway)
            throws IOException, SQLException {
        Path temp = base.resolveSibling(base.getFileName() + ".migrating-" + UUID.randomUUID());
        String tempUrl = withBase(jdbcUrl, temp);
        Path zip = temp.resolveSibling(temp.getFileName() + ".zip");
        // Held open until the migrated copy is in place: no other process can open the old store meanwhile.
        try (Connection original = DriverManager.getConnection(jdbcUrl, user, password)) {
            int applied;
            try {
                // Created owner-only first: H2 writes into it and keeps its permissions.
                OwnerOnlyFiles.createOwnerOnly(zip);
                try (Statement s = original.createStatement()) {
                    s.execute("BACKUP TO '" + zip.toString().replace("'", "''") + "'");
                }
                unzipDatabase(zip, dbFile(temp));
                applied = flyway.apply(tempUrl).migrate().migrationsExecuted;
                shutdown(tempUrl, user, password);
                OwnerOnlyFiles.restrictFiles(temp);
            } catch (IOException | SQLException | RuntimeException e) {
                deleteFiles(temp);
                throw e;
            } finally {
                Files.deleteIfExists(zip);
            }
            try (Statement s = original.createStatement()) {
                s.execute("SHUTDOWN");
            }
            moveInPlace(dbFile(temp), dbFile(base));
            deleteFiles(temp);
            return applied;
        }
    }

    /** The single database file H2's BACKUP wrote into the zip. */
    private static void unzipDatabase(Path zip, Path to) throws IOException {
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (entry.getName().endsWith(DB_FILE)) {
                    copy(in, to);
                    return;
                }
            }
        }
        throw new IOException("H2's backup " + zip.getFileName() + " holds no database file");
    }

    private static void copy(InputStream in, Path to) throws IOException {
        OwnerOnlyFiles.createOwnerOnly(to);
        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }

    private static void moveInPlace(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the store's directory " + to.getParent() + " cannot rename a file atomically", e);
        }
    }

    /** Closes the database at {@code url} for good, so that its file is complete and can be moved. */
    private static void shutdown(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    /** The H2 URL {@code jdbcUrl} with its database path replaced by {@code other} (absolute), settings kept. */
    static String withBase(String jdbcUrl, Path other) {
        String prefix = jdbcUrl.startsWith("jdbc:h2:retry:") ? "jdbc:h2:retry:" : "jdbc:h2:file:";
        int end = jdbcUrl.indexOf(';');
        return prefix + other.toAbsolutePath() + (end < 0 ? "" : jdbcUrl.substring(end));
    }

    private static Path dbFile(Path base) {
        return base.resolveSibling(base.getFileName() + DB_FILE);
    }

    /** Removes every file of the database at {@code base} ({@code .mv.db}, {@code .trace.db}, …). */
    private static void deleteFiles(Path base) throws IOException {
        String prefix = base.getFileName() + ".";
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (f.getFileName().toString().startsWith(prefix) && Files.isRegularFile(f)) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}

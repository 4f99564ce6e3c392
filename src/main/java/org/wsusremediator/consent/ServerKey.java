package org.wsusremediator.consent;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key that seals plans, decisions and the audit anchor: 32 random bytes (an HMAC-SHA256 key) in a file that
 * only its owner, the user running the remediator, can read. The database never holds it, so whoever can only
 * write the database cannot make a seal. It never appears in a message, a log or {@link #toString()}.
 *
 * <p>Local (CLI) mode keeps it as {@code data/server.key} beside the embedded store; the server is given its path.
 */
public final class ServerKey {

    /** The key's length: HMAC-SHA256's block-sized key would be 64, 32 is SHA-256's own strength. */
    public static final int BYTES = 32;
    private static final String WHAT = "the server key";

    private final byte[] key;
    private final Path file;

    private ServerKey(byte[] key, Path file) {
        this.key = key;
        this.file = file;
    }

    /** Reads an existing key, refusing a file that others can read or that another user owns. */
    public static ServerKey load(Path file) {
        TrustedFiles.checkSecret(file, WHAT);
        byte[] bytes;
        try {
            if (Files.size(file) != BYTES) {
                throw new ConsentException(WHAT + " " + file + " is not " + BYTES + " bytes long: not a key this"
                        + " remediator made (restore it from the backup of data/, or remove it only with the store it sealed)");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConsentException(WHAT + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        if (bytes.length != BYTES) {
            throw new ConsentException(WHAT + " " + file + " changed while it was read");
        }
        return new ServerKey(bytes, file);
    }

    /**
     * The key in {@code file}, made first if there is none: 32 bytes from {@link SecureRandom}, written to a
     * temporary owner-only file and linked into place, so that two processes starting at once agree on one key and
     * none ever reads a half-written one.
     */
    public static ServerKey loadOrCreate(Path file) {
        if (!Files.exists(file)) {
            create(file.toAbsolutePath());
        }
        return load(file);
    }

    private static void create(Path file) {
        Path dir = file.getParent();
        Path temporary = null;
        try {
            if (dir != null && !Files.exists(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
            temporary = posix
                    ? Files.createTempFile(dir, ".server.key-", ".new", PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")))
                    : Files.createTempFile(dir, ".server.key-", ".new");
            byte[] bytes = new byte[BYTES];
            new SecureRandom().nextBytes(bytes);
            try (OutputStream out = Files.newOutputStream(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                out.write(bytes);
            }
            try {
                Files.createLink(file, temporary); // atomic, and fails if another process made the key first
            } catch (FileAlreadyExistsException madeMeanwhile) {
                // that one is the key: ours is discarded below
            } catch (UnsupportedOperationException noLinks) {
                Files.move(temporary, file); // fails, without replacing, if another process made it first
            }
        } catch (FileAlreadyExistsException madeMeanwhile) {
            // another process made the key first
        } catch (IOException e) {
            throw new ConsentException("could not create " + WHAT + " " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // a stray temporary file holds a key nobody uses
                }
            }
        }
    }

    /** The hex HMAC-SHA256 of {@code message} for {@code purpose}; the purpose keeps a seal of one kind from passing for another. */
    public String mac(String purpose, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update(("wsus-remediator/" + purpose + "/v1\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }

    /** Whether {@code mac} is this key's seal of {@code message} for {@code purpose} (compared in constant time). */
    public boolean verifies(String purpose, String message, String mac) {
        if (mac == null) {
            return false;
        }
        return MessageDigest.isEqual(mac(purpose, message).getBytes(StandardCharsets.US_ASCII),
                mac.getBytes(StandardCharsets.US_ASCII));
    }

    /** Where the key was read from (the path only). */
    public Path file() {
        return file;
    }

    @Override
    public String toString() {
        return "ServerKey[" + file + "]";
    }
}

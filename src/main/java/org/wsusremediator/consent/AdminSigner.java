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
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An admin's own Ed25519 private key, read from a file they own (PKCS#8 PEM, owner-only), signing their decisions
 * ({@link SignedStatement}). The key's bytes never appear in a message, a log or {@link #toString()}; messages name
 * the file only.
 */
public final class AdminSigner {

    private static final String WHAT = "the signing key";
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    /** An Ed25519 PKCS#8 PEM is about 120 bytes; a file much larger is not one and is not read. */
    private static final long MAX_FILE_BYTES = 4096;

    private final PrivateKey key;
    private final Path file;

    private AdminSigner(PrivateKey key, Path file) {
        this.key = key;
        this.file = file;
    }

    /** Reads the key, refusing a file another user owns or that group or others can read or write. */
    public static AdminSigner load(Path file) {
        TrustedFiles.checkSecret(file, WHAT);
        String pem;
        try {
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new ConsentException(WHAT + " " + file + " is larger than " + MAX_FILE_BYTES
                        + " bytes: not an Ed25519 private key ('remediator admin keygen' makes one)");
            }
            pem = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new ConsentException(WHAT + " " + file + " cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new ConsentException(WHAT + " " + file + " is not a PEM \"PRIVATE KEY\" (PKCS#8) file"
                    + " ('remediator admin keygen' makes one)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            return new AdminSigner(KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der)), file);
        } catch (IllegalArgumentException | GeneralSecurityException notEd25519) {
            // the cause is left out: a parser's message could quote key material
            throw new ConsentException(WHAT + " " + file + " is not an Ed25519 private key (PKCS#8 PEM)");
        }
    }

    /** The base64 Ed25519 signature of {@code statement} ({@link SignedStatement#of}). */
    public String sign(String statement) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(key);
            signer.update(statement.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new ConsentException("cannot sign with " + WHAT + " " + file + " (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Makes a new key pair: the private key written to {@code out} (which must not exist) as PKCS#8 PEM, created
     * owner-only (0600) before any byte is written. Returns the public key as the admin file's {@code signingKey}
     * takes it (base64 of its X.509 SubjectPublicKeyInfo).
     */
    public static String generate(Path out) {
        KeyPair pair;
        try {
            pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(pair.getPrivate().getEncoded()) + "\n" + END + "\n";
        Path parent = out.toAbsolutePath().getParent();
        boolean posix = parent != null
                && Files.getFileAttributeView(parent, PosixFileAttributeView.class) != null;
        try {
            if (posix) {
                Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(out);
            }
            try (OutputStream stream = Files.newOutputStream(out, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC)) {
                stream.write(pem.getBytes(StandardCharsets.US_ASCII));
            }
        } catch (FileAlreadyExistsException exists) {
            throw new ConsentException(out + " exists: keygen never overwrites a key (choose another file)");
        } catch (IOException e) {
            throw new ConsentException("could not write " + WHAT + " " + out + " (" + e.getClass().getSimpleName() + ")", e);
        }
        return Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
    }

    @Override
    public String toString() {
        return "AdminSigner[" + file + "]";
    }
}

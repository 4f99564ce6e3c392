package org.wsusremediator.plan;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An admin's own Ed25519 public key ({@code signingKey} in the admin file): the base64 of its X.509
 * SubjectPublicKeyInfo, one line, as {@code remediator admin keygen} prints it. An approval by an admin who has one
 * counts only with a signature this key verifies: the server's operator, who holds the server key but not the
 * admin's private key, cannot make one in the admin's name (docs/approvals.md).
 */
public final class SigningKey {

    /** An Ed25519 SubjectPublicKeyInfo is 44 bytes, 60 base64 characters; anything much longer is not one. */
    private static final int MAX_CHARS = 200;
    /** An Ed25519 signature is 64 bytes, 88 base64 characters. */
    private static final int MAX_SIGNATURE_CHARS = 200;

    private final PublicKey key;
    private final String text;

    private SigningKey(PublicKey key, String text) {
        this.key = key;
        this.text = text;
    }

    /** @throws IllegalArgumentException saying what is wrong (never echoing more than the key's kind) */
    public static SigningKey parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("empty: give the public key 'remediator admin keygen' printed");
        }
        if (trimmed.length() > MAX_CHARS) {
            throw new IllegalArgumentException("longer than " + MAX_CHARS + " characters: not an Ed25519 public key");
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(trimmed);
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalArgumentException("not base64: give the one line 'remediator admin keygen' printed"
                    + " (the base64 of an Ed25519 X.509 SubjectPublicKeyInfo)");
        }
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            return new SigningKey(key, trimmed);
        } catch (GeneralSecurityException | ClassCastException notEd25519) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of its X.509 SubjectPublicKeyInfo,"
                    + " as 'remediator admin keygen' prints it)");
        }
    }

    /** Whether {@code signatureBase64} is this key's Ed25519 signature of {@code message}; false for anything malformed. */
    public boolean verifies(String message, String signatureBase64) {
        if (signatureBase64 == null || signatureBase64.isEmpty() || signatureBase64.length() > MAX_SIGNATURE_CHARS) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (IllegalArgumentException | GeneralSecurityException malformed) {
            return false;
        }
    }

    /** The key as the admin file gives it (a public key: no secret). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "SigningKey[Ed25519 " + text + "]";
    }
}

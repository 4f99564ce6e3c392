package org.wsusremediator.consent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How the one deciding was identified, kept in the decision's seal so the run can check it against the admin
 * directory it loaded itself: the OS user the kernel named, or the personal token (kept as a keyed MAC of its
 * SHA-256, never the token nor its plain hash). A decision made with an admin file of one's own choosing that maps
 * one's OS user to another admin then fails the run's check: its directory maps that OS user to someone else.
 */
public record Identity(Kind kind, String value) {

    public enum Kind { OS_USER, TOKEN }

    public static Identity osUser(String name) {
        return new Identity(Kind.OS_USER, name);
    }

    /** A token's identity: only its SHA-256 is kept, the form the admin directory configures. */
    public static Identity token(String token) {
        return new Identity(Kind.TOKEN, sha256(token));
    }

    /** What the decision's seal records: {@code os-user:NAME} or {@code token:MAC}. */
    String evidence(ServerKey key) {
        return kind == Kind.OS_USER ? "os-user:" + value : "token:" + key.mac("token", value);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String toString() {
        return kind == Kind.OS_USER ? "Identity[os-user " + value + "]" : "Identity[token]";
    }
}

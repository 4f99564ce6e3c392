package org.wsusremediator.simulator.ntlm;

import org.bouncycastle.crypto.digests.MD4Digest;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Locale;

/**
 * The hash and cipher functions of MS-NLMP section 6 and 3.3.2 (NTOWFv2), with the JDK's HMAC-MD5, MD5 and RC4
 * ("ARCFOUR") and Bouncy Castle's MD4 (the JDK has none).
 */
public final class NtlmCrypto {

    private NtlmCrypto() {
    }

    /** NTOWFv1 without the user: MD4(UTF-16LE(password)), the "NT hash" a host keeps for an account. */
    public static byte[] ntHash(String password) {
        byte[] unicode = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(unicode, 0, unicode.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        java.util.Arrays.fill(unicode, (byte) 0);
        return out;
    }

    /** NTOWFv2 = HMAC-MD5(NT hash, UTF-16LE(UPPERCASE(user) + domain)); the domain keeps the case the client sent. */
    static byte[] ntowfV2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md5.update(p);
            }
            return md5.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is not available", e);
        }
    }

    /** An RC4 keystream that continues across calls of {@link Cipher#update}, as NTLM's sealing handles do. */
    static Cipher rc4(byte[] key) {
        try {
            Cipher rc4 = Cipher.getInstance("ARCFOUR");
            rc4.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
            return rc4;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RC4 (ARCFOUR) is not available", e);
        }
    }

    static byte[] rc4Once(byte[] key, byte[] data) {
        return rc4(key).update(data);
    }
}

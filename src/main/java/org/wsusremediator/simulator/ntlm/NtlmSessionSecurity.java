package org.wsusremediator.simulator.ntlm;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * Sealing and signing of one authenticated NTLM connection, as the server sees it (MS-NLMP 3.4.3 to 3.4.5, with
 * extended session security, which both Windows and every client here negotiate): requests are unsealed with the
 * client-to-server keys, responses sealed with the server-to-client keys. Each direction has its own RC4 handle,
 * which runs on from message to message, and its own sequence number, so messages must be handled in order: the
 * HTTP layer handles one request of a connection at a time. Built once per connection (the JDK's RC4 and HMAC
 * objects are kept, not looked up per message); not thread-safe.
 */
public final class NtlmSessionSecurity {

    /** The 16 bytes of an NTLMSSP_MESSAGE_SIGNATURE (MS-NLMP 2.2.2.9.1). */
    public static final int SIGNATURE_LENGTH = 16;

    private static final byte[] CLIENT_SIGNING = magic("session key to client-to-server signing key magic constant");
    private static final byte[] SERVER_SIGNING = magic("session key to server-to-client signing key magic constant");
    private static final byte[] CLIENT_SEALING = magic("session key to client-to-server sealing key magic constant");
    private static final byte[] SERVER_SEALING = magic("session key to server-to-client sealing key magic constant");

    private final boolean keyExchange;
    private final Mac incomingSign;
    private final Mac outgoingSign;
    private final Cipher incomingSeal;
    private final Cipher outgoingSeal;
    private int incomingSequence;
    private int outgoingSequence;

    /** Thrown when a request's signature or sequence number does not verify. */
    public static final class SignatureMismatch extends Exception {
        SignatureMismatch(String message) {
            super(message);
        }
    }

    /** The sealed message and its signature, as WS-Man encryption frames them. */
    public record Sealed(byte[] signature, byte[] sealed) {
    }

    NtlmSessionSecurity(byte[] exportedSessionKey, int flags) {
        this.keyExchange = NtlmFlags.has(flags, NtlmFlags.KEY_EXCH);
        this.incomingSign = hmac(NtlmCrypto.md5(exportedSessionKey, CLIENT_SIGNING));
        this.outgoingSign = hmac(NtlmCrypto.md5(exportedSessionKey, SERVER_SIGNING));
        this.incomingSeal = NtlmCrypto.rc4(sealingKey(exportedSessionKey, flags, CLIENT_SEALING));
        this.outgoingSeal = NtlmCrypto.rc4(sealingKey(exportedSessionKey, flags, SERVER_SEALING));
    }

    /** SEALKEY (MS-NLMP 3.4.5.3) with extended session security: 128, 56 or 40 bits of the session key, hashed. */
    static byte[] sealingKey(byte[] exportedSessionKey, int flags, byte[] magic) {
        int length = NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_128) ? 16 : NtlmFlags.has(flags, NtlmFlags.NEGOTIATE_56) ? 7 : 5;
        return NtlmCrypto.md5(Arrays.copyOf(exportedSessionKey, length), magic);
    }

    /** Unseals a request and verifies its signature and sequence number; GSS_UnwrapEx (MS-NLMP 3.4.7). */
    public byte[] unseal(byte[] signature, byte[] sealed) throws SignatureMismatch {
        if (signature.length != SIGNATURE_LENGTH) {
            throw new SignatureMismatch("a signature of " + signature.length + " bytes (16 expected)");
        }
        byte[] message = incomingSeal.update(sealed);
        byte[] expected = sign(incomingSign, incomingSeal, incomingSequence, message);
        if (!MessageDigest.isEqual(expected, signature)) {
            throw new SignatureMismatch(NtlmMessages.le32(signature, 12) != incomingSequence
                    ? "sequence number " + Integer.toUnsignedString(NtlmMessages.le32(signature, 12))
                      + " where " + Integer.toUnsignedString(incomingSequence) + " was due"
                    : "the signature does not match the message");
        }
        incomingSequence++;
        return message;
    }

    /** Seals a response and signs it; GSS_WrapEx (MS-NLMP 3.4.6): sealing first, then the checksum, on one RC4 handle. */
    public Sealed seal(byte[] message) {
        byte[] sealed = outgoingSeal.update(message);
        byte[] signature = sign(outgoingSign, outgoingSeal, outgoingSequence, message);
        outgoingSequence++;
        return new Sealed(signature, sealed);
    }

    /** MAC (MS-NLMP 3.4.4.2): version 1, the first 8 bytes of HMAC-MD5(SigningKey, seq + message), RC4'd if KEY_EXCH, seq. */
    private byte[] sign(Mac mac, Cipher seal, int sequence, byte[] message) {
        byte[] seq = {(byte) sequence, (byte) (sequence >>> 8), (byte) (sequence >>> 16), (byte) (sequence >>> 24)};
        mac.update(seq);
        byte[] checksum = Arrays.copyOf(mac.doFinal(message), 8);
        if (keyExchange) {
            checksum = seal.update(checksum);
        }
        byte[] signature = new byte[SIGNATURE_LENGTH];
        signature[0] = 1;
        System.arraycopy(checksum, 0, signature, 4, 8);
        System.arraycopy(seq, 0, signature, 12, 4);
        return signature;
    }

    private static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is not available", e);
        }
    }

    private static byte[] magic(String text) {
        return (text + "\0").getBytes(StandardCharsets.US_ASCII);
    }
}

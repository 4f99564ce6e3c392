package org.wsusremediator.simulator;

import org.wsusremediator.simulator.ntlm.NtlmSessionSecurity;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * WS-Man message encryption over HTTP (MS-WSMV 2.2.9.1.1, "Negotiate/SPNEGO"), the framing pywinrm's
 * {@code winrm/encryption.py} and WinRM4J's {@code NtlmEncryptionUtils} send and expect:
 * <pre>
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/HTTP-SPNEGO-session-encrypted\r\n
 * \tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=N\r\n
 * --Encrypted Boundary\r\n
 * \tContent-Type: application/octet-stream\r\n
 * [signature length, 4 bytes little-endian = 16][16-byte NTLM signature][N bytes of sealed SOAP]
 * --Encrypted Boundary--\r\n
 * </pre>
 * under {@code Content-Type: multipart/encrypted;protocol="application/HTTP-SPNEGO-session-encrypted";boundary="Encrypted Boundary"}.
 * RC4 is a stream cipher, so the sealed part is exactly Length bytes: it is cut by that length, never by searching
 * the binary for the boundary.
 */
final class EncryptedMessage {

    static final String PROTOCOL = "application/HTTP-SPNEGO-session-encrypted";
    static final String CONTENT_TYPE = "multipart/encrypted;protocol=\"" + PROTOCOL + "\";boundary=\"Encrypted Boundary\"";
    private static final byte[] BOUNDARY = "--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SECOND_BOUNDARY = "\r\n--Encrypted Boundary\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "--Encrypted Boundary--\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CRLF = {'\r', '\n'};
    private static final int MAX_HEADER_BYTES = 512;

    /** The parts of an encrypted request: the signature and the sealed SOAP. */
    record Parts(byte[] signature, byte[] sealed) {
    }

    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private EncryptedMessage() {
    }

    /** Whether a request's Content-Type says it is encrypted this way (any other multipart/encrypted is not understood). */
    static boolean isEncrypted(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/encrypted");
    }

    static Parts parse(String contentType, byte[] body) throws Malformed {
        if (!contentType.contains(PROTOCOL)) {
            throw new Malformed("an encryption protocol other than " + PROTOCOL);
        }
        if (!startsWith(body, 0, BOUNDARY)) {
            throw new Malformed("no leading boundary");
        }
        int headersEnd = indexOf(body, SECOND_BOUNDARY, BOUNDARY.length, BOUNDARY.length + MAX_HEADER_BYTES);
        if (headersEnd < 0) {
            throw new Malformed("no second boundary");
        }
        String headers = new String(body, BOUNDARY.length, headersEnd - BOUNDARY.length, StandardCharsets.US_ASCII);
        long length = declaredLength(headers);
        int streamHeaderStart = headersEnd + SECOND_BOUNDARY.length;
        int streamHeaderEnd = indexOf(body, CRLF, streamHeaderStart, streamHeaderStart + MAX_HEADER_BYTES);
        if (streamHeaderEnd < 0 || !new String(body, streamHeaderStart, streamHeaderEnd - streamHeaderStart,
                StandardCharsets.US_ASCII).contains("application/octet-stream")) {
            throw new Malformed("no application/octet-stream part");
        }
        int at = streamHeaderEnd + CRLF.length;
        if (body.length - at < 4) {
            throw new Malformed("no signature length");
        }
        int signatureLength = (body[at] & 0xff) | (body[at + 1] & 0xff) << 8 | (body[at + 2] & 0xff) << 16 | (body[at + 3] & 0xff) << 24;
        if (signatureLength != NtlmSessionSecurity.SIGNATURE_LENGTH) {
            throw new Malformed("a signature length of " + Integer.toUnsignedString(signatureLength));
        }
        at += 4;
        long end = at + (long) signatureLength + length;
        if (end + END.length != body.length || !startsWith(body, (int) end, END)) {
            throw new Malformed("the sealed part is not Length=" + length + " bytes followed by the closing boundary");
        }
        return new Parts(Arrays.copyOfRange(body, at, at + signatureLength),
                Arrays.copyOfRange(body, at + signatureLength, (int) end));
    }

    /** A SOAP response sealed and signed on the connection's session, framed as above. */
    static byte[] seal(NtlmSessionSecurity security, byte[] soap) {
        NtlmSessionSecurity.Sealed sealed = security.seal(soap);
        ByteArrayOutputStream out = new ByteArrayOutputStream(soap.length + 256);
        out.writeBytes(BOUNDARY);
        out.writeBytes(("\tContent-Type: " + PROTOCOL + "\r\n"
                + "\tOriginalContent: type=application/soap+xml;charset=UTF-8;Length=" + soap.length + "\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(BOUNDARY);
        out.writeBytes("\tContent-Type: application/octet-stream\r\n".getBytes(StandardCharsets.US_ASCII));
        int n = sealed.signature().length;
        out.write(n);
        out.write(n >>> 8);
        out.write(n >>> 16);
        out.write(n >>> 24);
        out.writeBytes(sealed.signature());
        out.writeBytes(sealed.sealed());
        out.writeBytes(END);
        return out.toByteArray();
    }

    private static long declaredLength(String headers) throws Malformed {
        int at = headers.indexOf("Length=");
        if (at < 0) {
            throw new Malformed("no OriginalContent Length");
        }
        int from = at + "Length=".length();
        int to = from;
        while (to < headers.length() && to - from < 9 && Character.isDigit(headers.charAt(to))) {
            to++;
        }
        if (to == from) {
            throw new Malformed("no OriginalContent Length");
        }
        return Long.parseLong(headers.substring(from, to));
    }

    private static boolean startsWith(byte[] body, int at, byte[] prefix) {
        return at >= 0 && body.length - at >= prefix.length && Arrays.equals(body, at, at + prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] body, byte[] needle, int from, int limit) {
        int last = Math.min(body.length - needle.length, limit);
        for (int i = from; i <= last; i++) {
            if (startsWith(body, i, needle)) {
                return i;
            }
        }
        return -1;
    }
}

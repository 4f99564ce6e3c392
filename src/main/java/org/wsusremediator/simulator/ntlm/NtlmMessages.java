package org.wsusremediator.simulator.ntlm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads NEGOTIATE and AUTHENTICATE messages and writes CHALLENGE messages (MS-NLMP 2.2.1). Every offset and length
 * a client sends is checked against the token before it is used; a malformed token is an {@link InvalidToken}.
 */
final class NtlmMessages {

    static final byte[] SIGNATURE = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);
    static final int NEGOTIATE = 1;
    static final int CHALLENGE = 2;
    static final int AUTHENTICATE = 3;

    /** Windows Server 2008 (6.0.6001), NTLM revision 15: the VERSION a CHALLENGE carries (MS-NLMP 2.2.2.10). */
    private static final byte[] SERVER_VERSION = {6, 0, 0x71, 0x17, 0, 0, 0, 0x0f};

    private NtlmMessages() {
    }

    static final class InvalidToken extends Exception {
        InvalidToken(String message) {
            super(message);
        }
    }

    /** The message type of a token that starts with the NTLMSSP signature. */
    static int type(byte[] token) throws InvalidToken {
        if (token.length < 12 || !Arrays.equals(token, 0, 8, SIGNATURE, 0, 8)) {
            throw new InvalidToken("not an NTLMSSP message");
        }
        return le32(token, 8);
    }

    static int negotiateFlags(byte[] negotiate) throws InvalidToken {
        if (type(negotiate) != NEGOTIATE || negotiate.length < 16) {
            throw new InvalidToken("not a NEGOTIATE message");
        }
        return le32(negotiate, 12);
    }

    /** The fields of an AUTHENTICATE message the server needs (MS-NLMP 2.2.1.3). */
    record Authenticate(byte[] lmResponse, byte[] ntResponse, String domain, String user, String workstation,
                        byte[] encryptedRandomSessionKey, int flags) {
    }

    static Authenticate authenticate(byte[] token) throws InvalidToken {
        if (type(token) != AUTHENTICATE || token.length < 64) {
            throw new InvalidToken("not an AUTHENTICATE message");
        }
        int flags = le32(token, 60);
        boolean unicode = NtlmFlags.has(flags, NtlmFlags.UNICODE);
        return new Authenticate(field(token, 12), field(token, 20), text(field(token, 28), unicode),
                text(field(token, 36), unicode), text(field(token, 44), unicode), field(token, 52), flags);
    }

    /**
     * A CHALLENGE message: the flags agreed, the server challenge, the target name (the host's NetBIOS name) and
     * the target information (AV pairs: names and a timestamp), with the Windows Server 2008 VERSION.
     */
    static byte[] challenge(int flags, byte[] serverChallenge, String targetName, byte[] targetInfo) {
        byte[] name = targetName.getBytes(StandardCharsets.UTF_16LE);
        int header = 56;
        ByteBuffer b = ByteBuffer.allocate(header + name.length + targetInfo.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(SIGNATURE).putInt(CHALLENGE);
        b.putShort((short) name.length).putShort((short) name.length).putInt(header);
        b.putInt(flags).put(serverChallenge).putLong(0);
        b.putShort((short) targetInfo.length).putShort((short) targetInfo.length).putInt(header + name.length);
        b.put(SERVER_VERSION).put(name).put(targetInfo);
        return b.array();
    }

    /** AV pairs (MS-NLMP 2.2.2.1) for a stand-alone server: its NetBIOS and DNS names, and the time. */
    static byte[] targetInfo(String netbiosName, String dnsName, long filetime) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        avPair(out, 2, netbiosName.getBytes(StandardCharsets.UTF_16LE));   // MsvAvNbDomainName
        avPair(out, 1, netbiosName.getBytes(StandardCharsets.UTF_16LE));   // MsvAvNbComputerName
        avPair(out, 4, dnsName.getBytes(StandardCharsets.UTF_16LE));       // MsvAvDnsDomainName
        avPair(out, 3, dnsName.getBytes(StandardCharsets.UTF_16LE));       // MsvAvDnsComputerName
        avPair(out, 7, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(filetime).array()); // MsvAvTimestamp
        avPair(out, 0, new byte[0]);                                         // MsvAvEOL
        return out.toByteArray();
    }

    /** Now as a Windows FILETIME: 100-ns intervals since 1601-01-01 UTC. */
    static long filetime(long epochMillis) {
        return (epochMillis + 11_644_473_600_000L) * 10_000L;
    }

    private static void avPair(ByteArrayOutputStream out, int id, byte[] value) {
        out.write(id);
        out.write(id >>> 8);
        out.write(value.length);
        out.write(value.length >>> 8);
        out.writeBytes(value);
    }

    private static byte[] field(byte[] token, int at) throws InvalidToken {
        int length = le16(token, at);
        int offset = le32(token, at + 4);
        if (length == 0) {
            return new byte[0];
        }
        if (offset < 0 || offset > token.length || length > token.length - offset) {
            throw new InvalidToken("a field points outside the message");
        }
        return Arrays.copyOfRange(token, offset, offset + length);
    }

    private static String text(byte[] bytes, boolean unicode) {
        return new String(bytes, unicode ? StandardCharsets.UTF_16LE : StandardCharsets.ISO_8859_1);
    }

    static int le16(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8;
    }

    static int le32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }
}

package org.wsusremediator.simulator;

import java.util.Arrays;

/**
 * Tells a Kerberos token from an NTLM one before anything is decoded: both arrive as {@code Negotiate}. A GSS-API
 * initial token is {@code 0x60 len 0x06 len <mechanism OID> ...} (RFC 2743 section 3.1); SPNEGO's (RFC 4178) holds
 * the client's mechanisms, most preferred first. Kerberos is the Kerberos OID, or SPNEGO preferring it (the OID or
 * Microsoft's variant of it). Reads at most a few dozen bytes, with every length checked.
 */
final class GssTokens {

    private static final byte[] KERBEROS = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] MS_KERBEROS = {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] SPNEGO = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

    private GssTokens() {
    }

    static boolean isKerberos(byte[] token) {
        Reader r = new Reader(token);
        if (!r.enter(0x60)) {
            return false;
        }
        byte[] mech = r.oid();
        if (mech == null) {
            return false;
        }
        if (isKerberosOid(mech)) {
            return true;
        }
        // NegTokenInit [0] SEQUENCE { mechTypes [0] SEQUENCE OF OID, ... }
        return Arrays.equals(mech, SPNEGO) && r.enter(0xa0) && r.enter(0x30) && r.enter(0xa0) && r.enter(0x30)
                && isKerberosOid(r.oid());
    }

    private static boolean isKerberosOid(byte[] oid) {
        return oid != null && (Arrays.equals(oid, KERBEROS) || Arrays.equals(oid, MS_KERBEROS));
    }

    /** A cursor over DER tag-length headers; any malformed or out-of-range length makes it answer false/null. */
    private static final class Reader {
        private final byte[] in;
        private int at;

        Reader(byte[] in) {
            this.in = in;
        }

        /** Steps into the element with this tag (its content follows). */
        boolean enter(int tag) {
            if (at >= in.length || (in[at] & 0xff) != tag) {
                return false;
            }
            at++;
            return length() >= 0;
        }

        byte[] oid() {
            if (!enter(0x06)) {
                return null;
            }
            int len = lastLength;
            if (len < 1 || len > 32 || at + len > in.length) {
                return null;
            }
            byte[] oid = Arrays.copyOfRange(in, at, at + len);
            at += len;
            return oid;
        }

        private int lastLength;

        private int length() {
            if (at >= in.length) {
                return -1;
            }
            int first = in[at++] & 0xff;
            int len;
            if (first < 0x80) {
                len = first;
            } else {
                int bytes = first & 0x7f;
                if (bytes < 1 || bytes > 3 || at + bytes > in.length) {
                    return -1;
                }
                len = 0;
                for (int i = 0; i < bytes; i++) {
                    len = (len << 8) | (in[at++] & 0xff);
                }
            }
            if (len > in.length - at) {
                return -1;
            }
            lastLength = len;
            return len;
        }
    }
}

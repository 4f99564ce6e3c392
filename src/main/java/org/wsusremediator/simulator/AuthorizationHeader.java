package org.wsusremediator.simulator;

import java.util.Base64;
import java.util.Locale;

/**
 * An {@code Authorization} header split into its scheme and credentials, so that each scheme's authenticator is
 * chosen from it (Basic, Negotiate, NTLM or Kerberos). Bounded: a header longer than
 * {@link #MAX_LENGTH} characters is not read.
 */
record AuthorizationHeader(String scheme, String credentials) {

    /** Netty refuses headers over 8 KiB already; NTLM and Basic fit in far less. */
    static final int MAX_LENGTH = 8 * 1024;

    static final String BASIC = "basic";
    static final String NEGOTIATE = "negotiate";
    static final String NTLM = "ntlm";
    static final String KERBEROS = "kerberos";

    /** The header's parts, or null when there is none (or it cannot be a credential). */
    static AuthorizationHeader parse(String header) {
        if (header == null || header.length() > MAX_LENGTH) {
            return null;
        }
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        String credentials = space < 0 ? "" : h.substring(space + 1).strip();
        return new AuthorizationHeader(scheme, credentials);
    }

    /** The scheme word as the client wrote it back in a challenge ("Negotiate" or "NTLM"). */
    String challengeScheme() {
        return NTLM.equals(scheme) ? "NTLM" : "Negotiate";
    }

    /** The credentials base64-decoded, or null if they are not base64. */
    byte[] token() {
        try {
            return Base64.getDecoder().decode(credentials);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}

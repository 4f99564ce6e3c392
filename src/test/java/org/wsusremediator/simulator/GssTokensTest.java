package org.wsusremediator.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Kerberos tokens are told from NTLM ones (both come as Negotiate) by their mechanism OIDs alone. */
class GssTokensTest {

    private static final byte[] KRB5 = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] MS_KRB5 = {0x2a, (byte) 0x86, 0x48, (byte) 0x82, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};
    private static final byte[] NTLM = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};
    private static final byte[] SPNEGO = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};

    @Test
    void aRawKerberosTokenIsKerberos() {
        assertThat(GssTokens.isKerberos(der(0x60, der(0x06, KRB5), new byte[] {0x01, 0x00, 0x6e, 0x00}))).isTrue();
    }

    @Test
    void spnegoPreferringKerberosOrMicrosoftsKerberosIsKerberos() {
        assertThat(GssTokens.isKerberos(spnego(KRB5, NTLM))).isTrue();
        assertThat(GssTokens.isKerberos(spnego(MS_KRB5, KRB5, NTLM))).isTrue();
    }

    @Test
    void ntlmAloneOrSpnegoPreferringNtlmIsNot() {
        assertThat(GssTokens.isKerberos("NTLMSSP\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1))).isFalse();
        assertThat(GssTokens.isKerberos(spnego(NTLM, KRB5))).isFalse();
    }

    @Test
    void truncatedOrOverlongTokensAreNot() {
        byte[] good = spnego(KRB5);
        for (int cut = 0; cut < good.length - 2; cut++) {
            assertThat(GssTokens.isKerberos(Arrays.copyOf(good, cut))).as("cut at " + cut).isFalse();
        }
        assertThat(GssTokens.isKerberos(new byte[] {0x60, (byte) 0x84, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff})).isFalse();
        assertThat(GssTokens.isKerberos(new byte[0])).isFalse();
    }

    private static byte[] spnego(byte[]... mechs) {
        byte[][] oids = Arrays.stream(mechs).map(m -> der(0x06, m)).toArray(byte[][]::new);
        byte[] mechTypes = der(0xa0, der(0x30, oids));
        return der(0x60, der(0x06, SPNEGO), der(0xa0, der(0x30, mechTypes, der(0xa2, der(0x04, new byte[] {0x60, 0x00})))));
    }

    private static byte[] der(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            content.writeBytes(p);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = content.size();
        if (len < 0x80) {
            out.write(len);
        } else {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len & 0xff);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}

package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A host's WinRM service configuration, named after what {@code winrm get winrm/config/service} and
 * {@code winrm enumerate winrm/config/listener} show on Windows. Every field left out takes the fleet's
 * {@code defaults.winrm}, then the stock value of a host after {@code winrm quickconfig} (docs/simulator.md):
 * Basic off, Negotiate (NTLM) on, Kerberos off here (it needs the lab KDC), AllowUnencrypted false, an HTTP
 * listener on 5985 (80 for WinRM 1.1), no HTTPS listener (quickconfig makes none: it needs a certificate).
 *
 * @param basic            {@code Service/Auth/Basic}
 * @param negotiate        {@code Service/Auth/Negotiate}: NTLM, and Negotiate offering NTLM
 * @param kerberos         {@code Service/Auth/Kerberos}: SPNEGO/Kerberos against the lab KDC's keytab
 * @param allowUnencrypted {@code Service/AllowUnencrypted}: whether a request without message encryption is
 *                         accepted over HTTP
 * @param http             whether the HTTP listener exists
 * @param httpPort         its port (default 5985, 80 for WinRM 1.1; the older {@code port} field also sets it)
 * @param https            whether the HTTPS listener exists
 * @param httpsPort        its port (default 5986, 443 for WinRM 1.1)
 * @param certificate      which certificate the HTTPS listener presents
 */
public record WinRmServiceSpec(
        Boolean basic,
        Boolean negotiate,
        Boolean kerberos,
        Boolean allowUnencrypted,
        Boolean http,
        Integer httpPort,
        Boolean https,
        Integer httpsPort,
        CertificateKind certificate) {

    public WinRmServiceSpec {
        if (httpPort != null) {
            Checks.port("winrm.httpPort", httpPort);
        }
        if (httpsPort != null) {
            Checks.port("winrm.httpsPort", httpsPort);
        }
    }

    /**
     * A host after {@code winrm quickconfig} (docs/simulator-authentication.md): Basic off, Negotiate on, Kerberos off
     * here (it needs the lab KDC), AllowUnencrypted false, the HTTP listener only; its port depends on the WinRM
     * version ({@link SimulatedHostSpec#effectivePort}).
     */
    public static WinRmServiceSpec stock() {
        return new WinRmServiceSpec(false, true, false, false, true, null, false, null, CertificateKind.LAB_CA);
    }

    /**
     * The legacy setting some older fleets and tests still use: Basic on and unencrypted traffic allowed, as after
     * {@code winrm set winrm/config/service/auth @{Basic="true"}} and {@code @{AllowUnencrypted="true"}}.
     */
    public static WinRmServiceSpec legacyBasicOverHttp() {
        return new WinRmServiceSpec(true, null, null, true, null, null, null, null, null);
    }

    /** Nothing set: every field falls through to the next level. */
    public static WinRmServiceSpec unset() {
        return new WinRmServiceSpec(null, null, null, null, null, null, null, null, null);
    }

    /** This spec with every unset field taken from {@code fallback}. */
    public WinRmServiceSpec over(WinRmServiceSpec fallback) {
        if (fallback == null) {
            return this;
        }
        return new WinRmServiceSpec(
                basic != null ? basic : fallback.basic,
                negotiate != null ? negotiate : fallback.negotiate,
                kerberos != null ? kerberos : fallback.kerberos,
                allowUnencrypted != null ? allowUnencrypted : fallback.allowUnencrypted,
                http != null ? http : fallback.http,
                httpPort != null ? httpPort : fallback.httpPort,
                https != null ? https : fallback.https,
                httpsPort != null ? httpsPort : fallback.httpsPort,
                certificate != null ? certificate : fallback.certificate);
    }

    /** The certificate an HTTPS listener presents: the lab CA's, or one of the negative cases. */
    public enum CertificateKind {
        /** Issued by the lab CA for the host's name and address: what a client trusting the lab CA accepts. */
        LAB_CA,
        /** Self-signed: no client that verifies certificates trusts it. */
        SELF_SIGNED,
        /** Issued by the lab CA, for the right name, but its validity ended. */
        EXPIRED,
        /** Issued by the lab CA for another name and address. */
        WRONG_NAME;

        @JsonValue
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        @JsonCreator
        public static CertificateKind parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            for (CertificateKind k : values()) {
                if (k.label().equals(t)) {
                    return k;
                }
            }
            throw new IllegalArgumentException("unknown certificate '" + text
                    + "' (expected lab-ca, self-signed, expired or wrong-name)");
        }
    }
}

package org.wsusremediator.simulator;

/**
 * A host's HTTPS listener as {@code winrm enumerate winrm/config/listener} would show it: its port and the
 * certificate it presents. Resolved from the host's {@code winrm} section, then the fleet's {@code defaults.winrm},
 * then stock Windows, which has none ({@code winrm quickconfig} makes no HTTPS listener: it needs a certificate).
 *
 * @param port        5986 by default, 443 on WinRM 1.1 (docs/simulator-https.md)
 * @param certificate which certificate the listener presents (the lab CA's by default)
 */
public record HttpsListenerSpec(int port, WinRmServiceSpec.CertificateKind certificate) {

    public static final int WINRM_HTTPS_PORT = 5986;
    public static final int WINRM_1_1_HTTPS_PORT = 443;

    /** The host's HTTPS listener, or null when it has none. */
    static HttpsListenerSpec of(SimulatedHostSpec host, FleetDefaults defaults) {
        WinRmServiceSpec winrm = host.winrm().over(defaults.winrm());
        if (winrm.https() == null || !winrm.https()) {
            return null;
        }
        int port = winrm.httpsPort() != null ? winrm.httpsPort()
                : host.wsmanStack() == WsmanStack.V1_1 ? WINRM_1_1_HTTPS_PORT : WINRM_HTTPS_PORT;
        return new HttpsListenerSpec(port, winrm.certificate() != null ? winrm.certificate()
                : WinRmServiceSpec.CertificateKind.LAB_CA);
    }
}

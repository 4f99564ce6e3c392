package org.wsusremediator.simulator;

import io.netty.util.AttributeKey;
import org.wsusremediator.simulator.ntlm.NtlmAcceptor;
import org.wsusremediator.simulator.ntlm.NtlmSessionSecurity;

/**
 * The logon of one TCP connection (a Netty channel attribute): Windows binds an NTLM or Kerberos logon to the
 * connection, so the handshake's requests and every later request on the same keep-alive connection share it (HTTP.sys;
 * HttpClient, hence WinRM4J, sends no new token on a logged-on connection). A new connection starts unauthenticated;
 * a refused token or a request that fails its signature ends the logon.
 */
final class ConnectionLogon {

    static final AttributeKey<ConnectionLogon> KEY = AttributeKey.valueOf("wsus.connectionLogon");

    private NtlmAcceptor handshake;
    private String account;
    private HttpAuthentication.Mechanism mechanism;
    private NtlmSessionSecurity security;
    private boolean spnego;

    /** The handshake under way, started on the first token. */
    NtlmAcceptor handshake(java.util.function.Supplier<NtlmAcceptor> start) {
        if (handshake == null) {
            handshake = start.get();
        }
        return handshake;
    }

    void loggedOn(String account, NtlmSessionSecurity security, boolean spnego) {
        this.account = account;
        this.mechanism = HttpAuthentication.Mechanism.NTLM;
        this.security = security;
        this.spnego = spnego;
    }

    /** A Kerberos ticket logged the connection on: no NTLM handshake, no sealing (not modelled for Kerberos). */
    void loggedOnWithTicket(String account) {
        end();
        this.account = account;
        this.mechanism = HttpAuthentication.Mechanism.KERBEROS;
    }

    /** A new NEGOTIATE on a logged-on connection starts over, as on Windows. */
    void restart() {
        account = null;
        mechanism = null;
        security = null;
    }

    void end() {
        handshake = null;
        account = null;
        mechanism = null;
        security = null;
        spnego = false;
    }

    /** The account this connection is logged on as, or null. */
    String account() {
        return account;
    }

    /** How the connection logged on (NTLM or Kerberos), or null. */
    HttpAuthentication.Mechanism mechanism() {
        return mechanism;
    }

    /** The connection's sealing and signing, or null when NTLM did not negotiate them (or Basic is used). */
    NtlmSessionSecurity security() {
        return security;
    }

    boolean spnego() {
        return spnego;
    }
}

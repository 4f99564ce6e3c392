package org.wsusremediator.winrm;

import java.net.URI;
import org.apache.cxf.configuration.security.AuthorizationPolicy;
import org.apache.cxf.message.Message;
import org.apache.cxf.transport.http.auth.HttpAuthSupplier;

/**
 * For hosts whose login handshake the HTTP client runs itself (NTLM, Kerberos): a 401 that reaches CXF means that
 * handshake failed, the host refused. CXF's async conduit would then send the request once more ("the HTTP client
 * may be handling it"), and WinRM4J's encrypting conduit sends that one without its body: a host that keeps the
 * connection open waits for the body, and a refused login ended as a timeout. This ends the call at that 401.
 * Basic is not concerned: there CXF itself answers the challenge, and detects a loop.
 */
final class RefusedChallenge implements HttpAuthSupplier {

    private final HttpAuthSupplier preemptive;

    RefusedChallenge(HttpAuthSupplier preemptive) {
        this.preemptive = preemptive;
    }

    @Override
    public boolean requiresRequestCaching() {
        return false;
    }

    @Override
    public String getAuthorization(AuthorizationPolicy policy, URI url, Message message, String challenge) {
        if (challenge == null) {
            return preemptive == null ? null : preemptive.getAuthorization(policy, url, message, null);
        }
        throw new LoginRefusedException();
    }

    /** The host answered 401 after the HTTP client's whole login handshake. */
    static final class LoginRefusedException extends RuntimeException {

        LoginRefusedException() {
            super("the host answered 401 to the login handshake: credentials or authentication scheme refused");
        }
    }
}

package org.wsusremediator.simulator;

import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

import javax.security.auth.Subject;
import javax.security.auth.kerberos.KeyTab;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accepts Kerberos tickets for the simulated hosts with Java's GSS-API (JGSS), as a Windows host's WinRM service
 * does with its computer account's keys: a raw Kerberos token (what {@code Authorization: Kerberos} and pywinrm's
 * {@code Negotiate} carry) or SPNEGO wrapping Kerberos. Each host accepts only tickets for its own service principal
 * {@code HTTP/<host name>@REALM}: its credential is bound to that name, so a ticket for another host's name fails to
 * decrypt. Only CPU work (no KDC is asked): safe on the event loop.
 */
final class KerberosAcceptor {

    static final Oid KERBEROS = oid("1.2.840.113554.1.2.2");
    static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
    private static final Oid KERBEROS_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

    /** An established context: who the client is, and the token that proves the host to it (mutual auth). */
    record Accepted(String clientPrincipal, byte[] replyToken) {
    }

    /** The ticket was not accepted; {@code reason} is JGSS's text, which names principals but never keys. */
    static final class Refused extends Exception {
        Refused(String reason) {
            super(reason);
        }
    }

    private final KerberosSettings settings;
    private final Subject subject = new Subject();
    private final Map<String, GSSCredential> credentials = new ConcurrentHashMap<>();

    KerberosAcceptor(KerberosSettings settings) {
        this.settings = settings;
        // An unbound keytab: keys for whichever principal a credential names are looked up in it (JDK 8+).
        subject.getPrivateCredentials().add(KeyTab.getUnboundInstance(settings.keytab().toFile()));
    }

    String realm() {
        return settings.realm();
    }

    Accepted accept(String hostName, byte[] token) throws Refused {
        try {
            return Subject.doAs(subject, (PrivilegedExceptionAction<Accepted>) () -> {
                GSSContext context = GSSManager.getInstance().createContext(credentialOf(hostName));
                try {
                    byte[] reply = context.acceptSecContext(token, 0, token.length);
                    if (!context.isEstablished()) {
                        // Kerberos (alone or in SPNEGO) completes in one leg; more legs would be NTLM, not ours.
                        throw new Refused("the token did not complete a Kerberos context in one leg");
                    }
                    return new Accepted(context.getSrcName().toString(), reply == null ? new byte[0] : reply);
                } finally {
                    context.dispose();
                }
            });
        } catch (PrivilegedActionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Refused r) {
                throw r;
            }
            throw new Refused(cause instanceof GSSException g ? g.getMessage() : String.valueOf(cause));
        }
    }

    private GSSCredential credentialOf(String hostName) throws GSSException {
        GSSCredential known = credentials.get(hostName);
        if (known != null) {
            return known;
        }
        GSSManager manager = GSSManager.getInstance();
        GSSName service = manager.createName(settings.servicePrincipal(hostName), KERBEROS_PRINCIPAL_NAME);
        GSSCredential made = manager.createCredential(service, GSSCredential.INDEFINITE_LIFETIME,
                new Oid[] {KERBEROS, SPNEGO}, GSSCredential.ACCEPT_ONLY);
        GSSCredential raced = credentials.putIfAbsent(hostName, made);
        return raced != null ? raced : made;
    }

    private static Oid oid(String text) {
        try {
            return new Oid(text);
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}

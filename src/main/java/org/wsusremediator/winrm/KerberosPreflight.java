package org.wsusremediator.winrm;

import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.PrivilegedExceptionAction;
import java.util.Locale;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * Does first what WinRM4J 0.12.3's Kerberos does inside its HTTP client, so that a failure says which step failed
 * instead of ending as a bare 401: (1) log in to the KDC with the inventory's user and password (WinRM4J's
 * {@code requestNewKerberosTicket}: JAAS Krb5LoginModule, no ticket cache, the user name upper-cased as WinRM4J
 * does it), then (2) get a service ticket for {@code HTTP/<host>}, the name HttpClient's Kerberos scheme asks for:
 * the endpoint's host name, canonicalized through a reverse lookup of its address (when that gives a name).
 * A wrong password fails at (1), a host name with no service principal at (2) — Kerberos needs the DNS name the
 * host's SPN is registered for, never an IP address (ansible-collections/ansible.windows#754). The password is
 * held in a char array only while logging in, and never appears in a message.
 */
final class KerberosPreflight {

    private static final Oid KERBEROS = oid("1.2.840.113554.1.2.2");
    private static final Configuration LOGIN = new Configuration() {
        @Override
        public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {new AppConfigurationEntry("com.sun.security.auth.module.Krb5LoginModule",
                    AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                    Map.of("useTicketCache", "false", "isInitiator", "true", "storeKey", "false"))};
        }
    };

    private KerberosPreflight() {
    }

    /** The user principal WinRM4J will log in as: the name upper-cased (WinRM4J 0.12.3 upper-cases all of it). */
    static String principalOf(String user) {
        return user.trim().toUpperCase(Locale.ROOT);
    }

    /** Fails with an {@link ErrorCategory#AUTH_REFUSED} or {@link ErrorCategory#UNREACHABLE} WinRmException naming the step. */
    static void check(String hostName, String endpointHost, String user, String password) {
        KerberosConfiguration.apply(System.getenv());
        String principal = principalOf(user);
        Subject subject = login(hostName, principal, password);
        String service = "HTTP/" + canonical(endpointHost);
        try {
            Subject.doAs(subject, (PrivilegedExceptionAction<Void>) () -> {
                GSSManager manager = GSSManager.getInstance();
                GSSCredential mine = manager.createCredential(null, GSSCredential.DEFAULT_LIFETIME, KERBEROS,
                        GSSCredential.INITIATE_ONLY);
                GSSName server = manager.createName(service.replace('/', '@'), GSSName.NT_HOSTBASED_SERVICE);
                GSSContext context = manager.createContext(server, KERBEROS, mine, GSSContext.DEFAULT_LIFETIME);
                try {
                    context.initSecContext(new byte[0], 0, 0);
                } finally {
                    context.dispose();
                }
                return null;
            });
        } catch (java.security.PrivilegedActionException e) {
            Throwable cause = e.getCause();
            if (unreachable(cause)) {
                throw new WinRmException(ErrorCategory.UNREACHABLE, hostName, "no KDC answered for a service ticket: "
                        + FailureClassifier.sanitize(String.valueOf(cause.getMessage()), password));
            }
            String why = FailureClassifier.sanitize(String.valueOf(cause.getMessage()), password);
            throw new WinRmException(ErrorCategory.AUTH_REFUSED, hostName, why.toLowerCase(Locale.ROOT).contains("server not found")
                    ? "the KDC has no service principal " + service + " (" + why + "): Kerberos needs the DNS name the"
                            + " host's HTTP/ SPN is registered for, not an IP address or an alias"
                    : "no service ticket for " + service + ": " + why);
        } finally {
            logout(subject);
        }
    }

    private static Subject login(String hostName, String principal, String password) {
        Subject subject = new Subject();
        char[] secret = password.toCharArray();
        try {
            LoginContext login = new LoginContext("", subject, callbacks -> answer(callbacks, principal, secret), LOGIN);
            login.login();
            return subject;
        } catch (LoginException e) {
            String why = FailureClassifier.sanitize(String.valueOf(e.getMessage()), password);
            if (unreachable(e)) {
                throw new WinRmException(ErrorCategory.UNREACHABLE, hostName, "no KDC answered the login of " + principal + ": " + why);
            }
            throw new WinRmException(ErrorCategory.AUTH_REFUSED, hostName, "the KDC refused the login of " + principal + ": " + why);
        } finally {
            java.util.Arrays.fill(secret, '\0');
        }
    }

    private static void answer(Callback[] callbacks, String principal, char[] secret) throws UnsupportedCallbackException {
        for (Callback c : callbacks) {
            if (c instanceof NameCallback n) {
                n.setName(principal);
            } else if (c instanceof PasswordCallback p) {
                p.setPassword(secret);
            } else {
                throw new UnsupportedCallbackException(c);
            }
        }
    }

    private static void logout(Subject subject) {
        subject.getPrivateCredentials().clear();
        subject.getPrincipals().clear();
    }

    /** As HttpClient 4.5's Kerberos scheme: the reverse lookup's name when there is one, else the host as written. */
    static String canonical(String host) {
        try {
            InetAddress address = InetAddress.getByName(host);
            String name = address.getCanonicalHostName();
            return name.equals(address.getHostAddress()) ? host : name;
        } catch (UnknownHostException e) {
            return host;
        }
    }

    private static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SocketException || t instanceof SocketTimeoutException) {
                return true;
            }
            String text = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (text.contains("cannot locate kdc") || text.contains("receive timed out") || text.contains("connection refused")) {
                return true;
            }
        }
        return false;
    }

    private static Oid oid(String text) {
        try {
            return new Oid(text);
        } catch (GSSException e) {
            throw new IllegalStateException(e);
        }
    }
}

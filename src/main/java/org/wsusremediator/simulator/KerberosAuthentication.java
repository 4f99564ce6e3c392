package org.wsusremediator.simulator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kerberos for the hosts whose {@code winrm.kerberos} is on: {@code Authorization: Negotiate <token>} or
 * {@code Kerberos <token>} carrying a Kerberos ticket for the host's {@code HTTP/<name>} principal is verified by
 * {@link KerberosAcceptor}; the client principal is mapped to the fleet account of the same user name; the
 * host's mutual-authentication token goes back in {@code WWW-Authenticate} on the response. One case of
 * {@link HttpAuthentication}: the logon is the connection's {@link ConnectionLogon}, as NTLM's is, so later requests
 * on it need no new ticket. NTLM tokens (also sent as Negotiate) are left to the NTLM authenticator.
 * Without {@link KerberosSettings} no host offers or accepts Kerberos (there are no keys to accept with).
 */
final class KerberosAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(KerberosAuthentication.class);
    /** Kerberos tickets of a lab KDC are ~1-2 KB; Active Directory's with a large PAC stay under 48 KB. */
    static final int MAX_TOKEN_CHARS = 64 * 1024;

    private final KerberosAcceptor acceptor;
    private final FleetDefaults defaults;
    /** Fleet accounts by their user name without domain ({@code LAB\wsus-admin} and {@code wsus-admin@x} give wsus-admin). */
    private final Map<String, String> accounts;

    private KerberosAuthentication(KerberosAcceptor acceptor, FleetDefaults defaults, Map<String, String> accounts) {
        this.acceptor = acceptor;
        this.defaults = defaults;
        this.accounts = accounts;
    }

    static KerberosAuthentication of(Optional<KerberosSettings> settings, FleetDefaults defaults, List<AccountSpec> specs) {
        Map<String, String> accounts = new HashMap<>();
        for (AccountSpec spec : specs) {
            accounts.putIfAbsent(userPart(spec.username()), spec.username());
        }
        return new KerberosAuthentication(settings.map(KerberosAcceptor::new).orElse(null), defaults, Map.copyOf(accounts));
    }

    /** Whether the host's WinRM service has Kerberos on (its winrm section, then the fleet's defaults; off by default). */
    boolean configuredOn(SimulatedHost host) {
        Boolean on = host.spec().winrm().over(defaults.winrm()).kerberos();
        return on != null && on;
    }

    /** Whether the host offers and accepts Kerberos now: configured, and the simulator has a keytab. */
    boolean enabledOn(SimulatedHost host) {
        return acceptor != null && configuredOn(host);
    }

    /** Whether a Negotiate header carries a Kerberos ticket for a host that accepts them (else it may be NTLM's). */
    boolean carriesTicket(SimulatedHost host, AuthorizationHeader header) {
        byte[] token = enabledOn(host) ? ticketOf(header) : null;
        return token != null && GssTokens.isKerberos(token);
    }

    /**
     * Logs the connection on with the ticket in the header: the fleet account of the ticket's client, and the
     * host's mutual-authentication token to send back, or a refusal (which ends any earlier logon of the connection).
     */
    HttpAuthentication.Outcome authenticate(SimulatedHost host, ConnectionLogon logon, AuthorizationHeader header) {
        if (!enabledOn(host)) {
            return new HttpAuthentication.Outcome.Refused("Kerberos is off on this host");
        }
        logon.end();
        byte[] token = ticketOf(header);
        if (token == null || !GssTokens.isKerberos(token)) {
            return new HttpAuthentication.Outcome.Refused("no Kerberos ticket in the token");
        }
        KerberosAcceptor.Accepted accepted;
        try {
            accepted = acceptor.accept(host.name(), token);
        } catch (KerberosAcceptor.Refused e) {
            LOG.debug("{}: Kerberos ticket refused: {}", host.name(), e.getMessage());
            return new HttpAuthentication.Outcome.Refused("Kerberos ticket refused");
        }
        String account = accountOf(accepted.clientPrincipal());
        if (account == null) {
            LOG.debug("{}: Kerberos principal {} is no account of this host", host.name(), accepted.clientPrincipal());
            return new HttpAuthentication.Outcome.Refused("Kerberos principal is no account of this host");
        }
        logon.loggedOnWithTicket(account);
        String reply = accepted.replyToken().length == 0 ? null
                : (AuthorizationHeader.KERBEROS.equals(header.scheme()) ? "Kerberos " : "Negotiate ")
                  + Base64.getEncoder().encodeToString(accepted.replyToken());
        return new HttpAuthentication.Outcome.LoggedOn(account, HttpAuthentication.Mechanism.KERBEROS, reply);
    }

    /** The header's token, or null when it is empty, too long or not base64. */
    private static byte[] ticketOf(AuthorizationHeader header) {
        if (header.credentials().isEmpty() || header.credentials().length() > MAX_TOKEN_CHARS) {
            return null;
        }
        return header.token();
    }

    private String accountOf(String principal) {
        int at = principal.lastIndexOf('@');
        if (at <= 0 || !principal.substring(at + 1).equals(acceptor.realm())) {
            return null;  // another realm: no trust is modelled
        }
        return accounts.get(userPart(principal.substring(0, at)));
    }

    private static String userPart(String username) {
        String name = username;
        int backslash = name.indexOf('\\');
        if (backslash >= 0) {
            name = name.substring(backslash + 1);
        }
        int at = name.indexOf('@');
        if (at >= 0) {
            name = name.substring(0, at);
        }
        return name.toLowerCase(Locale.ROOT);
    }
}

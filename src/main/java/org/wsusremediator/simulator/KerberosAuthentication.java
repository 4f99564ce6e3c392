package org.wsusremediator.simulator;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AttributeKey;
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
 * host's mutual-authentication token goes back in {@code WWW-Authenticate} on the response. Like Windows' HTTP
 * server, the connection stays authenticated: later requests on it need no new ticket (HttpClient, hence WinRM4J,
 * sends none). NTLM tokens (also sent as Negotiate) are left to the other authenticators.
 * Without {@link KerberosSettings} no host offers or accepts Kerberos (there are no keys to accept with).
 */
final class KerberosAuthentication {

    private static final Logger LOG = LoggerFactory.getLogger(KerberosAuthentication.class);
    /** Kerberos tickets of a lab KDC are ~1-2 KB; Active Directory's with a large PAC stay under 48 KB. */
    static final int MAX_TOKEN_CHARS = 64 * 1024;
    private static final AttributeKey<String> USER = AttributeKey.valueOf("wsus.kerberos.user");
    private static final AttributeKey<String> REPLY = AttributeKey.valueOf("wsus.kerberos.reply");

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

    /**
     * The fleet account this request is authenticated as through Kerberos: by the ticket in its Authorization
     * header, or by the connection's earlier ticket when it has no header. Null when the host does not do
     * Kerberos, the header carries something else (Basic, NTLM), or the ticket is refused.
     */
    String authenticate(Channel channel, SimulatedHost host, String authorization) {
        if (!enabledOn(host)) {
            return null;
        }
        if (authorization == null || authorization.isBlank()) {
            return channel.attr(USER).get();
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!scheme.equalsIgnoreCase("Negotiate") && !scheme.equalsIgnoreCase("Kerberos")) {
            return null;
        }
        String encoded = space < 0 ? "" : authorization.substring(space + 1).strip();
        if (encoded.isEmpty() || encoded.length() > MAX_TOKEN_CHARS) {
            return null;
        }
        byte[] token;
        try {
            token = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (!GssTokens.isKerberos(token)) {
            return null;
        }
        channel.attr(USER).set(null);
        KerberosAcceptor.Accepted accepted;
        try {
            accepted = acceptor.accept(host.name(), token);
        } catch (KerberosAcceptor.Refused e) {
            LOG.debug("{}: Kerberos ticket refused: {}", host.name(), e.getMessage());
            return null;
        }
        String account = accountOf(accepted.clientPrincipal());
        if (account == null) {
            LOG.debug("{}: Kerberos principal {} is no account of this host", host.name(), accepted.clientPrincipal());
            return null;
        }
        channel.attr(USER).set(account);
        if (accepted.replyToken().length > 0) {
            String replyScheme = scheme.equalsIgnoreCase("Kerberos") ? "Kerberos" : "Negotiate";
            channel.attr(REPLY).set(replyScheme + " " + Base64.getEncoder().encodeToString(accepted.replyToken()));
        }
        return account;
    }

    /** Whether a Kerberos ticket logged this connection on (so its requests are not Basic ones). */
    boolean loggedOn(Channel channel) {
        return channel.attr(USER).get() != null;
    }

    /**
     * Adds what Kerberos puts on a response: the mutual-authentication token on the answer to the request that
     * carried the ticket, or the {@code Kerberos} scheme among the challenges of a 401 (Windows offers it next to
     * Negotiate when Kerberos is on; WinRM4J's Kerberos answers only that challenge).
     */
    void decorate(Channel channel, SimulatedHost host, FullHttpResponse response) {
        String reply = channel.attr(REPLY).getAndSet(null);
        if (response.status().equals(HttpResponseStatus.UNAUTHORIZED)) {
            if (enabledOn(host)) {
                response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, "Kerberos");
            }
        } else if (reply != null) {
            response.headers().add(HttpHeaderNames.WWW_AUTHENTICATE, reply);
        }
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

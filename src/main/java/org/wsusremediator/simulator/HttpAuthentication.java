package org.wsusremediator.simulator;

import org.wsusremediator.simulator.ntlm.NtlmAcceptor;
import org.wsusremediator.simulator.ntlm.Spnego;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Who sends a request, decided as a Windows host's WinRM service decides it from its {@code Service/Auth} settings:
 * the authenticator is chosen by the scheme of the {@code Authorization} header and its token (Basic per request;
 * a Kerberos ticket under Negotiate or Kerberos, or NTLM under Negotiate or NTLM, for the connection, through
 * {@link ConnectionLogon}); a scheme the host has switched off is refused with the schemes it does offer. One
 * instance serves the whole fleet; all per-connection state lives in the ConnectionLogon.
 */
final class HttpAuthentication {

    /** How a request's sender logged on. */
    enum Mechanism {
        /** Per request, in clear: the host must allow it. */
        BASIC,
        /** The connection's NTLM logon, with its session keys for sealing. */
        NTLM,
        /** The connection's Kerberos logon (sealing is not modelled for it: docs/simulator-kerberos.md). */
        KERBEROS
    }

    /** What the request's credentials amount to. */
    sealed interface Outcome {
        /** Logged on by {@code mechanism}; {@code wwwAuthenticate}, when set, goes on the response (a final token). */
        record LoggedOn(String account, Mechanism mechanism, String wwwAuthenticate) implements Outcome {
        }

        /** Mid-handshake: 401 with this WWW-Authenticate value (the NTLM CHALLENGE). */
        record Challenge(String wwwAuthenticate) implements Outcome {
        }

        /** No (valid) credentials: 401 with the host's offers; {@code reason} names no secret. */
        record Refused(String reason) implements Outcome {
        }
    }

    private final BasicAuthenticator basic;
    private final KerberosAuthentication kerberos;
    private final SecureRandom random = new SecureRandom();

    HttpAuthentication(BasicAuthenticator basic, KerberosAuthentication kerberos) {
        this.basic = basic;
        this.kerberos = kerberos;
    }

    /**
     * What a 401 of this host offers: {@link #offers(WinRmServiceSpec)}, then {@code Kerberos} when the host accepts
     * tickets (Windows offers it next to Negotiate when Kerberos is on; WinRM4J's Kerberos answers only that one).
     */
    List<String> offers(SimulatedHost host) {
        List<String> offers = offers(host.winrm());
        if (kerberos.enabledOn(host)) {
            offers.add("Kerberos");
        }
        return offers;
    }

    /**
     * The WWW-Authenticate values a 401 carries, in the order Windows sends them: Negotiate when Negotiate is on, then
     * Basic realm="WSMAN" when Basic is on (rapid7/metasploit-framework#20490 shows a WinRM endpoint offering
     * Negotiate and Kerberos; the Basic realm is WSMAN's). Kerberos is offered by the Kerberos support when it is on.
     */
    static List<String> offers(WinRmServiceSpec service) {
        List<String> offers = new ArrayList<>(3);
        if (Boolean.TRUE.equals(service.negotiate())) {
            offers.add("Negotiate");
        }
        if (Boolean.TRUE.equals(service.basic())) {
            offers.add("Basic realm=\"WSMAN\"");
        }
        return offers;
    }

    Outcome authenticate(SimulatedHost host, ConnectionLogon logon, String authorization) {
        WinRmServiceSpec service = host.winrm();
        AuthorizationHeader header = AuthorizationHeader.parse(authorization);
        if (header == null) {
            // A connection that completed NTLM or Kerberos stays logged on (HTTP keep-alive), as with Windows' HTTP.sys.
            return logon.account() != null ? new Outcome.LoggedOn(logon.account(), logon.mechanism(), null)
                    : new Outcome.Refused("no credentials");
        }
        return switch (header.scheme()) {
            case AuthorizationHeader.BASIC -> basic(service, authorization);
            case AuthorizationHeader.KERBEROS -> kerberos.authenticate(host, logon, header);
            case AuthorizationHeader.NEGOTIATE -> kerberos.carriesTicket(host, header)
                    ? kerberos.authenticate(host, logon, header) : ntlm(host, service, logon, header);
            case AuthorizationHeader.NTLM -> ntlm(host, service, logon, header);
            default -> new Outcome.Refused("the scheme " + header.scheme() + " is not offered");
        };
    }

    private Outcome basic(WinRmServiceSpec service, String authorization) {
        if (!Boolean.TRUE.equals(service.basic())) {
            return new Outcome.Refused("Basic is off on this host");
        }
        String user = basic.authenticate(authorization);
        return user == null ? new Outcome.Refused("wrong Basic credentials") : new Outcome.LoggedOn(user, Mechanism.BASIC, null);
    }

    private Outcome ntlm(SimulatedHost host, WinRmServiceSpec service, ConnectionLogon logon, AuthorizationHeader header) {
        if (!Boolean.TRUE.equals(service.negotiate())) {
            return new Outcome.Refused("Negotiate is off on this host");
        }
        byte[] token = header.token();
        if (token == null || token.length == 0) {
            logon.end();
            return new Outcome.Refused("no token");
        }
        boolean wrapped = AuthorizationHeader.NEGOTIATE.equals(header.scheme()) && Spnego.isWrapped(token);
        byte[] ntlm = wrapped ? Spnego.unwrap(token) : token;
        if (ntlm == null) {
            logon.end();
            return new Outcome.Refused("a Negotiate token without NTLM in it");
        }
        NtlmAcceptor acceptor = logon.handshake(() -> new NtlmAcceptor(basic.ntlmAccounts(), host.netbiosName(), host.name(), random));
        NtlmAcceptor.Step step = acceptor.step(ntlm);
        if (step instanceof NtlmAcceptor.Step.Challenge c) {
            logon.restart();
            byte[] answer = wrapped ? Spnego.challenge(c.token()) : c.token();
            return new Outcome.Challenge(header.challengeScheme() + " " + Base64.getEncoder().encodeToString(answer));
        }
        if (step instanceof NtlmAcceptor.Step.Accepted a) {
            logon.loggedOn(a.account(), a.security(), wrapped);
            return new Outcome.LoggedOn(a.account(), Mechanism.NTLM,
                    wrapped ? "Negotiate " + Base64.getEncoder().encodeToString(Spnego.completed()) : null);
        }
        logon.end();
        return new Outcome.Refused(((NtlmAcceptor.Step.Rejected) step).reason());
    }
}

package org.wsusremediator.winrm;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.cxf.interceptor.MessageSenderInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.http.auth.AuthSchemeProvider;
import org.apache.http.client.config.AuthSchemes;
import org.apache.http.config.Lookup;
import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;

/**
 * Remembers, per visit, whether the host asked for a login and whether it ever answered anything else. For NTLM and
 * Kerberos the HTTP client runs the login itself: a host's 401 is consumed there, and if the connection then breaks
 * (the host answered 401 at once and closed while the client was still sending the body, a race that load makes
 * likely) CXF only reports a broken pipe or a closed connection. Knowing that the host had asked for a login and
 * never accepted one turns that into what it is: the login was refused.
 *
 * <p>How it knows: the HTTP client looks up the authentication scheme for a challenge only when a 401 carries one,
 * so an out interceptor hands it a scheme registry that notes the lookup ({@link Visit#challenged()}); an in
 * interceptor notes any response other than 401 that reaches CXF ({@link Visit#answered()}). Nothing of the
 * exchange (no header, no token) is kept.
 */
final class LoginWatch {

    private static final String SCHEMES = AuthSchemeProvider.class.getName();
    private static final String WATCHED = LoginWatch.class.getName() + ".watched";
    private static final List<String> KNOWN_SCHEMES = List.of(AuthSchemes.NTLM, AuthSchemes.SPNEGO, AuthSchemes.KERBEROS,
            AuthSchemes.BASIC, AuthSchemes.DIGEST);

    /** One visit's observations. */
    static final class Visit {
        private volatile boolean challenged;
        private volatile boolean answered;

        /** The host answered 401 with a challenge the HTTP client took up. */
        boolean challenged() {
            return challenged;
        }

        /** A response other than 401 reached CXF: the host accepted a login (or needed none). */
        boolean answered() {
            return answered;
        }

        /** The host asked for a login and never answered otherwise: a failure now is the login's. */
        boolean loginUnanswered() {
            return challenged && !answered;
        }
    }

    private final Map<String, Visit> visits = new ConcurrentHashMap<>();

    Visit start(String endpoint) {
        Visit visit = new Visit();
        visits.put(endpoint, visit);
        return visit;
    }

    void end(String endpoint, Visit visit) {
        visits.remove(endpoint, visit);
    }

    /** Whether the visit to {@code endpoint} under way was asked for a login it never got past. */
    boolean loginUnanswered(String endpoint) {
        Visit visit = visits.get(endpoint);
        return visit != null && visit.loginUnanswered();
    }

    AbstractPhaseInterceptor<Message> outInterceptor() {
        return new WatchChallenges();
    }

    AbstractPhaseInterceptor<Message> inInterceptor() {
        return new WatchAnswers();
    }

    /** Before the conduit connects: the message's scheme registry (WinRM4J's, for NTLM and Kerberos) is wrapped. */
    private final class WatchChallenges extends AbstractPhaseInterceptor<Message> {
        WatchChallenges() {
            super(Phase.PREPARE_SEND);
            addBefore(MessageSenderInterceptor.class.getName());
        }

        @Override
        @SuppressWarnings("unchecked")
        public void handleMessage(Message message) {
            Visit visit = visits.get(String.valueOf(message.get(Message.ENDPOINT_ADDRESS)));
            Object schemes = message.getContextualProperty(SCHEMES);
            if (visit != null && schemes instanceof Lookup<?> lookup && message.get(WATCHED) == null) {
                message.put(SCHEMES, witnessing((Lookup<AuthSchemeProvider>) lookup, visit));
                message.put(WATCHED, Boolean.TRUE);
            }
        }
    }

    /** Every response that reaches CXF, before anything reads its body. */
    private final class WatchAnswers extends AbstractPhaseInterceptor<Message> {
        WatchAnswers() {
            super(Phase.RECEIVE);
        }

        @Override
        public void handleMessage(Message message) {
            Object code = message.get(Message.RESPONSE_CODE);
            Message request = message.getExchange() == null ? null : message.getExchange().getOutMessage();
            Visit visit = request == null ? null : visits.get(String.valueOf(request.get(Message.ENDPOINT_ADDRESS)));
            if (visit != null && code instanceof Integer status && status != 401) {
                visit.answered = true;
            }
        }
    }

    /**
     * The same registry (CXF wants a {@link Registry}, which cannot be subclassed or listed: the schemes WinRM4J
     * registers are looked up by name), each provider noting that a challenge was taken up.
     */
    private static Registry<AuthSchemeProvider> witnessing(Lookup<AuthSchemeProvider> schemes, Visit visit) {
        RegistryBuilder<AuthSchemeProvider> witnessing = RegistryBuilder.create();
        for (String name : KNOWN_SCHEMES) {
            AuthSchemeProvider provider = schemes.lookup(name);
            if (provider != null) {
                witnessing.register(name, context -> {
                    visit.challenged = true;
                    return provider.create(context);
                });
            }
        }
        return witnessing.build();
    }
}

package org.wsusremediator.winrm;

import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.InvalidPayloadException;
import org.apache.camel.support.DefaultProducer;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.HostEntry;

/**
 * Opens one session for the host of the body, lets the visitor run its commands, always closes the session.
 * Headers {@link WinRmConstants#COMMANDS} and {@link WinRmConstants#ELAPSED_MILLIS} say what the visit cost.
 */
class WinRmProducer extends DefaultProducer {

    WinRmProducer(WinRmEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    public WinRmEndpoint getEndpoint() {
        return (WinRmEndpoint) super.getEndpoint();
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (!(body instanceof HostTarget target)) {
            throw new InvalidPayloadException(exchange, HostTarget.class);
        }
        HostEntry host = target.host();
        WinRmComponent component = getEndpoint().getComponent();
        Map<?, ?> credentials = exchange.getProperty(WinRmConstants.CREDENTIALS, Map.class);
        Object credential = credentials == null ? null : credentials.get(host.credential());
        if (!(credential instanceof Credential resolved)) {
            throw new IllegalStateException("host " + host.name() + ": credential '" + host.credential()
                    + "' was not resolved for this run (exchange property " + WinRmConstants.CREDENTIALS + ")");
        }
        long started = System.nanoTime();
        component.conduitSettings().register(host);
        LoginWatch.Visit login = component.loginWatch().start(host.endpoint());
        WinRmSession session = null;
        VisitDeadline deadline = component.startDeadline(target.visitDeadline(), host.timeouts().receive());
        try {
            session = new WinRmSession(host, resolved, component.clientContext(), deadline, login);
            exchange.getIn().setBody(getEndpoint().getVisitor().visit(session, body));
        } finally {
            try {
                if (session != null) {
                    session.close();
                }
            } finally {
                deadline.close();
            }
            component.conduitSettings().unregister(host);
            component.loginWatch().end(host.endpoint(), login);
            exchange.getIn().setHeader(WinRmConstants.COMMANDS, session == null ? 0 : session.commands());
            exchange.getIn().setHeader(WinRmConstants.ELAPSED_MILLIS, (System.nanoTime() - started) / 1_000_000);
        }
    }
}

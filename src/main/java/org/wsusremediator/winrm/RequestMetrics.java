package org.wsusremediator.winrm;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.apache.cxf.message.Exchange;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.apache.cxf.service.model.BindingOperationInfo;

/**
 * Times every WS-Management request a visit sends, by operation (Create, Command, Receive, Signal, Delete) and outcome:
 * {@code ok} (200), {@code fault} (500, a WS-Man fault), {@code refused} (401 or 403, or a login the host asked for
 * and never accepted: {@link LoginWatch}),
 * {@code http_error} (any other status), {@code no_answer} (no response: connection refused or broken, a timeout).
 * The time runs from just before the request is sent until its response arrives, so an NTLM or Kerberos login the
 * HTTP client performs inside a request counts toward that request, as an admin waiting on it would feel it.
 *
 * <p>Served as {@code remediator_winrm_requests_seconds} (count, sum, max) where a process has a meter registry, which
 * is {@code remediator serve}; a plain scan has none and pays nothing. Nothing of the message is kept but its status.
 */
final class RequestMetrics {

    static final String NAME = "remediator_winrm_requests";
    private static final String STARTED = RequestMetrics.class.getName() + ".started";
    private static final String RECORDED = RequestMetrics.class.getName() + ".recorded";

    private final MeterRegistry registry;
    private final LoginWatch logins;

    RequestMetrics(MeterRegistry registry, LoginWatch logins) {
        this.registry = registry;
        this.logins = logins;
    }

    AbstractPhaseInterceptor<Message> outInterceptor() {
        return new StartClock();
    }

    AbstractPhaseInterceptor<Message> inInterceptor() {
        return new StopClock();
    }

    static String outcome(Object status) {
        if (!(status instanceof Integer code)) {
            return "no_answer";
        }
        return switch (code) {
            case 200 -> "ok";
            case 500 -> "fault";
            case 401, 403 -> "refused";
            default -> "http_error";
        };
    }

    private void record(Exchange exchange, String outcome) {
        if (exchange == null || !(exchange.get(STARTED) instanceof Long started) || exchange.put(RECORDED, Boolean.TRUE) != null) {
            return; // not timed, or already counted (a response followed by a failure is one request)
        }
        Timer.builder(NAME).description("WS-Management requests to hosts, by operation and outcome")
                .tag("operation", operation(exchange)).tag("outcome", outcome).register(registry)
                .record(Duration.ofNanos(System.nanoTime() - started));
    }

    private static String operation(Exchange exchange) {
        BindingOperationInfo operation = exchange.getBindingOperationInfo();
        return operation == null ? "unknown" : operation.getName().getLocalPart();
    }

    /** First thing on the way out. Its fault handler runs when sending failed and no response ever came. */
    private final class StartClock extends AbstractPhaseInterceptor<Message> {
        StartClock() {
            super(Phase.SETUP);
        }

        @Override
        public void handleMessage(Message message) {
            if (message.getExchange() != null) {
                message.getExchange().put(STARTED, System.nanoTime());
            }
        }

        @Override
        public void handleFault(Message message) {
            // A host that answered the login with 401 and closed the connection refused it (LoginWatch).
            boolean refused = logins.loginUnanswered(String.valueOf(message.get(Message.ENDPOINT_ADDRESS)));
            record(message.getExchange(), refused ? "refused" : "no_answer");
        }
    }

    /** First thing on the way in, before anything reads the body. */
    private final class StopClock extends AbstractPhaseInterceptor<Message> {
        StopClock() {
            super(Phase.RECEIVE);
        }

        @Override
        public void handleMessage(Message message) {
            record(message.getExchange(), outcome(message.get(Message.RESPONSE_CODE)));
        }
    }
}

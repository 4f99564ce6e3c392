package org.wsusremediator.simulator;

/** What the HTTP layer does with a request once the WS-Management layer has handled it. */
sealed interface WsmanReply {

    /** An HTTP response with a SOAP body (200 or 500). */
    record Respond(int status, String body) implements WsmanReply {
    }

    /** 401 with these WWW-Authenticate values (the host's offers, or an NTLM CHALLENGE). */
    record Unauthorized(java.util.List<String> challenges) implements WsmanReply {
    }

    /** An HTTP response whose SOAP body was sealed on the connection's NTLM session (WS-Man message encryption). */
    record Sealed(int status, byte[] body) implements WsmanReply {
    }

    /** {@code reply} with a last WWW-Authenticate token of the server (SPNEGO's accept-completed). */
    record WithAuthenticate(WsmanReply reply, String wwwAuthenticate) implements WsmanReply {
    }

    /** Close the connection without answering (fault dropMidCommand). */
    record Drop() implements WsmanReply {
    }

    /** Never answer; the connection is closed after {@code maxMs} unless the client gives up first (fault stall). */
    record Hold(long maxMs) implements WsmanReply {
    }

    /** Answer {@code reply}, but only after {@code delayMs} more (a Receive waiting out its OperationTimeout). */
    record Delayed(WsmanReply reply, long delayMs) implements WsmanReply {
    }

    static WsmanReply ok(String body) {
        return new Respond(200, body);
    }

    static WsmanReply fault(int status, String body) {
        return new Respond(status, body);
    }
}

package org.wsusremediator.simulator;

/** What the HTTP layer does with a request once the WS-Management layer has handled it. */
sealed interface WsmanReply {

    /** An HTTP response with a SOAP body (200 or 500). */
    record Respond(int status, String body) implements WsmanReply {
    }

    /** 401 with the WWW-Authenticate challenges. */
    record Unauthorized() implements WsmanReply {
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

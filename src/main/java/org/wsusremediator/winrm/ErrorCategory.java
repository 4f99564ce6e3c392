package org.wsusremediator.winrm;

/** Why a host visit failed, in the words an admin acts on. */
public enum ErrorCategory {
    /** No connection: refused, no route, unknown host, or the connection dropped under a command. */
    UNREACHABLE,
    /** The host answered 401: wrong credentials, or an auth scheme the host does not accept. */
    AUTH_REFUSED,
    /** The host accepted the connection but did not answer within the configured timeout. */
    TIMEOUT,
    /** The host answered something that is not a valid WS-Management reply: a SOAP fault, broken XML, HTTP 5xx. */
    PROTOCOL_ERROR,
    /** The remote command ran and failed (non-zero exit, or output that is not what it must print). */
    COMMAND_FAILED,
    /** The TLS handshake failed: the host's certificate is not trusted, not valid, or not for this host name. */
    TLS_FAILED
}

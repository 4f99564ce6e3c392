package org.wsusremediator.winrm;

/**
 * A failed host visit, categorised, with the host named. The message is built by us from the category and a
 * sanitised cause line: it never carries a credential, and it does not chain the client library's exception
 * (whose text we do not control), so nothing secret can leak through {@code printStackTrace}.
 */
public class WinRmException extends RuntimeException {

    private final ErrorCategory category;
    private final String host;

    public WinRmException(ErrorCategory category, String host, String detail) {
        super("host " + host + ": " + describe(category) + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
        this.category = category;
        this.host = host;
    }

    public ErrorCategory category() {
        return category;
    }

    public String host() {
        return host;
    }

    private static String describe(ErrorCategory category) {
        return switch (category) {
            case UNREACHABLE -> "unreachable";
            case AUTH_REFUSED -> "authentication refused";
            case TIMEOUT -> "timed out";
            case PROTOCOL_ERROR -> "WS-Management protocol error";
            case COMMAND_FAILED -> "remote command failed";
            case TLS_FAILED -> "TLS handshake failed";
        };
    }
}

package org.wsusremediator.client;

/**
 * The server answered a call with an error: its HTTP status, the API's stable error {@code code} and its message
 * (which the server writes without secrets). Status 0: the server could not be reached or answered no JSON.
 */
public final class ServerCallFailed extends RuntimeException {

    private final int status;
    private final String code;

    public ServerCallFailed(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The caller's own mistake (400, 404, 422, 413): nothing was changed. */
    public boolean badInput() {
        return status == 400 || status == 404 || status == 413 || status == 422;
    }

    /** Who the caller is, or what the rules allow, refused the call (401, 403, 409, 429). */
    public boolean refused() {
        return status == 401 || status == 403 || status == 409 || status == 429;
    }
}

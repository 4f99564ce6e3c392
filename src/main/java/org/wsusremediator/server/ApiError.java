package org.wsusremediator.server;

/**
 * A request the API refuses, as HTTP means it (401 who are you, 403 not you, 404 no such thing, 409 not in this
 * state, 413 too big, 429 too many failures) with a stable machine-readable {@code code}. The message is for the
 * admin reading it and never holds a secret.
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final String code;

    public ApiError(int status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    static ApiError unauthorized(String message) {
        return new ApiError(401, "unauthorized", message);
    }

    static ApiError forbidden(String code, String message) {
        return new ApiError(403, code, message);
    }

    static ApiError notFound(String message) {
        return new ApiError(404, "not_found", message);
    }

    static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    static ApiError badRequest(String message) {
        return new ApiError(400, "bad_request", message);
    }
}

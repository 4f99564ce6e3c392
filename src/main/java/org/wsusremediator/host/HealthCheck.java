package org.wsusremediator.host;

/**
 * One check of the post-install health of a WSUS server (docs/remediation-protocol.md, section 3).
 *
 * @param name   {@code dll}, {@code WsusService}, {@code W3SVC}, {@code portNumber} or {@code clientWebService}
 * @param result PASSED, FAILED, or NOT_CHECKED (the host cannot be asked: a documented limitation, never a pass in
 *               disguise; the report says so)
 * @param detail what was found, e.g. {@code STATE 1 (stopped)} or {@code HTTP 503 from http://localhost:8530/…}
 */
public record HealthCheck(String name, Result result, String detail) {

    public enum Result { PASSED, FAILED, NOT_CHECKED }

    public static HealthCheck passed(String name, String detail) {
        return new HealthCheck(name, Result.PASSED, detail);
    }

    public static HealthCheck failed(String name, String detail) {
        return new HealthCheck(name, Result.FAILED, detail);
    }

    public String describe() {
        return name + " " + result + " (" + detail + ")";
    }
}

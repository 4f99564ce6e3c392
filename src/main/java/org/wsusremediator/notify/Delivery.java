package org.wsusremediator.notify;

/**
 * One event on its way to one endpoint, as claimed from the outbox: the route sends {@link #event()} to
 * {@link #uri()}.
 *
 * @param attempt which attempt this is (1 for the first)
 */
public record Delivery(long id, int attempt, NotifyEndpoint endpoint, String eventType, String planId, long auditSeq,
                       String event) {

    /** Where the route sends it (not for logs: it may hold a secret; {@link NotifyEndpoint#describe()} is). */
    public String uri() {
        return endpoint.deliveryUri();
    }

    /**
     * The file a file endpoint writes: one per event, named so that a re-delivery overwrites its own file. The plan
     * id comes from the store, so only safe characters of it are kept: never a path of its choosing.
     */
    public String fileName() {
        return "plan-event-" + String.format("%012d", auditSeq) + "-" + eventType + "-"
                + planId.replaceAll("[^A-Za-z0-9_.-]", "_").replaceAll("^\\.+", "_") + ".json";
    }

    /** What the event is sent as: JSON to a file or webhook; to a mail reader, the same JSON as plain text. */
    public String contentType() {
        return endpoint.scheme().startsWith("smtp") ? "text/plain; charset=UTF-8" : "application/json";
    }

    /** A mail's subject. */
    public String subject() {
        return "[wsus-remediator] " + eventType + " " + planId.replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    @Override
    public String toString() {
        return eventType + " of plan " + planId + " (audit #" + auditSeq + ") to " + endpoint.describe();
    }
}

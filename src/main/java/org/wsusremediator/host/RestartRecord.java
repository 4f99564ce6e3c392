package org.wsusremediator.host;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;

/**
 * What the restart of a host did, for the reports: when it was asked for, the boot time before and after, how long the
 * host took to stop answering and to come back, or that it did not come back in time.
 *
 * @param requestedAt  when the restart command was sent (the remediator's clock)
 * @param command      the command line sent, e.g. {@code shutdown /r /t 10 /c "…"}
 * @param bootBefore   the host's boot time before the restart (its own clock, UTC)
 * @param bootAfter    the new boot time, once the host answered with one; null while it has not
 * @param downAt       when a check first found the host not answering; null if no check saw it down
 * @param upAt         when a check first found the new boot time
 * @param checks       how many boot-time checks were made while waiting
 * @param timedOut     true when the host was not back with a new boot time within the restart timeout (or the window)
 * @param note         what else the admin should know (an already scheduled shutdown, the last error seen while waiting)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"requestedAt", "command", "bootBefore", "bootAfter", "downAt", "upAt", "downAfterMillis",
        "backAfterMillis", "checks", "timedOut", "note"})
public record RestartRecord(Instant requestedAt, String command, Instant bootBefore, Instant bootAfter, Instant downAt,
                            Instant upAt, int checks, boolean timedOut, String note) {

    /** From the request until a check first found the host down; null when none did. */
    public Long getDownAfterMillis() {
        return downAt == null ? null : Duration.between(requestedAt, downAt).toMillis();
    }

    /** From the request until the host answered with its new boot time; null when it did not. */
    public Long getBackAfterMillis() {
        return upAt == null ? null : Duration.between(requestedAt, upAt).toMillis();
    }

    /** In one line for a reason: {@code restarted: boot time A -> B, down after 12 s, back after 41 s (7 checks)}. */
    public String describe() {
        if (timedOut) {
            return "restart requested at " + requestedAt + ", the host was not back with a new boot time"
                    + (downAt == null ? "" : " (down after " + seconds(getDownAfterMillis()) + ")") + " after " + checks
                    + " checks (boot time before: " + bootBefore + ")";
        }
        return "restarted: boot time " + bootBefore + " -> " + bootAfter
                + (downAt == null ? "" : ", down after " + seconds(getDownAfterMillis()))
                + ", back after " + seconds(getBackAfterMillis()) + " (" + checks + " checks)";
    }

    private static String seconds(Long millis) {
        return millis == null ? "?" : (millis + 500) / 1000 + " s";
    }
}

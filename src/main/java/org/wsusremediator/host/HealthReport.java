package org.wsusremediator.host;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The post-install health check of a WSUS server: the client web service DLL fixed, the WSUS service and IIS running,
 * and the client web service answering on the host itself. It passes only when no check FAILED; a check NOT_CHECKED
 * (a host without PowerShell cannot fetch a URL) is named in the report.
 *
 * @param checkedAt when the checks ran (the remediator's clock)
 */
@JsonPropertyOrder({"checkedAt", "passed", "checks"})
public record HealthReport(Instant checkedAt, List<HealthCheck> checks) {

    public HealthReport {
        checks = List.copyOf(checks);
    }

    public boolean getPassed() {
        return checks.stream().noneMatch(c -> c.result() == HealthCheck.Result.FAILED);
    }

    /** The failing checks, named: {@code WsusService FAILED (STATE 1, stopped)}; empty when none failed. */
    public String failures() {
        return checks.stream().filter(c -> c.result() == HealthCheck.Result.FAILED).map(HealthCheck::describe)
                .collect(Collectors.joining("; "));
    }

    /** The checks not made, named; empty when all were. */
    public String notChecked() {
        return checks.stream().filter(c -> c.result() == HealthCheck.Result.NOT_CHECKED).map(HealthCheck::describe)
                .collect(Collectors.joining("; "));
    }

    /** One phrase for a reason: {@code health check passed (…)} or {@code health check FAILED: …}. */
    public String describe() {
        if (!getPassed()) {
            return "health check FAILED: " + failures();
        }
        String skipped = notChecked();
        return "health check passed (" + checks.stream().filter(c -> c.result() == HealthCheck.Result.PASSED)
                .map(HealthCheck::name).collect(Collectors.joining(", ")) + ")"
                + (skipped.isEmpty() ? "" : "; not checked: " + skipped);
    }
}

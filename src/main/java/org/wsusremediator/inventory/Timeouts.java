package org.wsusremediator.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * WinRM timeouts for one host.
 *
 * @param connect   opening the TCP/TLS connection
 * @param operation the WS-Man OperationTimeout sent to the host
 * @param receive   how long to wait for a response on an open connection
 */
public record Timeouts(Duration connect, Duration operation, Duration receive) {
    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(receive, "receive");
    }
}

package org.wsusremediator.inventory;

import java.time.Duration;
import java.util.Objects;

/**
 * WinRM timeouts for one host.
 *
 * @param connect   opening the TCP/TLS connection
 * @param operation the WS-Man OperationTimeout sent to the host
 * @param receive   how long to wait for a response on an open connection
 * @param visit     the whole visit of the host, however its server behaves: a host that answers a byte at a
 *                  time never trips {@code receive}. An acting visit adds the install timeout to it
 */
public record Timeouts(Duration connect, Duration operation, Duration receive, Duration visit) {

    public static final Duration DEFAULT_VISIT = Duration.ofMinutes(5);

    public Timeouts {
        Objects.requireNonNull(connect, "connect");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(receive, "receive");
        Objects.requireNonNull(visit, "visit");
    }

    /** With the default visit deadline ({@link #DEFAULT_VISIT}). */
    public Timeouts(Duration connect, Duration operation, Duration receive) {
        this(connect, operation, receive, DEFAULT_VISIT);
    }
}

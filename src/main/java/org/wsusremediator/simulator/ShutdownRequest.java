package org.wsusremediator.simulator;

/**
 * One {@code shutdown /r} or {@code /s} a simulated host accepted, as its event log would keep it.
 *
 * @param restart      {@code /r} (true) or {@code /s}
 * @param delaySeconds {@code /t}
 * @param comment      {@code /c}, without its quotes
 * @param user         the account that asked
 */
public record ShutdownRequest(boolean restart, long delaySeconds, String comment, String user) {
}

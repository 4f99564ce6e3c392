package org.wsusremediator.simulator;

import java.util.Map;

/**
 * A snapshot of what the simulator has served.
 *
 * @param totalRequests          HTTP requests received on all hosts
 * @param requestsPerHost        HTTP requests per host name (hosts never contacted count 0)
 * @param maxConcurrentShells    the most shells ever open at the same time on any one host
 * @param requestsPerAction      requests per WS-Management action (Create, Command, Receive, Signal, Send, Delete,
 *                               Identify, or "(unauthorized)", "(invalid)", "(not wsman)" for requests that got no
 *                               further)
 */
public record FleetStatistics(long totalRequests, Map<String, Long> requestsPerHost, int maxConcurrentShells,
                              Map<String, Long> requestsPerAction) {

    public long requests(String hostName) {
        return requestsPerHost.getOrDefault(hostName, 0L);
    }

    public long action(String shortName) {
        return requestsPerAction.getOrDefault(shortName, 0L);
    }
}

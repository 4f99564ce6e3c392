package org.wsusremediator.plan;

import java.time.Instant;
import java.util.List;

/**
 * One admin's approval or rejection of a plan, for all of its hosts (an empty list) or some of them.
 *
 * @param admin the admin's name from the configured admin list, never free text
 */
public record Approval(String planId, String admin, Decision decision, List<String> hosts, String reason, Instant at) {

    public Approval {
        hosts = List.copyOf(hosts);
    }

    public boolean covers(String host) {
        return hosts.isEmpty() || hosts.stream().anyMatch(h -> h.equalsIgnoreCase(host));
    }
}

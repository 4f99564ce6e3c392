package org.wsusremediator.plan;

import java.time.Instant;
import java.util.List;

/**
 * The actions proposed for a batch of hosts, as scanned at {@code createdAt}; approved per host by admins,
 * run inside a change window, and void after {@code expiresAt}.
 *
 * @param inventory the inventory file the plan was made from
 */
public record Plan(String id, String requester, Instant createdAt, Instant expiresAt, String inventory,
                   List<PlannedHost> hosts) {

    public Plan {
        hosts = List.copyOf(hosts);
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}

package org.wsusremediator.store;

import java.time.Duration;
import java.time.Instant;

/**
 * One row of Quartz's {@code QRTZ_SCHEDULER_STATE}: a clustered scheduler node, when it last checked in and how often it
 * does. Quartz's cluster manager writes it; a node found failed is removed by the node that recovers it.
 */
public record SchedulerCheckin(String instanceId, Instant lastCheckin, Duration checkinInterval) {
}

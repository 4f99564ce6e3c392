package org.wsusremediator.store;

import java.time.Instant;

/** One record of the audit trail as stored. */
public record AuditRecord(long seq, Instant at, String actor, String action, String subject, String details,
                          String prevHash, String hash) {
}

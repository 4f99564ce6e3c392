package org.wsusremediator.store;

/**
 * The last record of the audit trail: its seq and hash. The chain alone cannot show that records were cut off
 * its end, so an admin can write this pair down (ticket, paper, another system) and later check the trail
 * against it with {@link Store#verifyAudit(AuditHead)}. seq 0 with 64 zeros is the empty trail.
 */
public record AuditHead(long seq, String hash) {
}

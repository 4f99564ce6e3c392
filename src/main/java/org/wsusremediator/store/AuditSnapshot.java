package org.wsusremediator.store;

import java.util.List;
import java.util.Set;

/**
 * The audit trail as read in one snapshot, with its verification (hash chain, stored head, the heads anchored outside
 * the database) and those anchored heads. The chain is plain SHA-256: whoever can write to the database can append a
 * record that chains correctly. A record whose own seq and hash are an anchored head was appended by a process
 * holding the server key (every append is anchored once committed, with the key's MAC); that is what
 * {@link #anchored} tells.
 */
public record AuditSnapshot(List<AuditRecord> records, AuditVerification verification, Set<AuditHead> anchoredHeads) {

    public AuditSnapshot {
        records = List.copyOf(records);
        anchoredHeads = Set.copyOf(anchoredHeads);
    }

    /** Whether {@code record} itself was anchored, with the server key, by the process that appended it. */
    public boolean anchored(AuditRecord record) {
        return anchoredHeads.contains(new AuditHead(record.seq(), record.hash()));
    }
}

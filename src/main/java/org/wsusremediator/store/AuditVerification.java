package org.wsusremediator.store;

/**
 * The result of checking the audit trail.
 *
 * @param recordsChecked how many records were read before the first problem (all of them when intact)
 * @param firstBadSeq    the seq where the first problem is, or null when intact
 * @param problem        what is wrong there, in words, or null when intact
 */
public record AuditVerification(boolean intact, long recordsChecked, Long firstBadSeq, String problem) {

    static AuditVerification ok(long checked) {
        return new AuditVerification(true, checked, null, null);
    }

    static AuditVerification bad(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem);
    }
}

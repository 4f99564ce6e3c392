package org.wsusremediator.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The tamper-evident audit trail: an append-only table where each record carries
 * {@code hash = hex(SHA-256(encoding of seq, time, actor, action, subject, details, prev_hash))} and
 * {@code prev_hash} is the previous record's hash (64 zeros for record 1).
 *
 * <p>The encoding is unambiguous: each field is written as its UTF-8 byte length in decimal, a colon, the bytes
 * and a comma ({@code 1:7,27:2026-11-24T16:51:42.123456Z,…}), so no two different field lists encode alike.
 * The time is {@link Instant#toString()} (ISO-8601, UTC), truncated to microseconds so it survives a round trip
 * through PostgreSQL.
 *
 * <p>Serialisation: {@link #append} first locks the single row of {@code audit_head} with
 * {@code SELECT … FOR UPDATE} inside the caller's transaction. A second writer blocks there until the first
 * commits or rolls back, then reads the new head, so two writers can never both build on the same record
 * (no fork, no duplicate seq; the seq primary key is a second guard). Locking one known row works the same way
 * on H2 (MVStore row locks) and PostgreSQL, unlike "lock the last audit record", which has no row to lock
 * when the trail is empty.
 *
 * <p>Limits: the chain shows edited, removed and reordered records, but someone able to rewrite the database
 * can cut records off the end and rewrite {@code audit_head} to match; the heads {@link Store} anchors outside the
 * database after every committed append ({@code consent.AuditAnchor}) and a head written down elsewhere
 * ({@link Store#auditHead()}) show that. Someone able to rewrite the whole chain can recompute every hash too:
 * the hash is not a signature.
 */
public final class AuditTrail {

    public static final String GENESIS = "0".repeat(64);

    /**
     * The last record this thread appended in the transaction under way: {@link Store} anchors it outside the
     * database ({@code consent.AuditAnchor}) once the transaction has committed, never before (a rolled-back
     * record must not be anchored).
     */
    private static final ThreadLocal<AuditRecord> APPENDED = new ThreadLocal<>();

    private AuditTrail() {
    }

    /**
     * Appends a record inside the caller's transaction (auto-commit must be off); it becomes visible, and the
     * head lock is released, when the caller commits.
     */
    public static AuditRecord append(Connection c, String actor, String action, String subject, String details)
            throws SQLException {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        String text = details == null ? "" : details;
        if (c.getAutoCommit()) {
            throw new IllegalStateException("AuditTrail.append must run inside a transaction (auto-commit is on)");
        }
        long lastSeq;
        String lastHash;
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the audit_head row is missing: the audit trail cannot be appended to");
            }
            lastSeq = rs.getLong(1);
            lastHash = rs.getString(2);
        }
        long seq = lastSeq + 1;
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String hash = hash(seq, at, actor, action, subject, text, lastHash);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO audit_log (seq, recorded_at, actor, action, subject, details, prev_hash, hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, seq);
            ps.setObject(2, at.atOffset(ZoneOffset.UTC));
            ps.setString(3, actor);
            ps.setString(4, action);
            ps.setString(5, subject);
            ps.setString(6, text);
            ps.setString(7, lastHash);
            ps.setString(8, hash);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
            ps.setLong(1, seq);
            ps.setString(2, hash);
            ps.executeUpdate();
        }
        AuditRecord record = new AuditRecord(seq, at, actor, action, subject, text, lastHash, hash);
        APPENDED.set(record);
        return record;
    }

    /** The last record appended on this thread since the last call, or null; forgets it. */
    static AuditRecord takeAppended() {
        AuditRecord last = APPENDED.get();
        APPENDED.remove();
        return last;
    }

    /** The hex SHA-256 of the canonical encoding of a record's fields. */
    public static String hash(long seq, Instant at, String actor, String action, String subject, String details,
                              String prevHash) {
        StringBuilder enc = new StringBuilder();
        for (String field : new String[] {Long.toString(seq), at.toString(), actor, action, subject, details,
                prevHash}) {
            enc.append(field.getBytes(StandardCharsets.UTF_8).length).append(':').append(field).append(',');
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(enc.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    static List<AuditRecord> read(Connection c) throws SQLException {
        List<AuditRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT seq, recorded_at, actor, action, subject, details, prev_hash, hash FROM audit_log ORDER BY seq");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new AuditRecord(rs.getLong(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getString(8)));
            }
        }
        return out;
    }

    static AuditHead head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new AuditHead(rs.getLong(1), rs.getString(2)) : null;
        }
    }

    /**
     * Checks the chain record by record, then the stored head, then (when given) a head written down elsewhere.
     */
    static AuditVerification verify(List<AuditRecord> records, AuditHead storedHead, AuditHead anchor) {
        long expectedSeq = 1;
        String prev = GENESIS;
        long checked = 0;
        for (AuditRecord r : records) {
            if (r.seq() != expectedSeq) {
                if (r.seq() > expectedSeq) {
                    String which = r.seq() == expectedSeq + 1 ? "record " + expectedSeq + " is missing"
                            : "records " + expectedSeq + " to " + (r.seq() - 1) + " are missing";
                    return AuditVerification.bad(checked, expectedSeq, which);
                }
                return AuditVerification.bad(checked, r.seq(), "record " + r.seq() + " is out of sequence");
            }
            checked++;
            String recomputed = hash(r.seq(), r.at(), r.actor(), r.action(), r.subject(), r.details(), r.prevHash());
            if (!recomputed.equals(r.hash())) {
                return AuditVerification.bad(checked, r.seq(), "record " + r.seq()
                        + ": its contents were changed after it was written (edited, or moved from another position)");
            }
            if (!r.prevHash().equals(prev)) {
                return AuditVerification.bad(checked, r.seq(), "record " + r.seq()
                        + ": it does not follow the record before it (prev_hash does not match record "
                        + (r.seq() - 1) + "'s hash): records were removed, replaced or reordered");
            }
            prev = r.hash();
            expectedSeq++;
        }
        long lastSeq = expectedSeq - 1;
        if (storedHead == null) {
            return AuditVerification.bad(checked, lastSeq + 1, "the audit head row is missing");
        }
        if (storedHead.seq() > lastSeq) {
            return AuditVerification.bad(checked, lastSeq + 1, missingAtEnd(lastSeq, storedHead.seq())
                    + " (the stored audit head says the trail ends at record " + storedHead.seq() + ")");
        }
        if (storedHead.seq() != lastSeq || !storedHead.hash().equals(prev)) {
            return AuditVerification.bad(checked, lastSeq, "the stored audit head (record " + storedHead.seq()
                    + ") does not match the last record (" + lastSeq + ")");
        }
        if (anchor != null) {
            if (anchor.seq() > lastSeq) {
                return AuditVerification.bad(checked, lastSeq + 1, missingAtEnd(lastSeq, anchor.seq())
                        + " (the head written down says the trail reached record " + anchor.seq() + ")");
            }
            if (anchor.seq() > 0) {
                String atAnchor = records.get((int) (anchor.seq() - 1)).hash();
                if (!atAnchor.equals(anchor.hash())) {
                    return AuditVerification.bad(checked, anchor.seq(), "record " + anchor.seq()
                            + ": its hash differs from the one written down: the trail was rewritten");
                }
            } else if (!GENESIS.equals(anchor.hash())) {
                return AuditVerification.bad(checked, 0, "the head written down is not a valid head");
            }
        }
        return AuditVerification.ok(checked);
    }

    /**
     * Checks the trail against the heads anchored outside the database (each one's MAC already verified): the trail
     * must still reach the highest, and hold each anchored record unchanged. A cut tail with a reset audit_head
     * shows here, however consistent the database was made.
     *
     * @param where the anchor file, for messages
     */
    static AuditVerification verifyAnchored(List<AuditRecord> records, List<org.wsusremediator.consent.AuditAnchor.Head> anchored,
            String where) {
        long lastSeq = records.isEmpty() ? 0 : records.get(records.size() - 1).seq();
        long highest = anchored.stream().mapToLong(org.wsusremediator.consent.AuditAnchor.Head::seq).max().orElse(0);
        if (highest > lastSeq) {
            return AuditVerification.bad(records.size(), lastSeq + 1, missingAtEnd(lastSeq, highest)
                    + " (the anchor " + where + " says the trail reached record " + highest
                    + "; records were cut off its end and the audit head reset)");
        }
        for (org.wsusremediator.consent.AuditAnchor.Head head : anchored) {
            if (head.seq() < 1 || head.seq() > records.size()
                    || !records.get((int) (head.seq() - 1)).hash().equals(head.hash())) {
                return AuditVerification.bad(records.size(), head.seq(), "record " + head.seq()
                        + ": its hash differs from the one anchored in " + where + ": the trail was rewritten");
            }
        }
        return AuditVerification.ok(records.size());
    }

    private static String missingAtEnd(long lastSeq, long claimed) {
        return claimed == lastSeq + 1 ? "record " + claimed + " is missing"
                : "records " + (lastSeq + 1) + " to " + claimed + " are missing";
    }
}

package org.wsusremediator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hosts of shared waves (migration V14, docs/cluster.md "Sharing a wave"): the node that owns a run publishes a
 * wave's hosts as PENDING rows; every live node of the cluster claims some with {@code SELECT ... FOR UPDATE SKIP
 * LOCKED}, up to its own free concurrency, and a host only while its group has fewer than {@code perGroup} hosts
 * CLAIMED on all nodes together; the claiming node acts on it and settles it DONE.
 *
 * <p>A claimed host's writes are fenced twice, in the transaction of each write: the run's row must still be RUNNING
 * (read FOR SHARE: a takeover, which marks it INTERRUPTED, waits for the write, and a write after it finds the run
 * gone) and the claim must still be this node's, under this claim number (FOR UPDATE: a release of the claim waits,
 * and a write after it finds the claim gone). Either failing throws {@link LeaseLostException}: nothing is written.
 *
 * <p>PostgreSQL only: SKIP LOCKED and FOR SHARE; H2 stays single-node and never claims.
 */
public final class HostClaims {

    /** Candidates looked at per claim: enough to find hosts of free groups behind those of full ones. */
    static final int CANDIDATES = 64;

    private final Store store;

    HostClaims(Store store) {
        this.store = store;
    }

    /** A host of a wave as the owner publishes it. {@code previousState}: what an earlier run left it in, or null. */
    public record WaveHost(String host, String group, int position, String previousState) {
    }

    /**
     * A host this node claimed: the run and plan, the host's wave, this node and its claim number, and the state the
     * host starts from: the last one journaled for it in this run (a claim released from a node that died), or
     * else what an earlier run left it in (null: none).
     */
    public record Claim(String runId, String planId, String host, int wave, String node, int seq, String startFrom) {
    }

    /** A wave's host as it stands: PENDING, CLAIMED (by node) or DONE (with its outcome). */
    public record WaveRow(String host, String state, String node, String outcome, String detail, boolean irreversible,
                          Instant claimedAt, Instant doneAt, int claimSeq) {
    }

    /**
     * Publishes a wave's hosts, claimable from the commit on. Fenced as every write of the owning run: nothing is
     * published by a run that lost its plan ({@link LeaseLostException}).
     */
    public void publish(String runId, String planId, int wave, List<WaveHost> hosts, int perGroup) {
        store.inTransaction("publish wave " + wave + " of run " + runId, c -> {
            RunJournal.fence(c, runId);
            Set<String> groups = new HashSet<>();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO wave_hosts (run_id, host, plan_id, wave, position,"
                    + " group_name, previous_state, state, claim_seq) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0)")) {
                for (WaveHost h : hosts) {
                    ps.setString(1, runId);
                    ps.setString(2, h.host());
                    ps.setString(3, planId);
                    ps.setInt(4, wave);
                    ps.setInt(5, h.position());
                    ps.setString(6, group(h.group()));
                    ps.setString(7, h.previousState());
                    ps.addBatch();
                    groups.add(group(h.group()));
                }
                ps.executeBatch();
            }
            if (!exists(c, "SELECT 1 FROM wave_runs WHERE run_id = ?", runId)) {
                update(c, "INSERT INTO wave_runs (run_id) VALUES (?)", runId);
            }
            for (String g : groups) {
                if (!exists(c, "SELECT 1 FROM wave_groups WHERE run_id = ? AND group_name = ?", runId, g)) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO wave_groups (run_id, group_name, per_group, in_flight) VALUES (?, ?, ?, 0)")) {
                        ps.setString(1, runId);
                        ps.setString(2, g);
                        ps.setInt(3, Math.max(0, perGroup));
                        ps.executeUpdate();
                    }
                }
            }
            return null;
        });
    }

    /**
     * Claims up to {@code max} PENDING hosts for {@code node}, from the runs RUNNING within their lease, oldest first,
     * each in plan order, skipping hosts another node is claiming right now (SKIP LOCKED) and hosts whose group is
     * at its limit across all nodes. Empty when there is nothing to claim.
     */
    public List<Claim> claim(String node, int max) {
        return claim(node, max, Set.of());
    }

    /** As above, claiming nothing of the runs in {@code excluded} (runs this node cannot prepare). */
    public List<Claim> claim(String node, int max, Set<String> excluded) {
        if (max <= 0) {
            return List.of();
        }
        return store.inTransaction("claim hosts for " + node, c -> {
            List<Candidate> candidates = candidates(c);
            candidates.removeIf(k -> excluded.contains(k.runId()));
            if (candidates.isEmpty()) {
                return List.of();
            }
            // Run by run, oldest first: a run whose groups are all at their limit does not keep this node from the
            // hosts of the next one. Every node goes through the runs, and each run's groups, in the same order.
            List<Claim> claimed = new ArrayList<>();
            for (String runId : candidates.stream().map(Candidate::runId).distinct().toList()) {
                if (claimed.size() >= max) {
                    break;
                }
                List<Candidate> ofRun = candidates.stream().filter(k -> k.runId().equals(runId)).toList();
                claimed.addAll(claimInRun(c, node, runId, ofRun, max - claimed.size()));
            }
            return claimed;
        });
    }

    private static List<Claim> claimInRun(Connection c, String node, String runId, List<Candidate> candidates, int max)
            throws SQLException {
        // The groups' rows locked in one order (their names), so that two claims never wait for each other.
        Map<String, int[]> slots = lockGroups(c, runId,
                candidates.stream().map(Candidate::group).distinct().sorted().toList());
        List<Claim> claimed = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        for (Candidate k : candidates) {
            if (claimed.size() >= max) {
                break;
            }
            int[] slot = slots.get(k.group());
            if (slot == null || (slot[0] > 0 && slot[1] >= slot[0])) {
                continue; // the group is at its limit on the nodes together
            }
            // The same condition in the update itself: the counter never passes the limit, whatever was read.
            if (update(c, "UPDATE wave_groups SET in_flight = in_flight + 1 WHERE run_id = ? AND group_name = ?"
                    + " AND (per_group = 0 OR in_flight < per_group)", runId, k.group()) != 1) {
                continue;
            }
            slot[1]++;
            try (PreparedStatement ps = c.prepareStatement("UPDATE wave_hosts SET state = 'CLAIMED', node = ?,"
                    + " claim_seq = claim_seq + 1, claimed_at = ? WHERE run_id = ? AND host = ? AND state = 'PENDING'")) {
                ps.setString(1, node);
                ps.setObject(2, Store.utc(now));
                ps.setString(3, runId);
                ps.setString(4, k.host());
                if (ps.executeUpdate() != 1) {
                    throw new SQLException("a locked PENDING host " + k.host() + " of run " + runId + " changed");
                }
            }
            String inRun = lastStateInRun(c, k.planId(), runId, k.host());
            claimed.add(new Claim(runId, k.planId(), k.host(), k.wave(), node, k.seq() + 1,
                    inRun != null ? inRun : k.previousState()));
        }
        return claimed;
    }

    private record Candidate(String runId, String planId, String host, int wave, String group, String previousState,
                             int seq, Instant heartbeat, Long leaseMs) {
    }

    private static List<Candidate> candidates(Connection c) throws SQLException {
        List<Candidate> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT w.run_id, w.plan_id, w.host, w.wave, w.group_name,"
                + " w.previous_state, w.claim_seq, r.heartbeat_at, r.lease_ms FROM wave_hosts w JOIN runs r ON r.id = w.run_id"
                + " WHERE w.state = 'PENDING' AND r.status = 'RUNNING'"
                + " ORDER BY r.started_at, w.run_id, w.wave, w.position LIMIT " + CANDIDATES
                + " FOR UPDATE OF w SKIP LOCKED")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Candidate(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getString(5), rs.getString(6), rs.getInt(7), Store.instant(rs, 8),
                            rs.getObject(9) == null ? null : rs.getLong(9)));
                }
            }
        }
        // A run whose owner's lease ran out is not helped: its owner may be dead, and the run that takes it over
        // publishes its own waves (a claim would also keep nothing alive: claims never renew the owner's lease).
        Instant now = Instant.now();
        out.removeIf(k -> k.heartbeat().plus(k.leaseMs() == null ? RunJournal.LONGEST_LEASE
                : Duration.ofMillis(Math.min(k.leaseMs(), RunJournal.LONGEST_LEASE.toMillis()))).isBefore(now));
        return out;
    }

    /** Locks the groups' counter rows in the order given; each group's {limit, in flight}. */
    private static Map<String, int[]> lockGroups(Connection c, String runId, List<String> groups) throws SQLException {
        Map<String, int[]> out = new TreeMap<>();
        for (String g : groups) {
            try (PreparedStatement ps = c.prepareStatement("SELECT per_group, in_flight FROM wave_groups"
                    + " WHERE run_id = ? AND group_name = ? FOR UPDATE")) {
                ps.setString(1, runId);
                ps.setString(2, g);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        out.put(g, new int[] {rs.getInt(1), rs.getInt(2)});
                    }
                }
            }
        }
        return out;
    }

    private static String lastStateInRun(Connection c, String planId, String runId, String host) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM host_states WHERE plan_id = ? AND run_id = ?"
                + " AND host = ? ORDER BY id DESC LIMIT 1")) {
            ps.setString(1, planId);
            ps.setString(2, runId);
            ps.setString(3, host);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /**
     * Journals a claimed host's state, with its HOST_STATE audit record naming the node, fenced by the run (RUNNING)
     * and by the claim (still this node's, under this number). With {@code irreversible} non-null the state is the
     * host's last in this run: the claim is settled DONE with it, and its group's slot freed, in the same transaction.
     *
     * @throws LeaseLostException when the run was taken over or the claim is no longer this node's: nothing written
     */
    public void record(Claim claim, String state, String detail, Boolean irreversible) {
        store.inTransaction("record state of " + claim.host() + " claimed in run " + claim.runId(), c -> {
            fence(c, claim);
            Store.appendHostState(c, claim.planId(), claim.runId(), claim.wave(), claim.host(), state, detail,
                    claim.node());
            if (irreversible != null) {
                done(c, claim.runId(), claim.host(), state, detail, irreversible);
                releaseSlot(c, claim.runId(), claim.host());
            }
            return null;
        });
    }

    /** Before every remote command on a claimed host: the run and the claim still hold (nothing is renewed). */
    public void confirm(Claim claim) {
        store.inTransaction("confirm the claim on " + claim.host() + " in run " + claim.runId(), c -> {
            fence(c, claim);
            return null;
        });
    }

    private static void fence(Connection c, Claim claim) throws SQLException {
        if (!exists(c, "SELECT 1 FROM runs WHERE id = ? AND status = 'RUNNING' FOR SHARE", claim.runId())) {
            throw new LeaseLostException(claim.runId());
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM wave_hosts WHERE run_id = ? AND host = ?"
                + " AND state = 'CLAIMED' AND node = ? AND claim_seq = ? FOR UPDATE")) {
            ps.setString(1, claim.runId());
            ps.setString(2, claim.host());
            ps.setString(3, claim.node());
            ps.setInt(4, claim.seq());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new LeaseLostException(claim.runId(), "the claim of " + claim.node() + " on " + claim.host()
                            + " in run " + claim.runId() + " was released (its node's check-in lapsed): another node"
                            + " decides the host from its facts");
                }
            }
        }
    }

    /** The owner aborted its shared run: the nodes acting on its claimed hosts learn why ({@link #abortReason}). */
    public void abort(String runId, String reason) {
        store.inTransaction("record the abort of shared run " + runId, c -> update(c,
                "UPDATE wave_runs SET abort_reason = ? WHERE run_id = ? AND abort_reason IS NULL", reason, runId));
    }

    /** Why the owner aborted the shared run; null while it goes on (or when it shared nothing). */
    public String abortReason(String runId) {
        return store.read("read the abort of shared run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT abort_reason FROM wave_runs WHERE run_id = ?")) {
                ps.setString(1, runId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** Every host of a wave, in plan order. */
    public List<WaveRow> wave(String runId, int wave) {
        return store.read("read wave " + wave + " of run " + runId, c -> {
            List<WaveRow> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT host, state, node, outcome, detail, irreversible,"
                    + " claimed_at, done_at, claim_seq FROM wave_hosts WHERE run_id = ? AND wave = ? ORDER BY position")) {
                ps.setString(1, runId);
                ps.setInt(2, wave);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new WaveRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                                rs.getString(5), rs.getBoolean(6), rs.getObject(7) == null ? null : Store.instant(rs, 7),
                                rs.getObject(8) == null ? null : Store.instant(rs, 8), rs.getInt(9)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The owner gives up on a claimed host whose turn outlasted every bound a turn has, while its node still checks in
     * (so {@link #releaseLapsed} never frees it): the host is settled DONE as UNKNOWN, irreversible (the node may have
     * changed it), with {@code detail} and a CLAIM_REVOKED audit record, and its group's slot is freed. The claim number
     * moves on, so that node can write nothing more of the host: its next write or remote command meets
     * {@link LeaseLostException}, and the next run decides the host from its facts. Fenced as every write of the owning
     * run. False when the claim is no longer that one (settled, released or handed back meanwhile).
     */
    public boolean revoke(String planId, String runId, String host, String node, int seq, String detail) {
        return store.inTransaction("revoke the claim of " + node + " on " + host + " in run " + runId, c -> {
            RunJournal.fence(c, runId);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM wave_hosts WHERE run_id = ? AND host = ?"
                    + " AND state = 'CLAIMED' AND node = ? AND claim_seq = ? FOR UPDATE")) {
                ps.setString(1, runId);
                ps.setString(2, host);
                ps.setString(3, node);
                ps.setInt(4, seq);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            Map<String, Object> why = new LinkedHashMap<>();
            why.put("run", runId);
            why.put("host", host);
            why.put("node", node);
            why.put("reason", detail);
            AuditTrail.append(c, Store.SYSTEM_ACTOR, "CLAIM_REVOKED", "plan " + planId, Store.json(why));
            releaseSlot(c, runId, host);
            done(c, runId, host, "UNKNOWN", detail, true);
            update(c, "UPDATE wave_hosts SET claim_seq = claim_seq + 1 WHERE run_id = ? AND host = ?", runId, host);
            return true;
        });
    }

    /**
     * The owner closes a wave's hosts no node has claimed (the run aborted): DONE with {@code outcome}, claimable no
     * more. Returns them; the owner journals each. A host being claimed right now is waited for: it is then CLAIMED.
     */
    public List<String> closePending(String runId, int wave, String outcome, String detail) {
        return store.inTransaction("close the unclaimed hosts of wave " + wave + " of run " + runId, c -> {
            List<String> hosts = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT host FROM wave_hosts WHERE run_id = ? AND wave = ?"
                    + " AND state = 'PENDING' ORDER BY position FOR UPDATE")) {
                ps.setString(1, runId);
                ps.setInt(2, wave);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        hosts.add(rs.getString(1));
                    }
                }
            }
            for (String h : hosts) {
                done(c, runId, h, outcome, detail, false);
            }
            return hosts;
        });
    }

    /**
     * Releases the claims of nodes whose check-in lapsed (Quartz's {@code QRTZ_SCHEDULER_STATE}: no row, or the last
     * check-in older than the node's interval plus {@code grace}) and of claims older than {@code grace} whose node
     * never checked in: each host is PENDING again, its group's slot freed, with a CLAIM_RELEASED audit record. The
     * next claim starts it from the state its dead node last journaled (ACTING or ACTED: asked, never installed
     * twice). Returns the hosts released, as "run/host".
     */
    public List<String> releaseLapsed(Duration grace) {
        // Read first, without locks: on a healthy cluster nothing is lapsed and nothing is locked (every node polls).
        List<String[]> lapsed = store.read("find the claims of lapsed nodes", c -> lapsed(c, grace));
        if (lapsed.isEmpty()) {
            return List.of();
        }
        return store.inTransaction("release the claims of lapsed nodes", c -> {
            List<String[]> still = new ArrayList<>();
            for (String[] l : lapsed) {
                // Still that claim, and no write of its node in progress (a write in progress holds the row).
                try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM wave_hosts WHERE run_id = ? AND host = ?"
                        + " AND state = 'CLAIMED' AND node = ? AND claim_seq = ? FOR UPDATE SKIP LOCKED")) {
                    ps.setString(1, l[0]);
                    ps.setString(2, l[1]);
                    ps.setString(3, l[2]);
                    ps.setInt(4, Integer.parseInt(l[5]));
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) {
                            still.add(l);
                        }
                    }
                }
            }
            // Locks in the order a claimed host's write takes them (its row, the audit head, its group), the groups by
            // name as a claim takes them: a release never waits for a write or a claim that waits for it.
            still.sort(Comparator.comparing((String[] l) -> l[0]).thenComparing(l -> l[4]));
            List<String> released = new ArrayList<>();
            for (String[] l : still) {
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("run", l[0]);
                why.put("host", l[1]);
                why.put("node", l[2]);
                why.put("reason", "the node's check-in lapsed: the host is claimable again and is decided from its facts");
                AuditTrail.append(c, Store.SYSTEM_ACTOR, "CLAIM_RELEASED", "plan " + l[3], Store.json(why));
                released.add(l[0] + "/" + l[1]);
            }
            for (String[] l : still) {
                releaseSlot(c, l[0], l[1]);
                update(c, "UPDATE wave_hosts SET state = 'PENDING', node = NULL, claimed_at = NULL WHERE run_id = ?"
                        + " AND host = ?", l[0], l[1]);
            }
            return released;
        });
    }

    /** The CLAIMED rows whose node's check-in lapsed: {run, host, node, plan, group, claim number}. */
    private static List<String[]> lapsed(Connection c, Duration grace) throws SQLException {
        List<String[]> claimed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT run_id, host, node, plan_id, group_name, claim_seq,"
                + " claimed_at FROM wave_hosts WHERE state = 'CLAIMED'");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                claimed.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), Integer.toString(rs.getInt(6)),
                        Long.toString(Store.instant(rs, 7).toEpochMilli())});
            }
        }
        if (claimed.isEmpty()) {
            return claimed;
        }
        long now = System.currentTimeMillis();
        Map<String, Long> expiry = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL FROM QRTZ_SCHEDULER_STATE");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                expiry.put(rs.getString(1), rs.getLong(2) + rs.getLong(3) + grace.toMillis());
            }
        }
        // A node with no check-in row: Quartz removed it as failed, or it never checked in; its claim is kept for
        // the grace after it was taken (a node claims only once its scheduler runs).
        claimed.removeIf(l -> {
            Long until = expiry.get(l[2]);
            return (until == null ? Long.parseLong(l[6]) + grace.toMillis() : until) >= now;
        });
        return claimed;
    }

    /**
     * A claim this node holds whose host's visit ended without settling it (a write failed): handed back PENDING,
     * its slot freed, so that another claim decides the host from its journaled state. False when it is no longer
     * this node's claim (settled, released, or the run ended).
     */
    public boolean handBack(Claim claim) {
        return store.inTransaction("hand back the claim on " + claim.host(), c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM wave_hosts WHERE run_id = ? AND host = ?"
                    + " AND state = 'CLAIMED' AND node = ? AND claim_seq = ? FOR UPDATE")) {
                ps.setString(1, claim.runId());
                ps.setString(2, claim.host());
                ps.setString(3, claim.node());
                ps.setInt(4, claim.seq());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return false;
                    }
                }
            }
            releaseSlot(c, claim.runId(), claim.host());
            update(c, "UPDATE wave_hosts SET state = 'PENDING', node = NULL, claimed_at = NULL WHERE run_id = ?"
                    + " AND host = ?", claim.runId(), claim.host());
            return true;
        });
    }

    private static void done(Connection c, String runId, String host, String outcome, String detail, boolean irreversible)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE wave_hosts SET state = 'DONE', outcome = ?, detail = ?,"
                + " irreversible = ?, done_at = ? WHERE run_id = ? AND host = ?")) {
            ps.setString(1, outcome);
            ps.setString(2, detail == null ? "" : detail);
            ps.setBoolean(3, irreversible);
            ps.setObject(4, Store.utc(Instant.now().truncatedTo(ChronoUnit.MICROS)));
            ps.setString(5, runId);
            ps.setString(6, host);
            ps.executeUpdate();
        }
    }

    private static void releaseSlot(Connection c, String runId, String host) throws SQLException {
        update(c, "UPDATE wave_groups SET in_flight = in_flight - 1 WHERE in_flight > 0 AND run_id = ? AND group_name ="
                + " (SELECT group_name FROM wave_hosts WHERE run_id = ? AND host = ?)", runId, runId, host);
    }

    private static String group(String group) {
        return group == null ? "" : group;
    }

    private static boolean exists(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static int update(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setString(i + 1, parameters[i]);
            }
            return ps.executeUpdate();
        }
    }
}

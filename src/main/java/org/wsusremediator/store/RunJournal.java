package org.wsusremediator.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run journal: which runs of which plans started, when, why, by whom, and how they ended. Starting a run
 * claims its plan: two live runs of one plan could install twice, so a second one is refused while the first
 * one is alive: it is a run of this process, or its heartbeat is younger than its lease. A run whose process died is
 * marked INTERRUPTED by the next run of the plan, which then recovers its hosts.
 *
 * <p>A heartbeat cannot tell a dead process from a stopped one (SIGSTOP, Ctrl-Z, a suspended VM): a run taken over
 * while stopped may wake up. So ownership is fenced: every host-state write of a run renews its lease in the same
 * transaction, and only while its row is RUNNING ({@link #fence}); the takeover locks the row and marks it
 * INTERRUPTED first. A run whose write or heartbeat finds its row no longer RUNNING has lost the plan: it acts on
 * nothing more and ends SUPERSEDED.
 */
public final class RunJournal {

    private static final String COLUMNS = "id, plan_id, cause, started_by, started_at, deadline, heartbeat_at,"
            + " finished_at, status, abort_reason, fence, lease_ms, retry_of, node";

    /** The longest lease a run may declare, and the longest a takeover honours whatever a row says. */
    public static final Duration LONGEST_LEASE = Duration.ofMinutes(10);

    private final Store store;

    RunJournal(Store store) {
        this.store = store;
    }

    /**
     * Journals a new RUNNING run, with a RUN_STARTED audit record carrying {@code details}, in one transaction
     * that also marks the plan's dead runs INTERRUPTED.
     *
     * @param lease          how long this run's heartbeat stays valid: recorded with the run, so that whoever
     *                       takes the plan over later honours this run's lease, not one of their own choosing
     * @param hostStatesSeen {@link #hostStatesWritten} when the caller read the host states it decided from: if a
     *                       run thought dead wrote since, the claim is refused ({@link StaleRunViewException})
     * @throws RunConflictException when another live process is running the plan
     */
    public RunRecord start(String runId, String planId, String cause, String startedBy, Instant deadline,
            Duration lease, long hostStatesSeen, Map<String, Object> details) {
        return start(runId, planId, cause, startedBy, deadline, lease, hostStatesSeen, details, null);
    }

    /** As above, for a run that retries the failed hosts of run {@code retryOf} (null: an ordinary run). */
    public RunRecord start(String runId, String planId, String cause, String startedBy, Instant deadline,
            Duration lease, long hostStatesSeen, Map<String, Object> details, String retryOf) {
        return store.inTransaction("start run " + runId + " of plan " + planId, c -> {
            lockPlan(c, planId);
            String node = NodeIdentity.current().instanceId();
            List<String> takenOver = new ArrayList<>();
            // Locking the running rows waits for a write of theirs in progress, and makes their next one wait for
            // this claim: a run's write either lands before the claim (and is seen below) or finds itself fenced.
            List<RunRecord> runningRows = select(c, "WHERE plan_id = ? AND status = 'RUNNING' FOR UPDATE", planId);
            // The time the leases are compared with is read once the locks are held: waiting for them (a stopped
            // holder's session is ended only after Store.IDLE_IN_TRANSACTION) must not make a dead run look alive.
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            for (RunRecord running : runningRows) {
                // A run of this process is alive whatever its heartbeat says (two window firings can overlap).
                boolean here = store.runsHere().contains(running.id());
                // The owner's lease, capped: a row edited to a huge lease must not hold a plan forever.
                Duration itsLease = running.lease() == null ? lease
                        : running.lease().compareTo(LONGEST_LEASE) > 0 ? LONGEST_LEASE : running.lease();
                Instant expiry = running.heartbeatAt().plus(itsLease);
                boolean dead = !here && (store.embedded() || expiry.isBefore(now));
                if (!dead) {
                    throw new RunConflictException("plan " + planId + " is being run by " + (here ? "this" : "another")
                            + " process (run " + running.id() + ", started " + running.startedAt() + " by "
                            + running.startedBy() + ", last heartbeat " + running.heartbeatAt() + ")"
                            + (here ? "" : "; its lease runs out at " + expiry.truncatedTo(ChronoUnit.SECONDS)
                            + ": if that process is gone, run this again after that"));
                }
                update(c, "UPDATE runs SET status = 'INTERRUPTED' WHERE id = ?", running.id());
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("run", running.id());
                // Which node took which run over from which node (null: a run journaled before V13).
                why.put("node", running.node());
                why.put("foundOnNode", node);
                why.put("lastHeartbeat", running.heartbeatAt().toString());
                why.put("leaseExpired", expiry.toString());
                why.put("foundBy", runId);
                AuditTrail.append(c, Store.SYSTEM_ACTOR, "RUN_INTERRUPTED", "plan " + planId, Store.json(why));
                takenOver.add(running.id());
            }
            if (countHostStates(c, planId) != hostStatesSeen) {
                throw new StaleRunViewException(planId);
            }
            long fence = nextFence(c, planId);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, plan_id, cause, started_by, started_at,"
                    + " deadline, heartbeat_at, status, fence, lease_ms, retry_of, node)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING', ?, ?, ?, ?)")) {
                ps.setString(1, runId);
                ps.setString(2, planId);
                ps.setString(3, cause);
                ps.setString(4, startedBy);
                ps.setObject(5, Store.utc(now));
                ps.setObject(6, deadline == null ? null : Store.utc(deadline));
                ps.setObject(7, Store.utc(now));
                ps.setLong(8, fence);
                ps.setLong(9, lease.toMillis());
                ps.setString(10, retryOf);
                ps.setString(11, node);
                ps.executeUpdate();
            }
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("run", runId);
            audit.put("fence", fence);
            audit.put("cause", cause);
            audit.put("node", node);
            if (!takenOver.isEmpty()) {
                audit.put("takesOver", takenOver);
            }
            if (retryOf != null) {
                audit.put("retryOf", retryOf);
            }
            audit.put("deadline", deadline == null ? null : deadline.truncatedTo(ChronoUnit.MICROS).toString());
            audit.putAll(details);
            AuditTrail.append(c, startedBy, "RUN_STARTED", "plan " + planId, Store.json(audit));
            store.runsHere().add(runId); // before the commit: no other run of this process may claim the plan meanwhile
            return select(c, "WHERE id = ?", runId).get(0);
        });
    }

    /** How many host states the plan has: the mark {@link #start} compares with what its caller read. */
    public long hostStatesWritten(String planId) {
        return store.read("count host states of plan " + planId, c -> countHostStates(c, planId));
    }

    /**
     * Renews the run's lease, and says whether the run still owns its plan: false once another run took it over
     * (the run must then act on nothing more).
     */
    public boolean renew(String runId) {
        return store.inTransaction("renew the lease of run " + runId, c -> {
            try {
                fence(c, runId);
                return true;
            } catch (LeaseLostException lost) {
                return false;
            }
        });
    }

    /**
     * The fence, in the caller's transaction: renews the run's lease if its row is still RUNNING, else throws, and
     * the caller's write is rolled back with it. The row lock it takes is what a takeover waits for.
     */
    static void fence(Connection c, String runId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'")) {
            ps.setObject(1, Store.utc(Instant.now()));
            ps.setString(2, runId);
            if (ps.executeUpdate() != 1) {
                throw new LeaseLostException(runId);
            }
        }
    }

    /**
     * Ends a run with its status (and why it stopped starting hosts), with a RUN_FINISHED audit record, and returns
     * the status journaled. A run that another run took over ends SUPERSEDED instead, with a RUN_SUPERSEDED record
     * naming the run that took over: its INTERRUPTED mark is never overwritten by a status of its own.
     */
    public String finish(String runId, String planId, String status, String abortReason, Map<String, Object> details) {
        String journaled = store.inTransaction("finish run " + runId, c -> {
            Instant now = Instant.now();
            if (end(c, runId, "RUNNING", status, abortReason, now)) {
                Map<String, Object> audit = new LinkedHashMap<>();
                audit.put("run", runId);
                audit.put("status", status);
                if (abortReason != null) {
                    audit.put("abortReason", abortReason);
                }
                audit.putAll(details);
                AuditTrail.append(c, Store.SYSTEM_ACTOR, "RUN_FINISHED", "plan " + planId, Store.json(audit));
                return status;
            }
            String why = "another run took the plan over after this run's lease expired; this run stopped acting";
            end(c, runId, "INTERRUPTED", "SUPERSEDED", why, now);
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("run", runId);
            audit.put("status", "SUPERSEDED");
            audit.put("takenOverBy", select(c, "WHERE plan_id = ? ORDER BY started_at DESC", planId).stream()
                    .filter(r -> !r.id().equals(runId)).map(RunRecord::id).findFirst().orElse(null));
            audit.put("reason", why);
            audit.putAll(details);
            AuditTrail.append(c, Store.SYSTEM_ACTOR, "RUN_SUPERSEDED", "plan " + planId, Store.json(audit));
            return "SUPERSEDED";
        });
        store.runsHere().remove(runId);
        return journaled;
    }

    private static boolean end(Connection c, String runId, String from, String status, String abortReason, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE runs SET status = ?, abort_reason = ?, finished_at = ? WHERE id = ? AND status = ?")) {
            ps.setString(1, status);
            ps.setString(2, abortReason);
            ps.setObject(3, Store.utc(now));
            ps.setString(4, runId);
            ps.setString(5, from);
            return ps.executeUpdate() == 1;
        }
    }

    public List<RunRecord> ofPlan(String planId) {
        return store.read("read runs of plan " + planId, c -> select(c, "WHERE plan_id = ? ORDER BY started_at, id", planId));
    }

    /** Every run, newest first. */
    public List<RunRecord> all() {
        return store.read("read runs", c -> select(c, "ORDER BY started_at DESC, id DESC", null));
    }

    private static void lockPlan(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM plans WHERE id = ? FOR UPDATE")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no plan " + planId);
                }
            }
        }
    }

    private static long countHostStates(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM host_states WHERE plan_id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long nextFence(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(fence), 0) + 1 FROM runs WHERE plan_id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void update(Connection c, String sql, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, id);
            ps.executeUpdate();
        }
    }

    private static List<RunRecord> select(Connection c, String where, String parameter) throws SQLException {
        List<RunRecord> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM runs " + where)) {
            if (parameter != null) {
                ps.setString(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RunRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            Store.instant(rs, 5), nullable(rs, 6), Store.instant(rs, 7), nullable(rs, 8),
                            rs.getString(9), rs.getString(10), (Long) rs.getObject(11, Long.class),
                            rs.getObject(12) == null ? null : Duration.ofMillis(rs.getLong(12)), rs.getString(13),
                            rs.getString(14)));
                }
            }
        }
        return out;
    }

    private static Instant nullable(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column) == null ? null : Store.instant(rs, column);
    }
}

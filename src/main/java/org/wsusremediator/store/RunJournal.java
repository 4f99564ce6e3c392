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
 * one is alive: it is a run of this process, or its heartbeat is younger than the lease. A run whose process died is marked
 * INTERRUPTED by the next run of the plan, which then recovers its hosts.
 */
public final class RunJournal {

    private static final String COLUMNS =
            "id, plan_id, cause, started_by, started_at, deadline, heartbeat_at, finished_at, status, abort_reason";

    private final Store store;

    RunJournal(Store store) {
        this.store = store;
    }

    /**
     * Journals a new RUNNING run, with a RUN_STARTED audit record carrying {@code details}, in one transaction
     * that also marks the plan's dead runs INTERRUPTED.
     *
     * @param lease how old a RUNNING run's heartbeat must be for its process to count as gone. On the embedded
     *              H2 file no other process can have the database open, so every RUNNING run not of this
     *              process is dead.
     * @throws RunConflictException when another live process is running the plan
     */
    public RunRecord start(String runId, String planId, String cause, String startedBy, Instant deadline,
            Duration lease, Map<String, Object> details) {
        return store.inTransaction("start run " + runId + " of plan " + planId, c -> {
            Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
            lockPlan(c, planId);
            for (RunRecord running : select(c, "WHERE plan_id = ? AND status = 'RUNNING'", planId)) {
                // A run of this process is alive whatever its heartbeat says (two window firings can overlap).
                boolean here = store.runsHere().contains(running.id());
                boolean dead = !here && (store.embedded() || running.heartbeatAt().isBefore(now.minus(lease)));
                if (!dead) {
                    throw new RunConflictException("plan " + planId + " is being run by " + (here ? "this" : "another")
                            + " process (run "
                            + running.id() + ", started " + running.startedAt() + " by " + running.startedBy()
                            + ", last heartbeat " + running.heartbeatAt() + ")");
                }
                update(c, "UPDATE runs SET status = 'INTERRUPTED' WHERE id = ?", running.id());
                Map<String, Object> why = new LinkedHashMap<>();
                why.put("run", running.id());
                why.put("lastHeartbeat", running.heartbeatAt().toString());
                why.put("foundBy", runId);
                AuditTrail.append(c, Store.SYSTEM_ACTOR, "RUN_INTERRUPTED", "plan " + planId, Store.json(why));
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO runs (id, plan_id, cause, started_by, started_at,"
                    + " deadline, heartbeat_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, 'RUNNING')")) {
                ps.setString(1, runId);
                ps.setString(2, planId);
                ps.setString(3, cause);
                ps.setString(4, startedBy);
                ps.setObject(5, Store.utc(now));
                ps.setObject(6, deadline == null ? null : Store.utc(deadline));
                ps.setObject(7, Store.utc(now));
                ps.executeUpdate();
            }
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("run", runId);
            audit.put("cause", cause);
            audit.put("deadline", deadline == null ? null : deadline.truncatedTo(ChronoUnit.MICROS).toString());
            audit.putAll(details);
            AuditTrail.append(c, startedBy, "RUN_STARTED", "plan " + planId, Store.json(audit));
            store.runsHere().add(runId); // before the commit: no other run of this process may claim the plan meanwhile
            return select(c, "WHERE id = ?", runId).get(0);
        });
    }

    /** Tells other processes this run's process is alive. */
    public void heartbeat(String runId) {
        store.inTransaction("heartbeat run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE runs SET heartbeat_at = ? WHERE id = ? AND status = 'RUNNING'")) {
                ps.setObject(1, Store.utc(Instant.now()));
                ps.setString(2, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Ends a run with its status (and why it stopped starting hosts), with a RUN_FINISHED audit record. */
    public void finish(String runId, String planId, String status, String abortReason, Map<String, Object> details) {
        store.inTransaction("finish run " + runId, c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE runs SET status = ?, abort_reason = ?, finished_at = ? WHERE id = ?")) {
                ps.setString(1, status);
                ps.setString(2, abortReason);
                ps.setObject(3, Store.utc(Instant.now()));
                ps.setString(4, runId);
                ps.executeUpdate();
            }
            Map<String, Object> audit = new LinkedHashMap<>();
            audit.put("run", runId);
            audit.put("status", status);
            if (abortReason != null) {
                audit.put("abortReason", abortReason);
            }
            audit.putAll(details);
            AuditTrail.append(c, Store.SYSTEM_ACTOR, "RUN_FINISHED", "plan " + planId, Store.json(audit));
            return null;
        });
        store.runsHere().remove(runId);
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
                            rs.getString(9), rs.getString(10)));
                }
            }
        }
        return out;
    }

    private static Instant nullable(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column) == null ? null : Store.instant(rs, column);
    }
}

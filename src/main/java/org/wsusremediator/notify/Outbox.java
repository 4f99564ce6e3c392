package org.wsusremediator.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.StoreException;

/**
 * The notification outbox ({@code notification_cursors}, {@code notifications}, migration V7). The audit trail is
 * the durable record of each plan event (written in the transaction of the change itself); {@link #enqueue} turns
 * the records past each endpoint's cursor into one PENDING row per event and endpoint; {@link #claim} hands due rows
 * to one process at a time; {@link #delivered} and {@link #failed} settle them. Safe with several processes: the
 * cursor row and each claimed row are locked, and a claim holds a row only for its lease, so the rows of a process
 * killed while sending are sent again (at least once, never lost).
 */
final class Outbox {

    /** Audit records read per endpoint and poll. */
    static final int BATCH = 200;

    private final Store store;

    Outbox(Store store) {
        this.store = store;
    }

    /**
     * Queues every plan event recorded after the endpoint's cursor. An endpoint seen for the first time starts with
     * the events of the last {@code backlog} (a CLI user who just configured it gets the plan made an hour ago, a
     * webhook added a year later does not get a year of history). Returns how many rows were queued.
     */
    int enqueue(NotifyEndpoint endpoint, Instant now, Duration backlog) {
        Map<Long, Optional<PlanEvent.Message>> built = new HashMap<>();
        try {
            return store.inTransaction("queue plan events for " + endpoint.describe(), c -> {
                Long cursor = cursor(c, endpoint.key());
                if (cursor == null) {
                    cursor = startingCursor(c, now.minus(backlog));
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO notification_cursors (endpoint, audit_seq) VALUES (?, ?)")) {
                        ps.setString(1, endpoint.key());
                        ps.setLong(2, cursor);
                        ps.executeUpdate();
                    }
                }
                long head = auditHead(c);
                long upper = Math.min(head, cursor + BATCH);
                if (upper <= cursor) {
                    return 0;
                }
                int queued = 0;
                for (PlanEvent.Message m : events(c, cursor, upper, built)) {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO notifications (endpoint, audit_seq,"
                            + " event_type, plan_id, event, state, attempts, next_attempt_at)"
                            + " VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?)")) {
                        ps.setString(1, endpoint.key());
                        ps.setLong(2, m.auditSeq());
                        ps.setString(3, m.type());
                        ps.setString(4, m.planId());
                        ps.setString(5, m.json());
                        ps.setObject(6, utc(now));
                        ps.executeUpdate();
                        queued++;
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE notification_cursors SET audit_seq = ? WHERE endpoint = ?")) {
                    ps.setLong(1, upper);
                    ps.setString(2, endpoint.key());
                    ps.executeUpdate();
                }
                return queued;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                return 0; // another process queued the same records (or created the cursor) first: nothing lost
            }
            throw e;
        }
    }

    /**
     * Claims up to {@code limit} due rows of the given endpoints for this process: each claimed row's attempt count
     * is raised and its next attempt moved to {@code now + lease}, so no other process sends it meanwhile, and a
     * process killed while sending leaves it due again when the lease ends.
     */
    List<Delivery> claim(List<NotifyEndpoint> endpoints, Instant now, Duration lease, int limit) {
        if (endpoints.isEmpty() || limit <= 0) {
            return List.of();
        }
        Map<String, NotifyEndpoint> byKey = endpoints.stream()
                .collect(Collectors.toMap(NotifyEndpoint::key, e -> e, (a, b) -> a, LinkedHashMap::new));
        String keys = byKey.keySet().stream().map(k -> "?").collect(Collectors.joining(", "));
        return store.inTransaction("claim plan events to send", c -> {
            List<Delivery> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, endpoint, audit_seq, event_type, plan_id, event,"
                    + " attempts FROM notifications WHERE state = 'PENDING' AND next_attempt_at <= ? AND endpoint IN ("
                    + keys + ") ORDER BY id")) {
                ps.setObject(1, utc(now));
                int i = 2;
                for (String key : byKey.keySet()) {
                    ps.setString(i++, key);
                }
                ps.setMaxRows(limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Delivery(rs.getLong(1), rs.getInt(7) + 1, byKey.get(rs.getString(2)), rs.getString(4),
                                rs.getString(5), rs.getLong(3), rs.getString(6)));
                    }
                }
            }
            List<Delivery> claimed = new ArrayList<>();
            for (Delivery d : due) {
                try (PreparedStatement ps = c.prepareStatement("UPDATE notifications SET attempts = ?, next_attempt_at = ?"
                        + " WHERE id = ? AND state = 'PENDING' AND attempts = ?")) {
                    ps.setInt(1, d.attempt());
                    ps.setObject(2, utc(now.plus(lease)));
                    ps.setLong(3, d.id());
                    ps.setInt(4, d.attempt() - 1);
                    if (ps.executeUpdate() == 1) {
                        claimed.add(d);
                    }
                }
            }
            claimed.sort(Comparator.comparingLong(Delivery::id));
            return claimed;
        });
    }

    /** The endpoint took the event. A row whose claim another process took over meanwhile is left to it. */
    void delivered(Delivery d) {
        settle(d, "UPDATE notifications SET state = 'SENT', last_error = NULL WHERE id = ? AND attempts = ?"
                + " AND state = 'PENDING'", null, null);
    }

    /** The attempt failed: due again at {@code retryAt}, or FAILED when {@code retryAt} is null (attempts used up). */
    void failed(Delivery d, String why, Instant retryAt) {
        if (retryAt == null) {
            settle(d, "UPDATE notifications SET state = 'FAILED', last_error = ? WHERE id = ? AND attempts = ?"
                    + " AND state = 'PENDING'", why, null);
        } else {
            settle(d, "UPDATE notifications SET last_error = ?, next_attempt_at = ? WHERE id = ? AND attempts = ?"
                    + " AND state = 'PENDING'", why, retryAt);
        }
    }

    private void settle(Delivery d, String sql, String why, Instant retryAt) {
        store.inTransaction("settle the plan event " + d.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (why != null) {
                    ps.setString(i++, why);
                }
                if (retryAt != null) {
                    ps.setObject(i++, utc(retryAt));
                }
                ps.setLong(i++, d.id());
                ps.setInt(i, d.attempt());
                return ps.executeUpdate();
            }
        });
    }

    /** Forgets the rows sent before {@code before}: the audit trail keeps the events themselves. */
    int prune(Instant before) {
        return store.inTransaction("forget plan events sent long ago", c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM notifications WHERE state = 'SENT' AND next_attempt_at < ?")) {
                ps.setObject(1, utc(before));
                return ps.executeUpdate();
            }
        });
    }

    /** How many rows are in each state (PENDING, SENT, FAILED), for {@code status} and metrics. */
    Map<String, Long> counts() {
        return store.read("count plan events", c -> {
            Map<String, Long> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT state, COUNT(*) FROM notifications GROUP BY state ORDER BY state");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    private List<PlanEvent.Message> events(Connection c, long after, long upTo, Map<Long, Optional<PlanEvent.Message>> built)
            throws SQLException {
        List<PlanEvent.Message> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, recorded_at, actor, action, subject, details, hash"
                + " FROM audit_log WHERE seq > ? AND seq <= ? AND action IN ('PLAN_CREATED', 'PLAN_APPROVED',"
                + " 'PLAN_REJECTED', 'PLAN_EXPIRED') ORDER BY seq")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    Instant at = rs.getObject(2, OffsetDateTime.class).toInstant();
                    String actor = rs.getString(3);
                    String action = rs.getString(4);
                    String subject = rs.getString(5);
                    String details = rs.getString(6);
                    String hash = rs.getString(7);
                    built.computeIfAbsent(seq, s -> PlanEvent.of(s, at, actor, action, subject, details, hash,
                            this::plan)).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private Optional<Plan> plan(String id) {
        return store.plan(id);
    }

    private static Long cursor(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT audit_seq FROM notification_cursors WHERE endpoint = ? FOR UPDATE")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** The last audit record before {@code since}: a new endpoint's cursor. */
    private static long startingCursor(Connection c, Instant since) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM audit_log WHERE recorded_at < ?")) {
            ps.setObject(1, utc(since));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /**
     * The committed head. Appends are serialised on the audit_head row and commit in seq order, so every record up to
     * it is visible: a cursor moved to it skips nothing.
     */
    private static long auditHead(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq FROM audit_head WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private static OffsetDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}

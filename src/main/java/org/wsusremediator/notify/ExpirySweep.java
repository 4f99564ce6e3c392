package org.wsusremediator.notify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.store.AuditRecord;
import org.wsusremediator.store.AuditTrail;
import org.wsusremediator.store.Store;
import org.wsusremediator.store.StoreException;

/**
 * Expires plans by themselves: each plan whose status has become {@link PlanStatus#EXPIRED} gets one PLAN_EXPIRED
 * audit record, ever. Idempotent, and safe when two processes sweep at once: the plan's row is locked, the guard
 * row of {@code plan_expiries} is checked and inserted, and the audit record appended, in one transaction; the
 * guard's primary key stops a second record even where the lock would not.
 *
 * <p>The sweep only records what the rules already say: an expired plan approves nothing and runs nothing whether
 * or not it was swept ({@link PlanStatus#of} reads {@code expires_at}, not the guard).
 */
public final class ExpirySweep {

    /** The audit action, and the event's type. */
    public static final String PLAN_EXPIRED = "PLAN_EXPIRED";

    /** SQLState of a unique or primary key violation, on H2 and PostgreSQL alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private ExpirySweep() {
    }

    /** Expires every plan that has expired by {@code now} and is not yet recorded so; returns their ids. */
    public static List<String> sweep(Store store, ApprovalPolicy policy, Instant now) {
        return sweep(store, policy, Decisions.recorded(store), now);
    }

    /** As {@link #sweep(Store, ApprovalPolicy, Instant)}, deciding from the decisions that count. */
    public static List<String> sweep(Store store, ApprovalPolicy policy, Decisions decisions, Instant now) {
        List<String> expired = new ArrayList<>();
        for (String planId : candidates(store, now)) {
            if (expire(store, policy, decisions, planId, now)) {
                expired.add(planId);
            }
        }
        return expired;
    }

    /**
     * How long after its expiry a plan is still expired by a sweep. Past that it is EXPIRED all the same (the status
     * is computed), only without a record: a store upgraded to this version does not get a PLAN_EXPIRED record, and
     * an event, for every plan that expired years ago; and the rejected plans, which stay candidates (their
     * rejections are in JSON the query cannot read), are not read again at every poll forever.
     */
    static final java.time.Duration RECORDED_WITHIN = java.time.Duration.ofDays(7);

    /** Plans past their expiry (recently), with hosts to approve, never run, not yet recorded as expired. */
    private static List<String> candidates(Store store, Instant now) {
        return store.read("find expired plans", c -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT p.id FROM plans p WHERE p.expires_at <= ?"
                    + " AND p.expires_at > ?"
                    + " AND EXISTS (SELECT 1 FROM plan_hosts h WHERE h.plan_id = p.id AND h.needs_approval = TRUE)"
                    + " AND NOT EXISTS (SELECT 1 FROM plan_expiries e WHERE e.plan_id = p.id)"
                    + " AND NOT EXISTS (SELECT 1 FROM runs r WHERE r.plan_id = p.id) ORDER BY p.expires_at, p.id")) {
                ps.setObject(1, now.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
                ps.setObject(2, now.minus(RECORDED_WITHIN).truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getString(1));
                    }
                }
            }
            return ids;
        });
    }

    /** Expires one plan if its status says so and nobody did yet; false when there was nothing to do. */
    static boolean expire(Store store, ApprovalPolicy policy, Decisions counted, String planId, Instant now) {
        Plan plan = store.plan(planId).orElse(null);
        if (plan == null) {
            return false;
        }
        var decisions = counted.of(plan);
        if (PlanStatus.of(plan, policy, decisions, store.runs().ofPlan(planId), now) != PlanStatus.EXPIRED) {
            return false; // rejected, or run meanwhile: those are final words of their own
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("expiresAt", plan.expiresAt().truncatedTo(ChronoUnit.MICROS).toString());
        details.put("hostsNeedingApproval", plan.hosts().stream().filter(PlannedHost::needsApproval).count());
        details.put("approvedBeforeExpiry", List.copyOf(PlanStatus.approvedBeforeExpiry(plan, policy, decisions)));
        try {
            return store.inTransaction("expire plan " + planId, c -> {
                lockPlan(c, planId);
                if (alreadyExpired(c, planId)) {
                    return false; // another sweeper was first: it waited for nobody, this one waited for it
                }
                AuditRecord record = AuditTrail.append(c, Store.SYSTEM_ACTOR, PLAN_EXPIRED, "plan " + planId,
                        Store.jsonObject(details));
                try (PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO plan_expiries (plan_id, expired_at, audit_seq) VALUES (?, ?, ?)")) {
                    ps.setString(1, planId);
                    ps.setObject(2, record.at().atOffset(ZoneOffset.UTC));
                    ps.setLong(3, record.seq());
                    ps.executeUpdate();
                }
                return true;
            });
        } catch (StoreException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false; // the guard held: another sweeper's record stands, this one was rolled back
            }
            throw e;
        }
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

    private static boolean alreadyExpired(Connection c, String planId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plan_expiries WHERE plan_id = ?")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }
}

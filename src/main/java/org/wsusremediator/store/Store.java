package org.wsusremediator.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.wsusremediator.classify.Action;
import org.wsusremediator.consent.AuditAnchor;
import org.wsusremediator.consent.Consent;
import org.wsusremediator.consent.ConsentCheck;
import org.wsusremediator.consent.ConsentException;
import org.wsusremediator.consent.Identity;
import org.wsusremediator.consent.SealedDecision;
import org.wsusremediator.consent.Sealer;
import org.wsusremediator.consent.ServerKey;
import org.wsusremediator.host.FactSheet;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.Approval;
import org.wsusremediator.plan.ApprovedSettings;
import org.wsusremediator.plan.Decision;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The durable store: plans, approvals, host states and the audit trail, in an embedded H2 file by default or in
 * PostgreSQL by JDBC URL. Every change and its audit record are written in one transaction: both or neither.
 *
 * <p>Times are kept to the microsecond (PostgreSQL's precision); finer parts of the {@link Instant}s given are
 * dropped.
 *
 * <p>The password is held only to open connections; it is never logged, and error messages name the database
 * by {@link #describe(String) its URL with any credentials removed}.
 *
 * <p>Plans and decisions are sealed here, in the one write path every caller goes through (the CLI, the REST API),
 * with the {@link ServerKey} the store was opened with; every audit append is anchored in the {@link AuditAnchor}
 * file once committed. Decisions are read back only as far as their seals verify ({@link #approvals},
 * {@link #consent}): a row inserted, edited or deleted in the database counts for nothing.
 */
public final class Store implements AutoCloseable {

    /** The actor in audit records written by the orchestrator itself (host states). */
    public static final String SYSTEM_ACTOR = "remediator";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CREDENTIALS =
            Pattern.compile("(?i)((?:password|user)=)[^;&]*");

    private final String url;
    private final String user;
    private final String password;
    private final JdbcConnectionPool h2Pool;
    private final int migrationsApplied;
    private final Sealer sealer;
    private final AuditAnchor anchor;
    /** The runs this process has started and not finished (the run journal's claim within one process). */
    private final Set<String> runsHere = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Store(String url, String user, String password, JdbcConnectionPool h2Pool, int migrationsApplied,
            ServerKey key, AuditAnchor anchor) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.h2Pool = h2Pool;
        this.migrationsApplied = migrationsApplied;
        this.sealer = new Sealer(key);
        this.anchor = anchor;
    }

    /** The server key's file in local mode: {@code server.key} beside the embedded store. */
    public static final String KEY_FILE = "server.key";
    /** The audit anchor's file in local mode: {@code audit-anchor.log} beside the embedded store. */
    public static final String ANCHOR_FILE = "audit-anchor.log";

    /**
     * Where local mode keeps the server key and the audit anchor: the embedded store's directory, or for any other
     * database {@code data/} in the working directory (the CLI's data directory).
     */
    public static Path localConsentDirectory(String jdbcUrl) {
        Path h2Base = OwnerOnlyFiles.h2Base(closedByOwner(jdbcUrl));
        return h2Base != null ? h2Base.getParent() : Path.of("data").toAbsolutePath();
    }

    /**
     * Opens the store in local mode: the server key ({@code server.key}, made 0600 on first use) and the audit
     * anchor ({@code audit-anchor.log}) in {@link #localConsentDirectory}.
     */
    public static Store open(String givenUrl, String user, String password) {
        return open(givenUrl, user, password, localConsentDirectory(givenUrl));
    }

    /** As {@link #open(String, String, String)}, with the server key and audit anchor in {@code consentDirectory}. */
    public static Store open(String givenUrl, String user, String password, Path consentDirectory) {
        ServerKey key;
        try {
            key = ServerKey.loadOrCreate(consentDirectory.resolve(KEY_FILE));
        } catch (ConsentException unusable) {
            throw new StoreException(unusable.getMessage(), unusable);
        }
        return open(givenUrl, user, password, key, new AuditAnchor(consentDirectory.resolve(ANCHOR_FILE), key));
    }

    /**
     * The default embedded database: {@code jdbc:h2:retry:<dataDir>/remediator;AUTO_SERVER=FALSE;WRITE_DELAY=0}.
     *
     * <p>{@code retry:} is H2's file system that reopens the file when a thread's interrupt closed it: Java closes
     * a FileChannel for every thread when the one using it is interrupted, and the threads writing to the store
     * are interrupted when they are stopped (Quartz interrupts its scheduler thread and misfire handler on
     * shutdown; Camel interrupts its threads when a stop times out). On a plain file the store was then unusable
     * for the rest of the process ("Writing to FileChannel failed").
     *
     * <p>AUTO_SERVER=FALSE keeps the database strictly in this process: with TRUE, H2 would start a TCP server
     * on the first open so that other processes could connect to the audit trail over the network. With FALSE
     * a second process that tries to open the same file fails at once on H2's file lock, so there is never a
     * second writer outside this process's transactions. (PostgreSQL is the choice for more than one process.)
     *
     * <p>WRITE_DELAY=0: H2 otherwise writes committed transactions to the file up to half a second later, and a
     * killed process would lose them. A host's ACTING state must be on disk before its installer starts.
     */
    public static String defaultH2Url(Path dataDir) {
        return "jdbc:h2:retry:" + dataDir.toAbsolutePath().resolve("remediator") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0";
    }

    /**
     * Opens the store and brings its schema up to date (Flyway, {@code classpath:db/migration}). An embedded
     * H2 file's directory is created owner-only and its files made owner-only ({@link OwnerOnlyFiles}).
     */
    public static Store open(String givenUrl, String user, String password, ServerKey key, AuditAnchor anchor) {
        java.util.Objects.requireNonNull(key, "key");
        java.util.Objects.requireNonNull(anchor, "anchor");
        String jdbcUrl = closedByOwner(givenUrl);
        String where = describe(jdbcUrl);
        Path h2Base = OwnerOnlyFiles.h2Base(jdbcUrl);
        if (h2Base != null) {
            try {
                OwnerOnlyFiles.prepareDirectory(h2Base);
            } catch (java.io.IOException e) {
                throw new StoreException("could not create the store's directory " + h2Base.getParent() + " owner-only ("
                        + e.getClass().getSimpleName() + ")", e);
            }
        }
        java.util.function.Function<String, Flyway> flyway = url -> Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                // The one type the two databases spell differently (Quartz's job store tables).
                .placeholders(Map.of("blobType", jdbcUrl.startsWith("jdbc:h2:") ? "BLOB" : "BYTEA"))
                .load();
        int applied;
        try {
            // H2's DDL is not transactional: the embedded file is created and migrated where a kill cannot leave
            // it half-migrated. PostgreSQL runs each migration in a transaction of its own.
            applied = h2Base != null
                    ? SafeH2Migration.migrate(jdbcUrl, h2Base, user, password, flyway)
                    : flyway.apply(jdbcUrl).migrate().migrationsExecuted;
        } catch (RuntimeException | SQLException e) {
            String message = scrub(e.getMessage(), password);
            String help = message.contains("failed migration")
                    ? " (a migration of this store was cut short: docs/approvals.md, \"Durable state\", says what to do)" : "";
            throw inUse(jdbcUrl, e).orElseGet(() -> new StoreException("could not open or migrate the store at "
                    + where + ": " + message + help, e));
        } catch (java.io.IOException e) {
            throw new StoreException("could not create or migrate the store's file under " + h2Base.getParent()
                    + " (" + e.getClass().getSimpleName() + ": " + scrub(e.getMessage(), password) + ")", e);
        }
        JdbcConnectionPool pool = jdbcUrl.startsWith("jdbc:h2:")
                ? JdbcConnectionPool.create(jdbcUrl, user, password) : null;
        if (pool != null) {
            // A run journals from each of its host threads, plus its heartbeat and Quartz's job store.
            pool.setMaxConnections(64);
        }
        if (h2Base != null) {
            try {
                OwnerOnlyFiles.restrictFiles(h2Base);
            } catch (java.io.IOException e) {
                if (pool != null) {
                    pool.dispose();
                }
                throw new StoreException("could not make the store's files under " + h2Base.getParent() + " owner-only ("
                        + e.getClass().getSimpleName() + "); check that this user owns them", e);
            }
        }
        return new Store(jdbcUrl, user, password, pool, applied, key, anchor);
    }

    /**
     * An H2 URL with {@code DB_CLOSE_ON_EXIT=FALSE}: H2 otherwise closes the database from a JVM shutdown hook of
     * its own, which runs at the same time as the remediator's orderly stop (SIGTERM), so Quartz's job store and
     * the last journal writes found the database closed under them. The store's owner closes it ({@link #close}).
     */
    static String closedByOwner(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:h2:")
                || jdbcUrl.toUpperCase(java.util.Locale.ROOT).contains("DB_CLOSE_ON_EXIT=")) {
            return jdbcUrl;
        }
        return jdbcUrl + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** How many migrations {@link #open} applied: 0 when the schema was already up to date. */
    public int migrationsApplied() {
        return migrationsApplied;
    }

    /** A JDBC URL with any user= or password= parameter values removed, for messages. */
    public static String describe(String jdbcUrl) {
        return jdbcUrl == null ? "(no URL)" : CREDENTIALS.matcher(jdbcUrl).replaceAll("$1***");
    }

    // ---------------------------------------------------------------- plans

    /** Saves a plan and its hosts, with a PLAN_CREATED audit record, in one transaction. */
    public void savePlan(Plan plan) {
        savePlan(plan, c -> { });
    }

    /** As {@link #savePlan(Plan)}, running {@code beforeCommit} last inside the transaction (a test seam). */
    void savePlan(Plan plan, SqlStep beforeCommit) {
        String seal = sealer.seal(plan);
        inTransaction("save plan " + plan.id(), c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO plans (id, requester, created_at, expires_at, inventory, seal) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, plan.id());
                ps.setString(2, plan.requester());
                ps.setObject(3, utc(plan.createdAt()));
                ps.setObject(4, utc(plan.expiresAt()));
                ps.setString(5, plan.inventory());
                ps.setString(6, seal);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO plan_hosts (plan_id, host_index, host, action, reason, fingerprint, needs_approval,"
                            + " settings, facts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 0;
                for (PlannedHost h : plan.hosts()) {
                    ps.setString(1, plan.id());
                    ps.setInt(2, i++);
                    ps.setString(3, h.host());
                    ps.setString(4, h.action().name());
                    ps.setString(5, h.reason());
                    ps.setString(6, h.fingerprint());
                    ps.setBoolean(7, h.needsApproval());
                    ps.setString(8, h.settings() == null ? null : h.settings().toJson());
                    ps.setString(9, h.facts() == null ? null : h.facts().toJson());
                    ps.addBatch();
                }
                if (i > 0) {
                    ps.executeBatch();
                }
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("inventory", plan.inventory());
            details.put("createdAt", plan.createdAt().truncatedTo(ChronoUnit.MICROS).toString());
            details.put("expiresAt", plan.expiresAt().truncatedTo(ChronoUnit.MICROS).toString());
            List<Map<String, Object>> hosts = new ArrayList<>();
            for (PlannedHost h : plan.hosts()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", h.host());
                m.put("action", h.action().name());
                m.put("fingerprint", h.fingerprint());
                m.put("needsApproval", h.needsApproval());
                // The hash chain covers what the approval covers: a settings row edited later no longer matches.
                if (h.settings() != null) {
                    m.put("settings", h.settings().hash());
                }
                hosts.add(m);
            }
            details.put("hosts", hosts);
            details.put("seal", seal);
            AuditTrail.append(c, plan.requester(), "PLAN_CREATED", "plan " + plan.id(), json(details));
            beforeCommit.run(c);
            return null;
        });
    }

    public Optional<Plan> plan(String id) {
        return read("read plan " + id, c -> planIn(c, id));
    }

    private static Optional<Plan> planIn(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, requester, created_at, expires_at, inventory FROM plans WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(planFrom(c, rs)) : Optional.<Plan>empty();
            }
        }
    }

    /** All plans, newest ({@code createdAt}) first. */
    public List<Plan> plans() {
        return read("list plans", c -> {
            List<Plan> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, requester, created_at, expires_at, inventory FROM plans ORDER BY created_at DESC, id DESC");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(planFrom(c, rs));
                }
            }
            return out;
        });
    }

    private static Plan planFrom(Connection c, ResultSet rs) throws SQLException {
        String id = rs.getString(1);
        List<PlannedHost> hosts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT host, action, reason, fingerprint, needs_approval, settings, facts FROM plan_hosts WHERE plan_id = ?"
                        + " ORDER BY host_index")) {
            ps.setString(1, id);
            try (ResultSet h = ps.executeQuery()) {
                while (h.next()) {
                    String settings = h.getString(6);
                    ApprovedSettings approved;
                    try {
                        approved = settings == null ? null : ApprovedSettings.fromJson(settings);
                    } catch (IllegalArgumentException unreadable) {
                        throw new SQLException("the approved settings of " + h.getString(1) + " in plan " + id
                                + " are not readable", unreadable);
                    }
                    hosts.add(new PlannedHost(h.getString(1), Action.valueOf(h.getString(2)), h.getString(3),
                            h.getString(4), h.getBoolean(5), approved, facts(h.getString(7))));
                }
            }
        }
        return new Plan(id, rs.getString(2), instant(rs, 3), instant(rs, 4), rs.getString(5), hosts);
    }

    /**
     * A planned host's facts as stored; null when none were kept, or when the row is not readable as facts: they only
     * explain the action (the fingerprint binds the approval), so an edited row is shown as missing, not trusted, and
     * never stops the plan from being read. The API shows whether kept facts still match the fingerprint.
     */
    private static FactSheet facts(String json) {
        if (json == null) {
            return null;
        }
        try {
            return FactSheet.fromJson(json);
        } catch (IllegalArgumentException unreadable) {
            return null;
        }
    }

    /**
     * The hash of each host's approved settings as the plan's PLAN_CREATED audit record has it (host name to hash;
     * hosts recorded without settings are absent). The audit record is in the hash chain: a settings row edited
     * after the plan was made no longer matches it.
     */
    public Map<String, String> auditedSettings(String planId) {
        return read("read the audit record of plan " + planId, c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT details FROM audit_log WHERE action = 'PLAN_CREATED' AND subject = ? ORDER BY seq")) {
                ps.setString(1, "plan " + planId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        try {
                            for (var host : JSON.readTree(rs.getString(1)).path("hosts")) {
                                if (host.hasNonNull("settings")) {
                                    out.put(host.path("host").asText(), host.path("settings").asText());
                                }
                            }
                        } catch (JsonProcessingException e) {
                            throw new SQLException("the PLAN_CREATED record of plan " + planId + " is not JSON", e);
                        }
                    }
                }
            }
            return out;
        });
    }

    // ---------------------------------------------------------------- approvals

    /**
     * Records an approval or rejection, sealed, with a PLAN_APPROVED or PLAN_REJECTED audit record, in one
     * transaction. For callers that authenticated the admin themselves (the server): the seal records no identity.
     */
    public void recordApproval(Approval approval) {
        recordApproval(approval, null);
    }

    /**
     * Records an approval or rejection as the next decision of its plan's chain, sealed over the plan's seal, the
     * previous decision's seal and {@code identity} (how the CLI identified the admin, which the run checks against
     * its own admin directory), with its audit record, in one transaction. The plan's row is locked first, so two
     * decisions on one plan are chained one after the other.
     */
    public void recordApproval(Approval approval, Identity identity) {
        recordApproval(approval, identity, null);
    }

    /**
     * As {@link #recordApproval(Approval, Identity)}, with the admin's own signature of the decision (base64 Ed25519
     * over consent's SignedStatement; null if unsigned), which the seal covers and the run checks against the admin's
     * signingKey. The store does not check it: {@link #consent} does, against the caller's admin directory.
     */
    public void recordApproval(Approval approval, Identity identity, String signature) {
        inTransaction("record approval of plan " + approval.planId(), c -> {
            String planSeal;
            try (PreparedStatement ps = c.prepareStatement("SELECT seal FROM plans WHERE id = ? FOR UPDATE")) {
                ps.setString(1, approval.planId());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("there is no plan " + approval.planId());
                    }
                    planSeal = rs.getString(1) == null ? "" : rs.getString(1);
                }
            }
            long sequence = 1;
            String previous = "";
            try (PreparedStatement ps = c.prepareStatement("SELECT sequence, seal FROM approvals WHERE plan_id = ?"
                    + " AND sequence IS NOT NULL ORDER BY sequence DESC")) {
                ps.setString(1, approval.planId());
                ps.setMaxRows(1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        sequence = rs.getLong(1) + 1;
                        previous = rs.getString(2) == null ? "" : rs.getString(2);
                    }
                }
            }
            Approval stored = new Approval(approval.planId(), approval.admin(), approval.decision(), approval.hosts(),
                    approval.reason() == null ? "" : approval.reason(), approval.at().truncatedTo(ChronoUnit.MICROS));
            SealedDecision sealed = sealer.seal(stored, sequence, previous, planSeal, identity, signature);
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO approvals (plan_id, admin, decision, hosts, reason, decided_at, sequence, previous_seal,"
                            + " plan_seal, identified_by, seal, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, stored.planId());
                ps.setString(2, stored.admin());
                ps.setString(3, stored.decision().name());
                ps.setString(4, json(stored.hosts()));
                ps.setString(5, stored.reason());
                ps.setObject(6, utc(stored.at()));
                ps.setLong(7, sequence);
                ps.setString(8, previous);
                ps.setString(9, planSeal);
                ps.setString(10, sealed.identifiedBy());
                ps.setString(11, sealed.seal());
                ps.setString(12, signature);
                ps.executeUpdate();
            }
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("hosts", stored.hosts());
            details.put("reason", stored.reason());
            details.put("at", stored.at().toString());
            details.put("sequence", sequence);
            details.put("previous", previous);
            details.put("planSeal", planSeal);
            details.put("identifiedBy", sealed.identifiedBy());
            details.put("seal", sealed.seal());
            if (signature != null) {
                details.put("signature", signature);
            }
            String action = approval.decision() == Decision.APPROVE ? "PLAN_APPROVED" : "PLAN_REJECTED";
            AuditTrail.append(c, stored.admin(), action, "plan " + stored.planId(), json(details));
            return null;
        });
    }

    /**
     * A plan's decisions that verify, in the order they were made: the sealed approvals rows, and sealed decisions
     * whose row was deleted but whose audit record remains (a deleted rejection still rejects). Rows that do not
     * verify (inserted or edited in the database) are left out, and nothing is returned for a plan whose own
     * content no longer matches its seal. Whether the run may rely on them, and whose approvals count, is
     * {@link #consent}'s to say.
     */
    public List<Approval> approvals(String planId) {
        return read("read approvals of plan " + planId, c -> {
            Optional<Plan> plan = planIn(c, planId);
            if (plan.isEmpty()) {
                return List.<Approval>of();
            }
            return check(c, plan.get(), null).authentic();
        });
    }

    /**
     * The consent to {@code plan} (as the caller holds it) checked against the seals and the audit trail, and
     * counted for {@code directory}, the admin directory the caller loaded itself.
     */
    public Consent consent(Plan plan, AdminDirectory directory) {
        return read("check the consent to plan " + plan.id(), c -> check(c, plan, directory));
    }

    private Consent check(Connection c, Plan plan, AdminDirectory directory) throws SQLException {
        String planSeal;
        try (PreparedStatement ps = c.prepareStatement("SELECT seal FROM plans WHERE id = ?")) {
            ps.setString(1, plan.id());
            try (ResultSet rs = ps.executeQuery()) {
                planSeal = rs.next() ? rs.getString(1) : null;
            }
        }
        return new ConsentCheck(sealer).check(plan, planSeal, decisionRows(c, plan.id()), auditedDecisions(c, plan.id()),
                directory);
    }

    private static List<SealedDecision> decisionRows(Connection c, String planId) throws SQLException {
        List<SealedDecision> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT plan_id, admin, decision, hosts, reason, decided_at, sequence, previous_seal, plan_seal,"
                        + " identified_by, seal, signature FROM approvals WHERE plan_id = ? ORDER BY id")) {
            ps.setString(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<String> hosts;
                    try {
                        hosts = JSON.readValue(rs.getString(4), new TypeReference<List<String>>() { });
                    } catch (JsonProcessingException e) {
                        throw new SQLException("approval hosts are not a JSON list of names", e);
                    }
                    Approval a = new Approval(rs.getString(1), rs.getString(2), Decision.valueOf(rs.getString(3)),
                            hosts, rs.getString(5), instant(rs, 6));
                    out.add(new SealedDecision(a, rs.getObject(7, Long.class), rs.getString(8), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
        }
        return out;
    }

    /** The plan's decisions as their audit records tell them (the audit trail's own chain covers these records). */
    private static List<SealedDecision> auditedDecisions(Connection c, String planId) throws SQLException {
        List<SealedDecision> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT actor, action, details FROM audit_log WHERE subject = ?"
                + " AND action IN ('PLAN_APPROVED', 'PLAN_REJECTED') ORDER BY seq")) {
            ps.setString(1, "plan " + planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    try {
                        var d = JSON.readTree(rs.getString(3));
                        if (!d.hasNonNull("seal")) {
                            continue; // recorded before decisions were sealed
                        }
                        List<String> hosts = new ArrayList<>();
                        d.path("hosts").forEach(h -> hosts.add(h.asText()));
                        Approval a = new Approval(planId, rs.getString(1),
                                "PLAN_APPROVED".equals(rs.getString(2)) ? Decision.APPROVE : Decision.REJECT, hosts,
                                d.path("reason").asText(), Instant.parse(d.path("at").asText()));
                        out.add(new SealedDecision(a, d.path("sequence").asLong(), d.path("previous").asText(),
                                d.path("planSeal").asText(), d.hasNonNull("identifiedBy") ? d.path("identifiedBy").asText() : null,
                                d.path("seal").asText(), d.hasNonNull("signature") ? d.path("signature").asText() : null));
                    } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
                        throw new SQLException("an audit record of a decision on plan " + planId + " is not readable", e);
                    }
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- host states

    /** Appends a host's state outside any run, with a HOST_STATE audit record, in one transaction. */
    public void recordHostState(String planId, String host, String state, String detail) {
        recordHostState(planId, null, null, host, state, detail);
    }

    /**
     * Appends a host's state in a run (and wave), with a HOST_STATE audit record, in one transaction. It returns
     * only once committed: callers write IN_FLIGHT/ACTING with this before touching the host.
     */
    public void recordHostState(String planId, String runId, Integer wave, String host, String state, String detail) {
        inTransaction("record state of " + host + " in plan " + planId, c -> {
            if (runId != null) {
                RunJournal.fence(c, runId); // the run still owns the plan, in this transaction, or nothing is written
            }
            appendHostState(c, planId, runId, wave, host, state, detail, null);
            return null;
        });
    }

    /**
     * The host-state row and its HOST_STATE audit record, in the caller's transaction (fenced by the caller).
     * {@code node}: the cluster node that acted on the host under a claim ({@link HostClaims}); null otherwise.
     */
    static void appendHostState(Connection c, String planId, String runId, Integer wave, String host, String state,
            String detail, String node) throws SQLException {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO host_states (plan_id, host, state, detail, recorded_at, run_id, wave)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, planId);
            ps.setString(2, host);
            ps.setString(3, state);
            ps.setString(4, detail == null ? "" : detail);
            ps.setObject(5, utc(now));
            ps.setString(6, runId);
            ps.setObject(7, wave);
            ps.executeUpdate();
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("host", host);
        details.put("state", state);
        details.put("detail", detail == null ? "" : detail);
        if (runId != null) {
            details.put("run", runId);
        }
        if (node != null) {
            details.put("node", node);
        }
        AuditTrail.append(c, SYSTEM_ACTOR, "HOST_STATE", "plan " + planId, json(details));
    }

    /** Each host's most recent state in a plan, hosts in the order they were first seen. */
    public Map<String, String> latestHostStates(String planId) {
        return read("read host states of plan " + planId, c -> {
            Map<String, String> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host, state FROM host_states WHERE plan_id = ? ORDER BY id")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(1), rs.getString(2));
                    }
                }
            }
            return out;
        });
    }

    /** Every state a plan's hosts went through, oldest first. */
    public List<HostStateRecord> hostStates(String planId) {
        return read("read host states of plan " + planId, c -> {
            List<HostStateRecord> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT host, state, detail, recorded_at, run_id, wave FROM host_states WHERE plan_id = ? ORDER BY id")) {
                ps.setString(1, planId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new HostStateRecord(rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4),
                                rs.getString(5), (Integer) rs.getObject(6, Integer.class)));
                    }
                }
            }
            return out;
        });
    }

    Set<String> runsHere() {
        return runsHere;
    }

    /** The journal of plan runs (change windows, apply --now). */
    public RunJournal runs() {
        return new RunJournal(this);
    }

    /** The claimable hosts of shared waves (cluster nodes sharing a run's hosts, PostgreSQL only). */
    public HostClaims claims() {
        return new HostClaims(this);
    }

    /**
     * The change windows' next fire times as Quartz's job store has them (trigger name to time); empty before
     * {@code serve} first registered them.
     */
    public Map<String, Instant> scheduledWindows() {
        return read("read the scheduled windows", c -> {
            Map<String, Instant> out = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT TRIGGER_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'windows' ORDER BY TRIGGER_NAME");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long next = rs.getLong(2);
                    out.put(rs.getString(1), rs.wasNull() || next <= 0 ? null : Instant.ofEpochMilli(next));
                }
            }
            return out;
        });
    }

    /**
     * The clustered scheduler nodes as Quartz's cluster manager records them (QRTZ_SCHEDULER_STATE), by instance id;
     * empty when no clustered scheduler ever ran on this database (a single node writes no check-ins).
     */
    public List<SchedulerCheckin> schedulerCheckins() {
        return read("read the scheduler nodes", c -> {
            List<SchedulerCheckin> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT INSTANCE_NAME, LAST_CHECKIN_TIME, CHECKIN_INTERVAL"
                    + " FROM QRTZ_SCHEDULER_STATE ORDER BY INSTANCE_NAME")) {
                ps.setMaxRows(1000); // nodes, not data: a table this long is not a cluster of ours
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SchedulerCheckin(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                                Duration.ofMillis(rs.getLong(3))));
                    }
                }
            }
            return out;
        });
    }

    /** Whether this is the embedded H2 file, which only one process can have open at a time. */
    public boolean embedded() {
        return h2Pool != null;
    }

    // ---------------------------------------------------------------- audit

    /** Appends an audit record on its own (for events that change nothing else in the store). */
    public AuditRecord audit(String actor, String action, String subject, String details) {
        return inTransaction("append to the audit trail", c -> AuditTrail.append(c, actor, action, subject, details));
    }

    /**
     * The latest audit record about {@code subject} with one of {@code actions} (e.g. a window's WINDOW_PAUSED or
     * WINDOW_RESUMED: the trail is where a pause is kept, so a restart keeps it and its history is the trail's).
     */
    public Optional<AuditRecord> lastAudit(String subject, List<String> actions) {
        if (actions.isEmpty()) {
            return Optional.empty();
        }
        return read("read the audit trail of " + subject, c -> {
            String in = String.join(", ", java.util.Collections.nCopies(actions.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, recorded_at, actor, action, subject, details,"
                    + " prev_hash, hash FROM audit_log WHERE subject = ? AND action IN (" + in + ") ORDER BY seq DESC")) {
                ps.setMaxRows(1);
                ps.setString(1, subject);
                for (int i = 0; i < actions.size(); i++) {
                    ps.setString(i + 2, actions.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new AuditRecord(rs.getLong(1),
                            rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8))) : Optional.<AuditRecord>empty();
                }
            }
        });
    }

    public List<AuditRecord> auditRecords() {
        return read("read the audit trail", AuditTrail::read);
    }

    /** The last record's seq and hash, for an admin to write down outside the database. */
    public AuditHead auditHead() {
        return read("read the audit head", AuditTrail::head);
    }

    /** Checks the hash chain and the stored head. Cannot see records cut off the end together with the head. */
    public AuditVerification verifyAudit() {
        return verifyAudit(null);
    }

    /**
     * As {@link #verifyAudit()}, and also that the trail still reaches and contains a head written down earlier and
     * every head anchored outside the database ({@link AuditAnchor}): a cut tail with a reset head shows here.
     */
    public AuditVerification verifyAudit(AuditHead writtenDown) {
        AuditAnchor.Reading anchored = anchor.read();
        AuditVerification result = read("verify the audit trail", c -> {
            // One snapshot for records and head: REPEATABLE READ on both databases.
            List<AuditRecord> records = AuditTrail.read(c);
            AuditVerification chain = AuditTrail.verify(records, AuditTrail.head(c), writtenDown);
            return chain.intact() ? AuditTrail.verifyAnchored(records, anchored.heads(), anchor.file().toString()) : chain;
        });
        if (result.intact() && !anchored.problems().isEmpty()) {
            return new AuditVerification(false, result.recordsChecked(), 0L, String.join("; ", anchored.problems()));
        }
        return result;
    }

    /**
     * The audit trail in one snapshot, verified as {@link #verifyAudit()} verifies it, with the heads anchored outside
     * the database: what a decision read from the trail (a window's pause) must rest on.
     */
    public AuditSnapshot auditSnapshot() {
        AuditAnchor.Reading anchored = anchor.read();
        AuditSnapshot snapshot = read("read and verify the audit trail", c -> {
            List<AuditRecord> records = AuditTrail.read(c);
            AuditVerification chain = AuditTrail.verify(records, AuditTrail.head(c), null);
            AuditVerification v = chain.intact()
                    ? AuditTrail.verifyAnchored(records, anchored.heads(), anchor.file().toString()) : chain;
            java.util.Set<AuditHead> heads = new java.util.HashSet<>();
            anchored.heads().forEach(h -> heads.add(new AuditHead(h.seq(), h.hash())));
            return new AuditSnapshot(records, v, heads);
        });
        if (snapshot.verification().intact() && !anchored.problems().isEmpty()) {
            return new AuditSnapshot(snapshot.records(), new AuditVerification(false,
                    snapshot.verification().recordsChecked(), 0L, String.join("; ", anchored.problems())),
                    snapshot.anchoredHeads());
        }
        return snapshot;
    }

    /** The anchored head with the highest seq, or null when none was anchored yet (a store older than anchoring). */
    public AuditHead highestAnchoredHead() {
        return anchor.read().heads().stream().max(java.util.Comparator.comparingLong(AuditAnchor.Head::seq))
                .map(h -> new AuditHead(h.seq(), h.hash())).orElse(null);
    }

    /** Where the audit trail's head is anchored outside the database. */
    public Path anchorFile() {
        return anchor.file();
    }

    // ---------------------------------------------------------------- plumbing

    @FunctionalInterface
    interface SqlStep {
        void run(Connection c) throws SQLException;
    }

    /** Work on one connection of the store, in a transaction ({@link #inTransaction}) or a read ({@link #read}). */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * How long PostgreSQL keeps a session idle inside a transaction before ending it (and releasing its row locks).
     * Our transactions and Quartz's take milliseconds between statements; a process stopped in the middle of one
     * (SIGSTOP, a VM paused) would otherwise hold its locks until it resumes, and the other nodes would wait on them:
     * Quartz's TRIGGER_ACCESS lock (no node fires or recovers anything) or a run's row (its takeover). Shorter than the
     * default run lease, so such a lock is gone before the lease it guards expires. An admin's own {@code options} in
     * store.url take precedence.
     */
    static final java.time.Duration IDLE_IN_TRANSACTION = java.time.Duration.ofSeconds(10);

    /** A new connection to the store's database, for Quartz's job store, which shares it; the caller closes it. */
    public Connection connect() throws SQLException {
        if (h2Pool != null) {
            return h2Pool.getConnection();
        }
        java.util.Properties p = new java.util.Properties();
        if (user != null) {
            p.setProperty("user", user);
        }
        if (password != null) {
            p.setProperty("password", password);
        }
        // A startup parameter: no round trip of its own. Properties given in the URL override these.
        p.setProperty("options", "-c idle_in_transaction_session_timeout=" + IDLE_IN_TRANSACTION.toMillis());
        return DriverManager.getConnection(url, p);
    }

    /**
     * Runs {@code work} in one transaction. A transaction the database rolled back to break a deadlock or a
     * serialization conflict (SQLState class 40, e.g. concurrent appends to the audit head) is run again, up
     * to a few times: it left nothing behind, so running it again is safe.
     */
    public <T> T inTransaction(String what, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransactionOnce(what, work);
            } catch (StoreException failure) {
                if (attempt >= 5 || !(failure.getCause() instanceof SQLException sql)
                        || sql.getSQLState() == null || !sql.getSQLState().startsWith("40")) {
                    throw failure;
                }
                try {
                    Thread.sleep(10L * attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw failure;
                }
            }
        }
    }

    private <T> T inTransactionOnce(String what, SqlWork<T> work) {
        AuditTrail.takeAppended(); // nothing from an earlier transaction on this thread is anchored with this one
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            // Said every time: H2's pool hands back connections as they were left, and read() leaves REPEATABLE READ.
            // A transaction here reads each statement's latest commits (the outbox's "everything up to the committed
            // head is visible" needs it); under a leaked snapshot, H2 hid audit records the head already counted.
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                anchor(AuditTrail.takeAppended());
                return result;
            } catch (SQLException | RuntimeException e) {
                AuditTrail.takeAppended();
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Anchors a committed record's head outside the database. The record is committed whatever happens here: a
     * failure to anchor (a full disk) is reported, not thrown, since the caller's change did happen; the anchor then
     * lags, which weakens only the detection of a later cut, and the next append anchors again.
     */
    private void anchor(AuditRecord committed) {
        if (committed == null) {
            return;
        }
        try {
            anchor.append(committed.seq(), committed.hash());
        } catch (ConsentException notAnchored) {
            System.err.println("remediator: " + notAnchored.getMessage());
        }
    }

    /** Runs {@code work} in a read-only view of one snapshot (REPEATABLE READ), rolled back afterwards. */
    public <T> T read(String what, SqlWork<T> work) {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try {
                return work.run(c);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /** H2's "Database may be already in use": another process has the embedded file open. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /**
     * The refusal to give when {@code failure} says that another process holds the embedded H2 file; empty for any
     * other failure. Found anywhere in the cause chain: Flyway wraps the driver's exception.
     */
    static Optional<StoreException> inUse(String jdbcUrl, Throwable failure) {
        Path base = OwnerOnlyFiles.h2Base(jdbcUrl);
        for (Throwable t = failure; t != null && base != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                return Optional.of(new StoreInUseException("another process holds the store "
                        + base.resolveSibling(base.getFileName() + ".mv.db") + " (a run or serve; the embedded store"
                        + " allows one process at a time): try again when it has ended, or use PostgreSQL (--db) to"
                        + " work from more than one process", failure));
            }
        }
        return Optional.empty();
    }

    private StoreException failure(String what, SQLException e) {
        Optional<StoreException> inUse = inUse(url, e);
        if (inUse.isPresent()) {
            return inUse.get();
        }
        return new StoreException("could not " + what + " in the store at " + describe(url) + ": "
                + scrub(e.getMessage(), password), e);
    }

    private static String scrub(String message, String password) {
        if (message == null) {
            return "";
        }
        String m = CREDENTIALS.matcher(message).replaceAll("$1***");
        return password == null || password.isEmpty() ? m : m.replace(password, "***");
    }

    /** A map as JSON, for audit details. */
    public static String jsonObject(Map<String, ?> value) {
        return json(new java.util.TreeMap<>(value));
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static OffsetDateTime utc(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    @Override
    public String toString() {
        return "Store[" + describe(url) + "]";
    }

    @Override
    public void close() {
        if (h2Pool != null) {
            h2Pool.dispose();
        }
    }
}

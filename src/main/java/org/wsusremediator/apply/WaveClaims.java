package org.wsusremediator.apply;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import org.apache.camel.Exchange;
import org.wsusremediator.inventory.HostEntry;
import org.wsusremediator.plan.Plan;
import org.wsusremediator.plan.PlannedHost;
import org.wsusremediator.remediate.RemediationRun;
import org.wsusremediator.store.HostClaims;
import org.wsusremediator.store.RunRecord;
import org.wsusremediator.store.Store;
import org.wsusremediator.winrm.WinRmConstants;

/**
 * This node's share of the clustered runs (docs/cluster.md "Sharing a wave"; routes/wave-claims.camel.yaml): polled by
 * a timer, it releases the claims of nodes whose check-in lapsed and claims PENDING hosts of shared waves, up to this
 * node's free slots (its own concurrency); each claimed host then goes through the same {@code direct:apply-host} as a
 * host of a run of this process, prepared from the plan as a change window prepares it (this node's inventory and
 * credentials), its writes fenced by the run and by the claim.
 *
 * <p>Bound as bean {@code waveClaims} only on a clustered {@code serve} on PostgreSQL: its presence is also what makes
 * the owner of a run share its waves ({@link ApplySteps#shareWave}).
 */
public final class WaveClaims {

    /** The bean's name in the registry. */
    public static final String BEAN = "waveClaims";
    /** Exchange property of a claimed host's exchange: the {@link Claimed} it is. */
    static final String CLAIMED = "claimedHost";
    /** Set on a claimed host's exchange when {@link #start} settled it (routes/wave-claims.camel.yaml skips it). */
    private static final String SETTLED_AT_START = "claimedHostSettled";

    /** A stored plan made ready to run on this node: its inventory read and credentials resolved, as a window does. */
    public interface Prepared extends AutoCloseable {
        ApplyRequest request();

        @Override
        void close();
    }

    /** Makes a stored plan ready to run on this node. */
    @FunctionalInterface
    public interface Preparer {
        Prepared prepare(Plan plan, String cause, Instant deadline) throws Exception;
    }

    /** One claimed host on its way through this node: the claim and, once started, what preparing it opened. */
    public static final class Claimed {
        private final HostClaims.Claim claim;
        private volatile Prepared prepared;

        Claimed(HostClaims.Claim claim) {
            this.claim = claim;
        }

        public HostClaims.Claim claim() {
            return claim;
        }

        @Override
        public String toString() {
            return claim.runId() + "/" + claim.host();
        }
    }

    private final Store store;
    private final String node;
    private final Semaphore slots;
    private final Preparer preparer;
    private final Consumer<String> progress;
    private final Duration grace;
    /**
     * Runs this node could not prepare (its inventory unreadable here, a host missing from it), until when: it claims
     * none of their hosts meanwhile, so that a claim it cannot carry out goes to another node rather than round again.
     */
    private final Map<String, Instant> unpreparable = new ConcurrentHashMap<>();
    /** Per run this node took a share of: why it may not act on it ("" when it may), checked once per run. */
    private final Map<String, String> trusted = new ConcurrentHashMap<>();
    /** How long this node leaves a run it could not prepare to the others before it tries again. */
    static final Duration LEAVE_FOR = Duration.ofMinutes(1);

    /**
     * @param node     this node's name in the claims (its Quartz instance id, which its check-ins carry)
     * @param slots    hosts this node works on at once, over all shared runs (its rollout's concurrency)
     * @param grace    how long past a node's check-in interval its claims are kept (Quartz's own grace: 7.5 s)
     * @param progress one line per event, for the admin watching
     */
    public WaveClaims(Store store, String node, int slots, Duration grace, Preparer preparer, Consumer<String> progress) {
        this.store = store;
        this.node = node;
        this.slots = new Semaphore(Math.max(1, slots));
        this.grace = grace;
        this.preparer = preparer;
        this.progress = progress;
    }

    public String node() {
        return node;
    }

    Store store() {
        return store;
    }

    void say(String line) {
        progress.accept(line);
    }

    /**
     * One poll: the claims of lapsed nodes released, then hosts claimed up to this node's free slots (a slot is taken
     * per claim, given back when its host's turn ends). Cheap when idle: one indexed query for PENDING rows.
     */
    public List<Claimed> poll() {
        List<String> released = store.claims().releaseLapsed(grace);
        if (!released.isEmpty()) {
            progress.accept("claims of lapsed nodes released (their hosts are decided from their facts): "
                    + String.join(", ", released));
        }
        int free = slots.availablePermits();
        if (free == 0) {
            return List.of();
        }
        Instant now = Instant.now();
        unpreparable.values().removeIf(until -> until.isBefore(now));
        List<HostClaims.Claim> claims = store.claims().claim(node, free, Set.copyOf(unpreparable.keySet()));
        slots.acquireUninterruptibly(claims.size()); // only this poll takes slots: they are free
        return claims.stream().map(Claimed::new).toList();
    }

    /**
     * Why this node may not act on the request's plan, from what it checks itself, as the owner did before it started
     * the run (ApplySteps): the audit trail against its chain and this node's anchor, and the plan's consent with the
     * admin directory this node loaded; empty when both hold. Each host's consent is checked again before its change.
     */
    private String refusal(ApplyRequest request) {
        if (request.admins() == null) {
            return "it was given no admin directory to check the approvers against";
        }
        org.wsusremediator.store.AuditVerification trail = store.verifyAudit();
        if (!trail.intact()) {
            return "the audit trail does not verify here (record " + trail.firstBadSeq() + ": " + trail.problem() + ")";
        }
        org.wsusremediator.consent.Consent consent = store.consent(request.plan(), request.admins());
        return consent.verified() ? "" : consent.refusal();
    }

    private void leave(String runId) {
        unpreparable.put(runId, Instant.now().plus(LEAVE_FOR));
    }

    /** The poll failed (the database unreachable): said; the next poll tries again. */
    public void pollFailed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        progress.accept("claiming shared hosts failed, trying again at the next poll: "
                + (failure == null ? "unknown failure" : failure.getMessage()));
    }

    /**
     * A claimed host's turn starts: its plan prepared on this node, the exchange made what {@code direct:apply-host}
     * expects, the body its {@link ApplyTarget}. A host this node cannot act on (not in its plan or inventory, or its
     * settings drifted) is settled here; the route then finds it not admitted.
     */
    public ApplyTarget start(Claimed claimed, Exchange exchange) throws Exception {
        exchange.setProperty(CLAIMED, claimed);
        try {
            return prepare(claimed, exchange);
        } catch (Exception | Error cannot) {
            // Handed back (ended): another node takes it, while this one leaves the run alone for a while.
            leave(claimed.claim().runId());
            throw cannot;
        }
    }

    private ApplyTarget prepare(Claimed claimed, Exchange exchange) throws Exception {
        HostClaims.Claim claim = claimed.claim();
        Plan plan = store.plan(claim.planId()).orElseThrow(() -> new IllegalStateException("no plan " + claim.planId()));
        RunRecord record = store.runs().ofPlan(plan.id()).stream().filter(r -> r.id().equals(claim.runId())).findFirst()
                .orElseThrow(() -> new IllegalStateException("no run " + claim.runId()));
        Prepared prepared = preparer.prepare(plan, "shared run " + claim.runId(), record.deadline());
        claimed.prepared = prepared;
        ApplyRequest request = prepared.request();
        String refusal = trusted.computeIfAbsent(claim.runId(), id -> refusal(request));
        if (!refusal.isEmpty()) {
            throw new IllegalStateException("node " + node + " does not act on run " + claim.runId() + ": " + refusal);
        }
        exchange.setProperty(WinRmConstants.CREDENTIALS, request.credentials());
        exchange.setProperty(RemediationRun.PROPERTY, RemediationRun.prepare(request.inventory().remediation(), plan.id()));
        ApplyRun run = ApplyRun.claimed(claim, request, store);
        exchange.setProperty(ApplyRun.PROPERTY, run);
        PlannedHost planned = plan.hosts().stream().filter(h -> h.host().equals(claim.host())).findFirst().orElse(null);
        HostEntry entry = request.inventory().hosts().stream().filter(h -> h.name().equals(claim.host())).findFirst()
                .orElse(null);
        if (planned == null || entry == null) {
            // The nodes' files differ: this node leaves the run's hosts to the others (the claim is handed back).
            throw new IllegalStateException("host " + claim.host() + " is not in " + (planned == null ? "plan " + plan.id()
                    : "the inventory " + request.inventory().source()) + " on node " + node
                    + ": this node claims no more hosts of run " + claim.runId());
        }
        HostState previous = claim.startFrom() == null ? null : HostState.valueOf(claim.startFrom());
        ApplyTarget target = new ApplyTarget(planned, entry, claim.wave(), previous);
        String drift = SettingsCheck.driftReason(planned, entry, request.inventory().remediation(),
                store.auditedSettings(plan.id()).get(claim.host()));
        if (drift != null) {
            // Not contacted: the settings this node would use are not the approved ones.
            exchange.setProperty(SETTLED_AT_START, true);
            run.notContacted(target, HostState.DRIFTED, drift + " (on node " + node + ")");
        }
        return target;
    }

    /**
     * The host's turn ended, whatever way: its slot is given back, and a claim still held (the host's last write
     * failed, or the run lost its plan) is handed back for another claim to decide from the journal.
     */
    public void ended(Exchange exchange) {
        Claimed claimed = exchange.getProperty(CLAIMED, Claimed.class);
        if (claimed == null) {
            return;
        }
        try {
            if (claimed.prepared != null) {
                claimed.prepared.close();
            }
            if (store.claims().handBack(claimed.claim())) {
                Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                if (failure == null) {
                    failure = exchange.getException();
                }
                progress.accept("host " + claimed + " handed back unsettled"
                        + (failure == null ? "" : ": " + failure.getClass().getSimpleName() + ": " + failure.getMessage()));
            }
        } catch (RuntimeException cannot) {
            progress.accept("host " + claimed + " could not be handed back (" + cannot.getMessage()
                    + "); it is released once this node's check-in lapses");
        } finally {
            slots.release();
            exchange.setException(null); // said above; the poll goes on
        }
    }
}

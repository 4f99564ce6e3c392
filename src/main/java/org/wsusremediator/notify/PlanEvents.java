package org.wsusremediator.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.wsusremediator.plan.ApprovalPolicy;
import org.wsusremediator.store.Store;

/**
 * The steps of the plan-events route ({@code routes/plan-events.camel.yaml}): expire what has expired, queue new plan
 * events in the outbox, claim the due ones, and settle each after the route has sent it to its endpoint.
 *
 * <p>Nothing here runs inside an approval: an approval only commits its audit record, and this route, polling, turns
 * it into notifications. So a slow, failing or hanging endpoint can neither block nor fail an approval, and a kill
 * right after an approval loses nothing (the record is in the store; the next poll, of any process, sends it).
 * Delivery is at least once: receivers tell a re-delivery by the event's {@code audit.seq}.
 */
public final class PlanEvents implements AutoCloseable {

    /** The route template in routes/plan-events.camel.yaml, and the bean names it refers to. */
    public static final String TEMPLATE = "plan-events";
    public static final String BEAN = "planEvents";
    public static final String POOL = "planEventsPool";

    /** Exchange property holding the {@link Delivery} a split exchange sends. */
    public static final String DELIVERY = "planEventDelivery";

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://[^\\s\"'<>]*");

    private final Store store;
    private final ApprovalPolicy policy;
    private final Decisions decisions;
    private final NotifySettings settings;
    private final Tuning tuning;
    private final Clock clock;
    private final Consumer<String> log;
    private final Outbox outbox;
    private final NotificationCounters counters = new NotificationCounters();
    private final ThreadPoolExecutor pool;
    private final AtomicInteger polls = new AtomicInteger();

    /**
     * How delivery behaves; {@link #DEFAULT} in production, shorter waits in tests.
     *
     * @param period      how often the route polls
     * @param attempts    attempts per event and endpoint before it is given up (FAILED)
     * @param firstRetry  the wait after the first failed attempt; doubled after each, up to {@code maxRetryWait}
     * @param claimLease  how long a claimed event is this process's to send (longer than a send can take)
     * @param batch       events claimed per poll: the bound of the queue in memory
     * @param threads     sends at once
     * @param connect     a webhook's connect timeout; {@code response} its response timeout
     * @param backlog     how far back a newly configured endpoint's events start
     */
    public record Tuning(Duration period, int attempts, Duration firstRetry, Duration maxRetryWait, Duration claimLease,
                         int batch, int threads, Duration connect, Duration response, Duration backlog) {
        public static final Tuning DEFAULT = new Tuning(Duration.ofSeconds(5), 10, Duration.ofSeconds(10),
                Duration.ofMinutes(30), Duration.ofMinutes(2), 50, 4, Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofHours(24));

        /** The wait after failed attempt {@code attempt} (1-based). */
        Duration retryWait(int attempt) {
            Duration wait = firstRetry;
            for (int i = 1; i < attempt && wait.compareTo(maxRetryWait) < 0; i++) {
                wait = wait.multipliedBy(2);
            }
            return wait.compareTo(maxRetryWait) > 0 ? maxRetryWait : wait;
        }
    }

    /**
     * @param log one line per thing an admin should know (an expired plan, a failed attempt, a delivery given up);
     *            never a URI or an exception's own text that could hold one
     */
    public PlanEvents(Store store, ApprovalPolicy policy, NotifySettings settings, Tuning tuning, Clock clock,
            Consumer<String> log) {
        this(store, policy, Decisions.recorded(store), settings, tuning, clock, log);
    }

    /** As above, the expiry deciding from {@code decisions} (the ones that count, where consent is sealed). */
    public PlanEvents(Store store, ApprovalPolicy policy, Decisions decisions, NotifySettings settings, Tuning tuning,
            Clock clock, Consumer<String> log) {
        this.store = store;
        this.policy = policy;
        this.decisions = decisions;
        this.settings = settings;
        this.tuning = tuning;
        this.clock = clock;
        this.log = log;
        this.outbox = new Outbox(store);
        // Bounded both ways: at most `threads` sends at once and `batch` waiting; the poll that claimed them runs a
        // send itself when both are full rather than dropping it.
        this.pool = new ThreadPoolExecutor(tuning.threads(), tuning.threads(), 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(Math.max(1, tuning.batch())), r -> {
                    Thread t = new Thread(r, "plan-events-" + r.hashCode());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.CallerRunsPolicy());
    }

    /** The beans the route names, to bind in the Camel registry (serve adds them to its beans). */
    public Map<String, Object> beans() {
        Map<String, Object> beans = new HashMap<>();
        beans.put(BEAN, this);
        beans.put(POOL, (ExecutorService) pool);
        beans.put(NotifyEndpoint.HTTP_CONFIGURER, new HttpTimeouts(tuning.connect(), tuning.response()));
        return beans;
    }

    /** The route template's parameters. */
    public Map<String, Object> templateParameters(boolean once) {
        Map<String, Object> p = new HashMap<>();
        p.put("period", Long.toString(tuning.period().toMillis()));
        p.put("repeatCount", once ? "1" : "0");
        return p;
    }

    public NotificationCounters counters() {
        return counters;
    }

    /** Outbox rows per state (PENDING, SENT, FAILED). */
    public Map<String, Long> outboxCounts() {
        return outbox.counts();
    }

    // ------------------------------------------------------------------ the route's steps

    /** Step 1: plans whose expiry has passed get their one PLAN_EXPIRED record (and so, next, their event). */
    public void expire() {
        for (String planId : ExpirySweep.sweep(store, policy, decisions, clock.instant())) {
            counters.expired.incrementAndGet();
            log.accept("plan " + planId + " expired");
        }
    }

    /** Rows sent this long ago are deleted from the outbox (its SENT rows would otherwise grow forever). */
    static final Duration KEEP_SENT = Duration.ofDays(30);

    /** Step 2: the plan events recorded since the last poll become one outbox row per endpoint. */
    public void enqueue() {
        Instant now = clock.instant();
        outbox.prune(now.minus(KEEP_SENT));
        for (NotifyEndpoint endpoint : settings.endpoints()) {
            outbox.enqueue(endpoint, now, tuning.backlog());
        }
    }

    /** Step 3: the due events, claimed for this process; the route sends each. */
    public List<Delivery> claim() {
        return outbox.claim(settings.endpoints(), clock.instant(), tuning.claimLease(), tuning.batch());
    }

    /** The endpoint took it. */
    public void delivered(@ExchangeProperty(DELIVERY) Delivery delivery) {
        outbox.delivered(delivery);
        counters.sent.incrementAndGet();
    }

    /** The attempt failed: retried later, or given up after the last attempt; said without a secret either way. */
    public void failed(@ExchangeProperty(DELIVERY) Delivery delivery,
            @ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        String why = why(failure);
        counters.failedAttempts.incrementAndGet();
        if (delivery.attempt() >= tuning.attempts()) {
            outbox.failed(delivery, why, null);
            counters.gaveUp.incrementAndGet();
            log.accept("gave up sending " + delivery + " after " + delivery.attempt() + " attempts: " + why);
        } else {
            Instant retry = clock.instant().plus(tuning.retryWait(delivery.attempt()));
            outbox.failed(delivery, why, retry);
            log.accept("could not send " + delivery + " (attempt " + delivery.attempt() + " of " + tuning.attempts()
                    + "): " + why + "; trying again at " + retry);
        }
    }

    /** A poll could not read or write the store (it is down, another process holds it): the next poll tries again. */
    public void pollFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Throwable failure) {
        counters.pollFailures.incrementAndGet();
        log.accept("plan events: this poll failed (" + why(failure) + "); the next one tries again");
    }

    /** The end of a poll, whatever happened in it. */
    public void polled() {
        synchronized (polls) {
            polls.incrementAndGet();
            polls.notifyAll();
        }
    }

    /** How many polls have ended in this process. */
    public int polls() {
        return polls.get();
    }

    /** Waits until {@code count} polls have ended, at most {@code bound}; false when the bound ran out. */
    public boolean awaitPolls(int count, Duration bound) throws InterruptedException {
        long end = System.nanoTime() + bound.toNanos();
        synchronized (polls) {
            while (polls.get() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(polls, left);
            }
            return true;
        }
    }

    /**
     * Why an attempt failed, in words that cannot carry an endpoint's secret: an HTTP status, or the failure's type
     * and message with every URL in it cut out (camel-http puts the whole URL, token and all, in its messages).
     */
    static String why(Throwable failure) {
        if (failure == null) {
            return "unknown failure";
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpOperationFailedException http) {
                return "HTTP " + http.getStatusCode();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : URL.matcher(root.getMessage()).replaceAll("<endpoint>");
        if (message.length() > 300) {
            message = message.substring(0, 300) + "…";
        }
        return root.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}

package org.wsusremediator.simulator;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Live counters, cheap to bump from every event-loop thread (LongAdder: no contention at benchmark rates). */
final class StatisticsRecorder {

    static final String UNAUTHORIZED = "(unauthorized)";
    static final String INVALID = "(invalid)";
    /** A 401 carrying an NTLM CHALLENGE: the middle of a logon, not a refusal. */
    static final String CHALLENGE = "(ntlm challenge)";
    /** Plain SOAP to a host with AllowUnencrypted false. */
    static final String UNENCRYPTED = "(unencrypted refused)";
    /** An authenticated POST without a body (pywinrm's start of message encryption). */
    static final String EMPTY = "(empty)";
    static final String NOT_WSMAN = "(not wsman)";

    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> actions = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    void request(SimulatedHost host) {
        total.increment();
        host.countRequest();
    }

    void action(String shortName) {
        actions.computeIfAbsent(shortName, k -> new LongAdder()).increment();
    }

    void holdStarted() {
        held.incrementAndGet();
    }

    void holdEnded() {
        held.decrementAndGet();
    }

    /** Requests currently held unanswered (fault stall). */
    int held() {
        return held.get();
    }

    long total() {
        return total.sum();
    }

    Map<String, Long> actions() {
        Map<String, Long> snapshot = new TreeMap<>();
        actions.forEach((k, v) -> snapshot.put(k, v.sum()));
        return snapshot;
    }
}

package org.wsusremediator.apply;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Splits a run's hosts into waves. Pure: the same hosts and rollout always give the same waves, so a plan can
 * show its waves before it is applied and a resumed run can find where it stopped.
 */
public final class Waves {

    private Waves() {
    }

    /**
     * The waves for {@code hosts}, in order: first the canary wave (the first {@code rollout.canary()} hosts,
     * when that is more than 0), then waves of {@code rollout.waveSize().hostsOf(hosts.size())} hosts; the
     * last wave may be smaller. Every host is in exactly one wave; no hosts give no waves.
     *
     * <p>Inside a wave the hosts are ordered round-robin by group (the first host of each group, in the order
     * the groups first appear, then the second of each, ...), keeping their order within a group. A runner
     * that starts hosts in this order with a per-group limit then has hosts of other groups to start instead
     * of waiting behind one large group.
     *
     * @param groupOf the inventory group of a host; null is a group of its own (hosts in no group)
     */
    public static <T> List<List<T>> plan(List<T> hosts, Rollout rollout, Function<? super T, String> groupOf) {
        List<List<T>> waves = new ArrayList<>();
        int next = 0;
        int canary = Math.min(rollout.canary(), hosts.size());
        if (canary > 0) {
            waves.add(roundRobin(hosts.subList(0, canary), groupOf));
            next = canary;
        }
        // Sized on all the run's hosts, canary included: "25%" means a quarter of the run, as the docs say.
        int size = rollout.waveSize().hostsOf(hosts.size());
        while (next < hosts.size()) {
            int end = Math.min(hosts.size(), next + size);
            waves.add(roundRobin(hosts.subList(next, end), groupOf));
            next = end;
        }
        return List.copyOf(waves);
    }

    private static <T> List<T> roundRobin(List<T> wave, Function<? super T, String> groupOf) {
        Map<String, Deque<T>> byGroup = new LinkedHashMap<>();
        for (T host : wave) {
            byGroup.computeIfAbsent(groupOf.apply(host), g -> new ArrayDeque<>()).add(host);
        }
        List<T> ordered = new ArrayList<>(wave.size());
        while (ordered.size() < wave.size()) {
            for (Deque<T> group : byGroup.values()) {
                T host = group.poll();
                if (host != null) {
                    ordered.add(host);
                }
            }
        }
        return List.copyOf(ordered);
    }
}

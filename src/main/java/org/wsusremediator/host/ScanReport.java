package org.wsusremediator.host;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.wsusremediator.classify.Action;
import org.wsusremediator.winrm.ErrorCategory;

/** One scan run: every host of the inventory, in inventory order, with counts per action and per failure. */
@JsonPropertyOrder({"inventory", "startedAt", "finishedAt", "durationMillis", "hostCount", "actions", "errors",
        "restartPending", "hosts"})
public record ScanReport(String inventory, Instant startedAt, Instant finishedAt, List<HostReport> hosts) {

    public ScanReport {
        hosts = List.copyOf(hosts);
    }

    public int getHostCount() {
        return hosts.size();
    }

    public long getDurationMillis() {
        return Duration.between(startedAt, finishedAt).toMillis();
    }

    /** Hosts per action, every action listed (zero too) so a reader sees what did not happen. */
    public Map<Action, Long> getActions() {
        Map<Action, Long> counts = new EnumMap<>(Action.class);
        for (Action a : Action.values()) {
            counts.put(a, 0L);
        }
        hosts.forEach(h -> counts.merge(h.action(), 1L, Long::sum));
        return counts;
    }

    public Map<ErrorCategory, Long> getErrors() {
        return hosts.stream().map(HostReport::errorCategory).filter(Objects::nonNull)
                .collect(Collectors.groupingBy(Function.identity(), () -> new EnumMap<>(ErrorCategory.class),
                        Collectors.counting()));
    }

    /** Hosts that could not be read or need a person: a script tests this through the exit code. */
    /** The hosts whose probe found a restart pending, by name, in report order (a fact, not an action). */
    public List<String> getRestartPending() {
        return hosts.stream().filter(HostReport::restartPendingNow).map(HostReport::getName).toList();
    }

    public boolean hasUnresolvedHosts() {
        return hosts.stream().anyMatch(h -> h.action() == Action.UNREACHABLE || h.action() == Action.NEEDS_REVIEW);
    }

    /** Orders reports as their hosts stand in the inventory; the collector of a run's reports sorts with it. */
    public static Comparator<HostReport> inventoryOrder(List<String> names) {
        Map<String, Integer> position = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            position.put(names.get(i), i);
        }
        return Comparator.comparing(h -> position.getOrDefault(h.getName(), Integer.MAX_VALUE));
    }
}

package org.wsusremediator.window;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.wsusremediator.apply.Rollout;

/**
 * When approved plans may be applied and how they roll out: the change windows, whether {@code apply --now}
 * may bypass them, and the rollout settings. Read from a file with {@link ScheduleFile#read}. With no
 * windows and {@code applyNowAllowed} false nothing can be applied, which is how a change freeze is written.
 *
 * @param windows         in file order; names are unique
 * @param applyNowAllowed whether {@code apply --now} may run outside every window
 * @param rollout         how a run is split into waves and how many hosts run at once
 * @param source          the file it was read from; null when built in code
 */
public record Schedule(List<ChangeWindow> windows, boolean applyNowAllowed, Rollout rollout, Path source) {

    public Schedule {
        windows = List.copyOf(windows);
        Set<String> names = new HashSet<>();
        for (ChangeWindow window : windows) {
            if (!names.add(window.name())) {
                throw new IllegalArgumentException("two change windows are named " + window.name());
            }
        }
        if (rollout == null) {
            throw new IllegalArgumentException("a schedule needs a rollout (Rollout.DEFAULT when the file has none)");
        }
    }

    /** The window with this name. */
    public Optional<ChangeWindow> window(String name) {
        return windows.stream().filter(w -> w.name().equals(name)).findFirst();
    }

    /**
     * The earliest opening of any window strictly after {@code after}; on a tie the window written first.
     * Empty when no window opens again.
     */
    public Optional<Upcoming> nextStart(Instant after) {
        // min() keeps the first of equal elements, and the stream is in file order.
        return windows.stream()
                .flatMap(w -> w.nextStart(after).map(start -> new Upcoming(w, start)).stream())
                .min(Comparator.comparing(Upcoming::start));
    }
}

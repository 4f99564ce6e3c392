package org.wsusremediator.window;

import org.wsusremediator.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects every problem of one read instead of stopping at the first, so the admin sees them all at once; up
 * to {@link #MAX_SHOWN}, so that a file of a million bad items does not make a message of megabytes.
 */
final class ProblemList {

    static final int MAX_SHOWN = 1000;
    private final Path file;
    private final List<ScheduleProblem> found = new ArrayList<>();
    private int dropped;

    ProblemList(Path file) {
        this.file = file;
    }

    void add(YamlNode at, String message) {
        add(at.line(), at.path(), message);
    }

    void add(int line, String field, String message) {
        if (found.size() < MAX_SHOWN) {
            found.add(new ScheduleProblem(file, line, field, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws with the problems sorted by line (stable, so problems on one line keep the order they were found in). */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ScheduleProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ScheduleProblem::line));
            if (dropped > 0) {
                sorted.add(new ScheduleProblem(file, sorted.get(sorted.size() - 1).line(), "", "and " + dropped
                        + " more problems, not listed (the first " + MAX_SHOWN + " are)"));
            }
            throw new InvalidScheduleException(sorted);
        }
    }
}

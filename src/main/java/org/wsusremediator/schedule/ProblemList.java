package org.wsusremediator.schedule;

import org.wsusremediator.yaml.YamlNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem of one read instead of stopping at the first, so the admin sees them all at once. */
final class ProblemList {

    private final Path file;
    private final List<ScheduleProblem> found = new ArrayList<>();

    ProblemList(Path file) {
        this.file = file;
    }

    void add(YamlNode at, String message) {
        add(at.line(), at.path(), message);
    }

    void add(int line, String field, String message) {
        found.add(new ScheduleProblem(file, line, field, message));
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws with the problems sorted by line (stable, so problems on one line keep the order they were found in). */
    void throwIfAny() {
        if (!found.isEmpty()) {
            List<ScheduleProblem> sorted = new ArrayList<>(found);
            sorted.sort(Comparator.comparingInt(ScheduleProblem::line));
            throw new InvalidScheduleException(sorted);
        }
    }
}

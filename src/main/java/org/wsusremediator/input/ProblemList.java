package org.wsusremediator.input;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Collects every problem of one read instead of stopping at the first, so the admin fixes a file in one pass.
 * Up to {@link InputLimits#PROBLEMS_LISTED}: a host list of 100,000 bad rows would otherwise make a message of
 * megabytes.
 */
public final class ProblemList {

    private final List<Problem> found = new ArrayList<>();
    private int dropped;

    public void add(Location at, String message) {
        add(at.file(), at.line(), at.path(), message);
    }

    public void add(Path file, int line, String field, String message) {
        if (found.size() < InputLimits.PROBLEMS_LISTED) {
            found.add(new Problem(file, line, field, message));
        } else {
            dropped++;
        }
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /**
     * Files in the order they first had a problem, then by line: reads like a compiler's output. The sort is
     * stable, so problems on one line keep the order they were found in.
     */
    public List<Problem> sorted() {
        Map<Path, Integer> fileOrder = new LinkedHashMap<>();
        found.forEach(p -> fileOrder.putIfAbsent(p.file(), fileOrder.size()));
        List<Problem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.<Problem>comparingInt(p -> fileOrder.get(p.file())).thenComparingInt(Problem::line));
        if (dropped > 0) {
            Problem last = sorted.get(sorted.size() - 1);
            sorted.add(new Problem(last.file(), last.line(), "", "and " + dropped
                    + " more problems, not listed (the first " + InputLimits.PROBLEMS_LISTED + " are)"));
        }
        return sorted;
    }

    /** Throws what {@code unusable} makes of the {@link #sorted()} problems, if there are any. */
    public void throwIfAny(Function<List<Problem>, ? extends RuntimeException> unusable) {
        if (!found.isEmpty()) {
            throw unusable.apply(sorted());
        }
    }
}

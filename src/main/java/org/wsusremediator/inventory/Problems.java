package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects every problem of one read, so the admin sees them all at once instead of fixing one per run. Up to
 * {@link #MAX_SHOWN}: a host list of 100,000 bad rows would otherwise make a message of megabytes.
 */
final class Problems {

    static final int MAX_SHOWN = 1000;
    private final List<InventoryProblem> found = new ArrayList<>();
    private int dropped;

    void add(Node at, String message) {
        add(at.file(), at.line(), at.path(), message);
    }

    void add(Path file, int line, String field, String message) {
        if (found.size() < MAX_SHOWN) {
            found.add(new InventoryProblem(file, line, field, message));
        } else {
            dropped++;
        }
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Files in the order they first had a problem, then by line: reads like a compiler's output. */
    List<InventoryProblem> sorted() {
        Map<Path, Integer> fileOrder = new LinkedHashMap<>();
        found.forEach(p -> fileOrder.putIfAbsent(p.file(), fileOrder.size()));
        List<InventoryProblem> sorted = new ArrayList<>(found);
        sorted.sort(Comparator.<InventoryProblem>comparingInt(p -> fileOrder.get(p.file()))
                .thenComparingInt(InventoryProblem::line));
        if (dropped > 0) {
            InventoryProblem last = sorted.get(sorted.size() - 1);
            sorted.add(new InventoryProblem(last.file(), last.line(), "", "and " + dropped
                    + " more problems, not listed (the first " + MAX_SHOWN + " are)"));
        }
        return sorted;
    }

    void throwIfAny() {
        if (!found.isEmpty()) {
            throw new InvalidInventoryException(sorted());
        }
    }
}

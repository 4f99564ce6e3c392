package org.wsusremediator.inventory;

import java.util.List;
import java.util.stream.Collectors;
import org.wsusremediator.input.Problem;

/**
 * The inventory cannot be used; nothing may be scanned. Carries every problem found, not just the first,
 * so the admin can fix the file in one pass. Unchecked, so Camel processors and lambdas can let it through
 * to the route's error handler without wrapping.
 */
public class InvalidInventoryException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidInventoryException(List<Problem> problems) {
        super(format(problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid inventory has at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        String header = problems.size() == 1 ? "Invalid inventory (1 problem):"
                : "Invalid inventory (" + problems.size() + " problems):";
        return problems.stream().map(Problem::toString)
                .collect(Collectors.joining("\n", header + "\n", ""));
    }
}

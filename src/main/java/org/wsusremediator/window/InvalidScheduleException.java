package org.wsusremediator.window;

import java.util.List;
import java.util.stream.Collectors;
import org.wsusremediator.input.Problem;

/**
 * The change-window file cannot be used, so nothing may be scheduled from it. Carries every problem found,
 * one per line in the message, so the file can be fixed in one pass. Unchecked, so it can pass through Camel
 * processors and lambdas to whatever reports it.
 */
public class InvalidScheduleException extends RuntimeException {

    private final List<Problem> problems;

    public InvalidScheduleException(List<Problem> problems) {
        super(format(problems));
        this.problems = List.copyOf(problems);
    }

    /** In file order (by line). */
    public List<Problem> problems() {
        return problems;
    }

    private static String format(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an invalid change-window file has at least one problem");
        }
        String header = "Invalid change-window file (" + problems.size()
                + (problems.size() == 1 ? " problem):" : " problems):");
        return problems.stream().map(Problem::toString).collect(Collectors.joining("\n", header + "\n", ""));
    }
}

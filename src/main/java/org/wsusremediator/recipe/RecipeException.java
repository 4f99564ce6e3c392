package org.wsusremediator.recipe;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A recipe file cannot be used: its hash is not the one the inventory expects, or its content breaks a rule.
 * Carries every problem found, each as {@code file:line: field: message}.
 */
public class RecipeException extends RuntimeException {

    private final Path file;
    private final List<String> problems;

    public RecipeException(Path file, List<String> problems) {
        super(format(file, problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an unusable recipe has at least one problem");
        }
        this.file = file;
        this.problems = List.copyOf(problems);
    }

    public Path file() {
        return file;
    }

    /** One line per problem: {@code file:line: field: message} (no line for file-wide problems). */
    public List<String> problems() {
        return problems;
    }

    private static String format(Path file, List<String> problems) {
        String header = "Unusable workaround recipe " + file + " (" + problems.size()
                + (problems.size() == 1 ? " problem):" : " problems):");
        return problems.stream().collect(Collectors.joining("\n", header + "\n", ""));
    }
}

package org.wsusremediator.inventory;

import java.nio.file.Path;
import java.util.List;
import org.wsusremediator.input.Problem;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on where a problem was reported and what it says. */
final class ProblemAssert {

    private ProblemAssert() {
    }

    static void assertProblem(Problem p, Path file, int line, String field, String... messageParts) {
        assertThat(p.file()).as("file of %s", p).isEqualTo(file);
        assertThat(p.line()).as("line of %s", p).isEqualTo(line);
        assertThat(p.field()).as("field of %s", p).isEqualTo(field);
        assertThat(p.message()).as("message of %s", p).contains(messageParts);
    }

    /** Some problem of the list is at this line and field and says all of {@code messageParts}. */
    static void assertHasProblem(List<Problem> problems, int line, String field, String... messageParts) {
        assertThat(problems).as("problems").anySatisfy(p -> {
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.field()).isEqualTo(field);
            assertThat(p.message()).contains(messageParts);
        });
    }
}

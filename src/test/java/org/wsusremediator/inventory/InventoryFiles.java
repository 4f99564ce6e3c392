package org.wsusremediator.inventory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.wsusremediator.input.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Writes real inventory files into a test's temporary directory and reads them back. */
final class InventoryFiles {

    /** A credentials section and defaults that make a host list valid; 5 lines, so hosts start on line 6. */
    static final String HEAD = """
            credentials:
              prod: { username: CORP\\svc-wsus, password: env:PROD_PASSWORD }
            defaults:
              credential: prod
              transport: http
            """;

    private final Path dir;

    InventoryFiles(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path write(String name, String content) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file only its owner can read, as secrets must be. */
    Path writeSecret(String name, String content, String permissions) {
        Path file = write(name, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The problems of an inventory that must be invalid. */
    static List<Problem> problems(Path file) {
        return failure(file).problems();
    }

    static InvalidInventoryException failure(Path file) {
        InvalidInventoryException e = catchThrowableOfType(InvalidInventoryException.class, () -> InventoryReader.read(file));
        assertThat(e).as("reading %s should fail", file).isNotNull();
        // The message is the problems, one per line, after a header: callers log it as is.
        assertThat(e.getMessage().lines().skip(1).toList())
                .containsExactlyElementsOf(e.problems().stream().map(Problem::toString).toList());
        return e;
    }

    /** The single problem of an inventory that breaks exactly one rule. */
    static Problem onlyProblem(Path file) {
        List<Problem> problems = problems(file);
        assertThat(problems).as("problems of %s", file).hasSize(1);
        return problems.get(0);
    }
}

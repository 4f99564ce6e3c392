package org.wsusremediator.input;

import java.nio.file.Path;

/**
 * One thing wrong with a file an admin names: an inventory (or a CSV host list it references), a change-window
 * file, a workaround recipe.
 *
 * @param file    the file the problem is in
 * @param line    1-based line, or 0 when the problem concerns the whole file (not found, empty, not YAML, ...)
 * @param field   the field path, e.g. {@code groups.lab.hosts[1].port} or {@code windows[0].start}, or "" for
 *                the whole file
 * @param message what is wrong, and where it helps, what would be right; never a password, never more of a value
 *                than an {@link Excerpt}
 */
public record Problem(Path file, int line, String field, String message) {

    /** {@code lab.yaml:14: groups.lab.hosts[1].port: must be between 1 and 65535 (was 70000)}, like a compiler's output. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder().append(file);
        if (line > 0) {
            s.append(':').append(line);
        }
        s.append(": ");
        if (field != null && !field.isEmpty()) {
            s.append(field).append(": ");
        }
        return s.append(message).toString();
    }
}

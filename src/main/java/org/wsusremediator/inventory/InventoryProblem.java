package org.wsusremediator.inventory;

import java.nio.file.Path;

/**
 * One thing wrong with an inventory.
 *
 * @param file    the file the problem is in (the YAML, or a CSV it references)
 * @param line    1-based line, or 0 when the problem concerns the whole file (not found, empty, ...)
 * @param field   the field path, e.g. {@code groups.lab.hosts[1].port}, or "" for the whole file
 * @param message what is wrong; never contains a password
 */
public record InventoryProblem(Path file, int line, String field, String message) {

    /** {@code lab.yaml:14: groups.lab.hosts[1].port: must be between 1 and 65535 (was 70000)} */
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

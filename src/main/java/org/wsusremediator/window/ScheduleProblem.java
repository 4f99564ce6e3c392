package org.wsusremediator.window;

import java.nio.file.Path;

/**
 * One thing wrong with a change-window file.
 *
 * @param file    the file
 * @param line    1-based, or 0 when the problem concerns the whole file (cannot be read, not YAML, ...)
 * @param field   the field path, e.g. {@code windows[0].start}, or "" for the whole file
 * @param message what is wrong, and where it helps, what would be right
 */
public record ScheduleProblem(Path file, int line, String field, String message) {

    /** {@code windows.yaml:4: windows[0].start: not a Quartz cron expression: ...}, like a compiler's output. */
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

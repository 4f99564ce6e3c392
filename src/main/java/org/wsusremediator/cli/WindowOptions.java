package org.wsusremediator.cli;

import java.nio.file.Path;
import org.wsusremediator.window.InvalidScheduleException;
import org.wsusremediator.window.Schedule;
import org.wsusremediator.window.ScheduleFile;
import picocli.CommandLine.Option;

/** The change-window file, shared by the commands that run, schedule or show plan runs. */
class WindowOptions {

    @Option(names = "--windows", paramLabel = "FILE", defaultValue = "inventory/windows.yaml",
            description = "change windows and rollout (default: ${DEFAULT-VALUE}, relative to the working directory)")
    Path file;

    /** The checked file; every problem is in the message. */
    Schedule read() {
        try {
            return ScheduleFile.read(file);
        } catch (InvalidScheduleException invalid) {
            throw new BadInput(file + " cannot be used; nothing was done.\n" + invalid.getMessage(), invalid);
        }
    }
}

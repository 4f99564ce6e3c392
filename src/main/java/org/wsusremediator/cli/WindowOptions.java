package org.wsusremediator.cli;

import java.nio.file.Path;
import org.wsusremediator.schedule.InvalidScheduleException;
import org.wsusremediator.schedule.Schedule;
import org.wsusremediator.schedule.ScheduleFile;
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

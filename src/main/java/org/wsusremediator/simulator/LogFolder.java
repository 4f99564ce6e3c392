package org.wsusremediator.simulator;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where WSUS keeps SoftwareDistribution.log under its TargetDir: the advisory says "Log Files", TechNet says
 * "LogFiles"; real servers differ, so the probe checks both and the fleet can have either.
 */
public enum LogFolder {
    LOG_FILES("LogFiles"),
    LOG_FILES_WITH_SPACE("Log Files");

    private final String directoryName;

    LogFolder(String directoryName) {
        this.directoryName = directoryName;
    }

    @JsonValue
    public String directoryName() {
        return directoryName;
    }

    @JsonCreator
    public static LogFolder parse(String text) {
        for (LogFolder f : values()) {
            if (f.directoryName.equals(text)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown log folder '" + text + "' (expected LogFiles or \"Log Files\")");
    }
}

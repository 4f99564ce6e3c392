package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link WindowPauseTrailScenario} on H2, fleet on 127.72.1.x. */
class ApiWindowPauseTrailIT extends WindowPauseTrailScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        startWithWindow(tempDir, "127.72.1", null, null, null);
    }
}

package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** {@link RunRetryScenario} on H2, fleet on 127.72.3.x. */
class ApiRetryIT extends RunRetryScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        startFailingFleet(tempDir, "127.72.3", null, null, null);
    }
}

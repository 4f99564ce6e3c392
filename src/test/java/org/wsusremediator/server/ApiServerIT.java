package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The server's scenario on an embedded H2 store, fleet on 127.68.1.x. */
class ApiServerIT extends ApiServerScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        start(tempDir, "127.68.1", null, null, null);
    }
}

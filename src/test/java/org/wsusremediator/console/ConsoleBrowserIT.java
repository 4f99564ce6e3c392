package org.wsusremediator.console;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The console in Chromium on an embedded H2 store, fleet on 127.76.1.x. */
class ConsoleBrowserIT extends ConsoleBrowserScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        start(tempDir, "127.76.1", "H2 file", "h2");
    }
}

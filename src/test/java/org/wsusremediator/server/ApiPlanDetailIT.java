package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Plan detail, reports and host history on an embedded H2 store, fleet on 127.73.1.x. */
class ApiPlanDetailIT extends ApiPlanDetailScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        subnet = "127.73.1";
        ApiServerScenario.start(tempDir, subnet, null, null, null);
    }
}

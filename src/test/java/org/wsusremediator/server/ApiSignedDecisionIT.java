package org.wsusremediator.server;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ApiSignedDecisionScenario} on H2, fleet on 127.74.1.x. (A scenario of its own, not a base class of the
 * PostgreSQL variant: JUnit runs a superclass's static {@code @BeforeAll} even when a subclass declares one of the same
 * signature, and the PostgreSQL variant then started, and left running, an H2 server of this set-up first.)
 */
class ApiSignedDecisionIT extends ApiSignedDecisionScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        startWith(tempDir, "127.74.1", null, null, null);
    }
}

package org.wsusremediator.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in Chromium on PostgreSQL (a schema of its own), fleet on 127.76.2.x; skipped where
 * REMEDIATOR_TEST_POSTGRES_URL is not set (src/test/postgres/start-postgres.sh sets it; CI always does).
 */
class ConsoleBrowserPostgresIT extends ConsoleBrowserScenario {

    @BeforeAll
    static void start(@TempDir Path tempDir) throws Exception {
        String url = System.getenv("REMEDIATOR_TEST_POSTGRES_URL");
        assumeTrue(url != null && !url.isBlank(), "REMEDIATOR_TEST_POSTGRES_URL is not set");
        start(tempDir, "127.76.2", "PostgreSQL", "postgres");
    }
}

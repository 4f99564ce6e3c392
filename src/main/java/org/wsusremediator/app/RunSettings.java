package org.wsusremediator.app;

import java.nio.file.Path;
import java.util.Map;
import org.wsusremediator.store.Store;

/**
 * What one remediator process is started with.
 *
 * @param reportDir   where reports are written
 * @param parallelism hosts visited at once
 * @param environment where {@code env:} credential references are looked up (System.getenv() in production)
 * @param store       the durable store, for plan runs; null for a process that only scans
 */
public record RunSettings(Path reportDir, int parallelism, Map<String, String> environment, Store store) {

    public RunSettings(Path reportDir, int parallelism, Map<String, String> environment) {
        this(reportDir, parallelism, environment, null);
    }
}

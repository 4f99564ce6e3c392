package org.wsusremediator.app;

import java.nio.file.Path;
import java.util.Map;

/**
 * What one remediator process is started with.
 *
 * @param reportDir   where reports are written
 * @param parallelism hosts visited at once
 * @param environment where {@code env:} credential references are looked up (System.getenv() in production)
 */
public record RunSettings(Path reportDir, int parallelism, Map<String, String> environment) {
}

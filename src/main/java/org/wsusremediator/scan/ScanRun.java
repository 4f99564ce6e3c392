package org.wsusremediator.scan;

import java.time.Instant;
import java.util.Map;
import org.wsusremediator.inventory.Credential;
import org.wsusremediator.inventory.Inventory;

/**
 * One scan while it runs, on its exchange as property {@value #PROPERTY}: what every step of the scan routes
 * reads (the inventory, when it started, where progress goes) instead of loose properties named by strings.
 * Its hosts' exchanges share it; it holds nothing of one host.
 *
 * @param reportKind  names the report file (routes/report.camel.yaml): "scan", or "remediate" for a scan that acts
 * @param credentials the inventory's credentials, resolved once for the whole scan, before any host is visited;
 *                    never logged, never in a report
 */
public record ScanRun(Inventory inventory, Map<String, Credential> credentials, ScanProgress progress,
                      String reportKind, Instant started) {

    public static final String PROPERTY = "scanRun";

    public ScanRun {
        credentials = Map.copyOf(credentials);
        progress = progress != null ? progress : ScanProgress.silent(inventory.hosts().size());
    }

    /** A scan of {@code inventory} that starts now. */
    public static ScanRun start(String reportKind, Inventory inventory, Map<String, Credential> credentials,
            ScanProgress progress) {
        return new ScanRun(inventory, credentials, progress, reportKind, Instant.now());
    }

    @Override
    public String toString() {
        // Never the credentials: an exchange's properties may be printed by Camel's tracing or error messages.
        return "ScanRun[" + reportKind + " of " + inventory.source() + ", started " + started + "]";
    }
}

package org.wsusremediator.simulator;

import java.util.regex.Pattern;

/**
 * The host's SoftwareDistribution.log, generated from this description.
 *
 * @param folder        the folder under TargetDir that holds it
 * @param signatures    how many KB954960 fault signatures ("Item has already been added" + GetSyncInfo) it holds
 * @param lastSignature time stamp of the last one, {@code yyyy-MM-dd HH:mm:ss.fff} (or {@code ,fff});
 *                      required when signatures &gt; 0
 */
public record LogSpec(LogFolder folder, Integer signatures, String lastSignature) {

    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d[.,]\\d{3}");

    public LogSpec {
        folder = folder == null ? LogFolder.LOG_FILES : folder;
        signatures = signatures == null ? 0 : signatures;
        Checks.notNegative("signatures", signatures);
        if (lastSignature != null && !TIMESTAMP.matcher(lastSignature).matches()) {
            throw new IllegalArgumentException("lastSignature: '" + lastSignature
                    + "' is not a time stamp like 2008-06-14 02:59:57.642");
        }
        if (signatures > 0 && lastSignature == null) {
            throw new IllegalArgumentException("lastSignature: required when signatures > 0");
        }
    }
}

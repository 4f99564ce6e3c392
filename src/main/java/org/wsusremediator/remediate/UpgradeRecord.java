package org.wsusremediator.remediate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import org.wsusremediator.host.HostReport;
import org.wsusremediator.probe.Facts;

/** A WSUS 3.0 RTM host flagged for upgrade, as sent to the configured sink (file, webhook, …). */
@JsonPropertyOrder({"host", "address", "group", "flaggedAt", "reason", "recommendedPath", "facts"})
public record UpgradeRecord(String host, String address, String group, Instant flaggedAt, String reason,
                            String recommendedPath, Facts facts) {

    static final String RECOMMENDED = "upgrade to WSUS 3.0 SP1, then install KB954960 (or move to WSUS 3.0 SP2 or later)";

    public static UpgradeRecord of(HostReport report) {
        return new UpgradeRecord(report.getName(), report.getAddress(), report.getGroup(), Instant.now(),
                report.reason(), RECOMMENDED, report.facts());
    }

    /** One CSV line (no header), fields quoted; for the file sink's running list of flagged hosts. */
    public String csvLine() {
        return String.join(",", quote(host), quote(address), quote(group == null ? "" : group),
                quote(flaggedAt.toString()), quote(facts == null || facts.versionString() == null ? "" : facts.versionString().toString()),
                quote(reason == null ? "" : reason), quote(recommendedPath)) + "\n";
    }

    private static String quote(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}

package org.wsusremediator.simulator;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Generates a WSUS server's SoftwareDistribution.log from a {@link LogSpec}: tab-separated entries with the
 * advisory's fault signature ("Item has already been added" with {@code ClientImplementation.GetSyncInfo} in the
 * stack) the requested number of times, the last one at the requested time, between unrelated entries. Two decoys
 * test that a probe applies the whole rule: an "Item has already been added" from another component without
 * GetSyncInfo near it, and a GetSyncInfo line with no such error before it. Same host name, same log.
 */
public final class SoftwareDistributionLog {

    /** Signatures are this far apart, counting back from the last one. */
    private static final long HOURS_BETWEEN_SIGNATURES = 7;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final List<String> lines = new ArrayList<>();
    private final Random random;
    private final char millisSeparator;
    private final String server;

    private SoftwareDistributionLog(String hostName, char millisSeparator) {
        this.random = new Random(hostName.hashCode());
        this.millisSeparator = millisSeparator;
        this.server = hostName.toUpperCase(Locale.ROOT);
    }

    /** The log text, CRLF line endings, ending with a line break. */
    public static String generate(LogSpec spec, String hostName) {
        char separator = spec.lastSignature() != null ? spec.lastSignature().charAt(19) : '.';
        return new SoftwareDistributionLog(hostName, separator).write(spec);
    }

    private String write(LogSpec spec) {
        LocalDateTime last = spec.lastSignature() == null
                ? LocalDateTime.of(2008, 6, 14, 3, 0, 0)
                : LocalDateTime.parse(spec.lastSignature().substring(0, 19).replace(' ', 'T'));
        int count = spec.signatures();
        LocalDateTime t = last.minusHours(HOURS_BETWEEN_SIGNATURES * Math.max(count, 1) + 30);

        serviceStart(t);
        t = t.plusMinutes(40);
        decoyDuplicateCategory(t);
        t = t.plusMinutes(25);
        healthySync(t);
        for (int i = count - 1; i >= 0; i--) {
            LocalDateTime at = last.minusHours(HOURS_BETWEEN_SIGNATURES * i);
            routineClientTraffic(at.minusMinutes(20));
            signature(at, i == 0 ? spec.lastSignature().substring(20) : null);
        }
        routineClientTraffic(last.plusMinutes(15));
        healthySync(last.plusHours(2));
        return String.join("\r\n", lines) + "\r\n";
    }

    private String stamp(LocalDateTime t, String millis) {
        String ms = millis != null ? millis : String.format(Locale.ROOT, "%03d", random.nextInt(1000));
        return STAMP.format(t) + millisSeparator + ms + " UTC";
    }

    private void entry(LocalDateTime t, String level, String thread, String component, String message) {
        lines.add(stamp(t, null) + "\t" + level + "\t" + thread + "\t" + component + "\t" + message);
    }

    private void serviceStart(LocalDateTime t) {
        entry(t, "Info", "WsusService.9", "WsusService.OnStart", "Service starting");
        entry(t, "Info", "WsusService.9", "EventLogEventReporter.ReportEvent",
                "EventId=12032,Type=Information,Category=Synchronization,Message=The Server Synchronization Web Service is working correctly.");
        entry(t.plusSeconds(2), "Info", "WsusService.13", "ContentSyncAgent.WakeUpWorkerThreadProc", "ContentSyncAgent: Woke up");
        entry(t.plusSeconds(3), "Info", "WsusService.13", "ContentSyncAgent.WakeUpWorkerThreadProc", "ContentSyncAgent: Going to sleep");
    }

    /** An "Item has already been added" that is not the advisory's fault: no GetSyncInfo within the next 10 lines. */
    private void decoyDuplicateCategory(LocalDateTime t) {
        entry(t, "Error", "WsusService.15", "CatalogSyncAgentCore.ImportCategories",
                "System.ArgumentException: Item has already been added. Key in dictionary: 'Drivers'  Key being added: 'Drivers'");
        lines.add("   at System.Collections.Hashtable.Insert(Object key, Object nvalue, Boolean add)");
        lines.add("   at Microsoft.UpdateServices.ServerSync.CatalogSyncAgentCore.ImportCategories(ServerSyncUpdateData[] updates)");
        lines.add("   at Microsoft.UpdateServices.ServerSync.CatalogSyncAgentCore.ExecuteSyncProtocol(Boolean allowRedirect)");
        for (int i = 0; i < 4; i++) {
            entry(t.plusSeconds(5 + i), "Info", "WsusService.15", "CatalogSyncAgentCore.SyncCategories",
                    "Imported category batch " + (i + 1) + " of 4");
        }
        entry(t.plusSeconds(12), "Info", "WsusService.15", "CatalogSyncAgentCore.ExecuteSyncProtocol", "CatalogSyncAgent: Update Sync completed");
        entry(t.plusSeconds(12), "Info", "WsusService.15", "EventLogEventReporter.ReportEvent",
                "EventId=10022,Type=Information,Category=Synchronization,Message=Synchronization completed with errors.");
        entry(t.plusSeconds(13), "Info", "WsusService.13", "ContentSyncAgent.WakeUpWorkerThreadProc", "ContentSyncAgent: Woke up");
        entry(t.plusSeconds(14), "Info", "WsusService.13", "ContentSyncAgent.WakeUpWorkerThreadProc", "ContentSyncAgent: Going to sleep");
        entry(t.plusSeconds(20), "Info", "WsusService.9", "StateMachines.SyncCompleted", "Sync finished, next sync scheduled");
    }

    /** A GetSyncInfo line on its own: a probe must not count it without the preceding error. */
    private void healthySync(LocalDateTime t) {
        entry(t, "Info", "w3wp.5", "ClientImplementation.GetSyncInfo",
                "GetSyncInfo: client " + guid() + " is up to date (0 new revisions)");
        entry(t.plusSeconds(1), "Info", "w3wp.5", "ClientImplementation.SyncUpdates", "SyncUpdates: returned 0 updates");
    }

    private void routineClientTraffic(LocalDateTime t) {
        int n = 3 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
            entry(t.plusSeconds(i * 7L), "Info", "w3wp." + (4 + random.nextInt(9)), "ClientImplementation.ReportEventBatch",
                    "ReportEventBatch: client " + guid() + " reported " + (1 + random.nextInt(6)) + " events");
        }
        entry(t.plusSeconds(n * 7L), "Warning", "w3wp.7", "SimpleAuthWebService.GetAuthorizationCookie",
                "Client " + guid() + " presented an expired cookie; issuing a new one");
    }

    /** The advisory's server-side symptom, including the SoapUtilities line carrying the error ID. */
    private void signature(LocalDateTime at, String millis) {
        String thread = "w3wp." + (10 + random.nextInt(6));
        lines.add(stamp(at, millis) + "\tError\t" + thread + "\tClientImplementation.SyncUpdates\t"
                + "System.ArgumentException: Item has already been added. Key in dictionary: '8862'  Key being added: '8862'");
        lines.add("   at System.Collections.Hashtable.Insert(Object key, Object nvalue, Boolean add)");
        lines.add("   at System.Collections.Hashtable.Add(Object key, Object value)");
        lines.add("   at Microsoft.UpdateServices.Internal.ClientImplementation.GetSyncInfo(Cookie cookie, SyncUpdateParameters parameters, Boolean haveGroupsChanged, Boolean doChunking, Boolean allowCoBundles)");
        lines.add("   at Microsoft.UpdateServices.Internal.ClientImplementation.SyncUpdates(Cookie cookie, SyncUpdateParameters parameters)");
        lines.add("   at Microsoft.UpdateServices.Internal.Client.SyncUpdates(Cookie cookie, SyncUpdateParameters parameters)");
        lines.add(stamp(at, millis) + "\tWarning\t" + thread + "\tSoapUtilities.CreateException\tThrowException: actor = http://"
                + server.toLowerCase(Locale.ROOT) + "/ClientWebService/client.asmx, ID=" + guid()
                + ", ErrorCode=InternalServerError, Message=, Client=?");
    }

    private String guid() {
        return new UUID(random.nextLong(), random.nextLong()).toString();
    }
}

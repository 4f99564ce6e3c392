package org.wsusremediator.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Counts the KB954960 fault signature in SoftwareDistribution.log: a line containing
 * "Item has already been added" with a line containing "GetSyncInfo" among the next 10 lines (both
 * case-insensitive). Other 0x8024400E causes lack this pair, so only it makes a host symptomatic.
 * <p>
 * Fed line by line, in file order, with the file's own line numbers: the PowerShell probe does the same
 * on every line, the cmd fallback feeds only the lines findstr /n matched, and both give the same answer.
 */
public final class LogSignatures {

    static final String ITEM_ADDED = "item has already been added";
    static final String GET_SYNC_INFO = "getsyncinfo";
    static final int WINDOW = 10;
    static final int TIMESTAMP_LENGTH = 23;

    private final List<Long> pending = new ArrayList<>();
    private String pendingTimestamp = "";
    private int count;
    private String last;
    private long previousLine = Long.MIN_VALUE;

    /** Feeds one log line; line numbers must increase. */
    public void line(long lineNumber, String text) {
        if (lineNumber <= previousLine) {
            throw new IllegalArgumentException("log line numbers must increase: " + lineNumber + " after " + previousLine);
        }
        previousLine = lineNumber;
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains(GET_SYNC_INFO)) {
            long closed = pending.stream().filter(n -> n >= lineNumber - WINDOW).count();
            if (closed > 0) {
                count += (int) closed;
                last = pendingTimestamp; // the newest pending line is the newest one in the window
            }
            pending.clear();
        }
        if (lower.contains(ITEM_ADDED)) {
            pending.removeIf(n -> n < lineNumber - WINDOW);
            pending.add(lineNumber);
            pendingTimestamp = text.substring(0, Math.min(TIMESTAMP_LENGTH, text.length()));
        }
    }

    public int count() {
        return count;
    }

    /** The first 23 characters (the time stamp) of the last signature's line, or null when there is none. */
    public String last() {
        return last;
    }
}

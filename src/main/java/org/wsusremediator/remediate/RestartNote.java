package org.wsusremediator.remediate;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the journal records a restart about to be requested ({@link ChangeGuard#aboutToRestart}): a sentence for the
 * admin that carries the host's boot time before the restart, which a run recovering after a crash reads back to tell
 * whether the restart happened (the boot time changed) without asking anything the host cannot prove.
 */
public final class RestartNote {

    private static final String MARK = "boot time before the restart: ";
    private static final Pattern BOOT = Pattern.compile(Pattern.quote(MARK) + "(\\S+?)\\)");

    private RestartNote() {
    }

    /** The journal's detail for a restart about to be requested. */
    public static String of(Instant bootBefore, String command) {
        return "restart about to be requested (" + MARK + bootBefore + "): " + command;
    }

    /** The boot time a restart note carries; null when {@code detail} is not one. */
    public static Instant bootBefore(String detail) {
        if (detail == null) {
            return null;
        }
        Matcher m = BOOT.matcher(detail);
        if (!m.find()) {
            return null;
        }
        try {
            return Instant.parse(m.group(1));
        } catch (DateTimeParseException notOurs) {
            return null;
        }
    }
}

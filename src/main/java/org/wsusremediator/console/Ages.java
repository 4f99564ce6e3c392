package org.wsusremediator.console;

import java.time.Duration;
import java.time.Instant;

/** Times as a person reads them on a page: "4 min ago", "in 2 d 3 h". */
final class Ages {

    private Ages() {
    }

    static String since(Instant then, Instant now) {
        return now.isBefore(then) ? "just now" : between(then, now) + " ago";
    }

    static String until(Instant then, Instant now) {
        return then.isBefore(now) ? "expired " + between(then, now) + " ago" : "in " + between(now, then);
    }

    static String between(Instant from, Instant to) {
        long s = Math.max(0, Duration.between(from, to).toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min";
        }
        if (s < 86400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86400 + " d " + s % 86400 / 3600 + " h";
    }
}

package org.wsusremediator.window;

import java.time.Instant;

/** The next opening of a change window: which window, and when it opens. */
public record Upcoming(ChangeWindow window, Instant start) {

    /** When this opening closes. */
    public Instant end() {
        return window.endOf(start);
    }
}

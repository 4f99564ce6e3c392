package org.wsusremediator.window;

import java.time.Instant;

/**
 * One opening of a change window, on its exchange as property {@value #PROPERTY}: which window, and when it
 * ends (no host starts after that). Set when the window opens; every later step of the window reads it.
 *
 * @param recovered the failed node's firing this one re-executes (Quartz's recovery), null for an ordinary firing: its
 *                  plans' runs may still be RUNNING under the dead node's lease, which the window then waits out
 */
public record WindowOpening(String name, Instant end, RecoveredFiring recovered) {

    public static final String PROPERTY = "windowOpening";

    public WindowOpening(String name, Instant end) {
        this(name, end, null);
    }
}

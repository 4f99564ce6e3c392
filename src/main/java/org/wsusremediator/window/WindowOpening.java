package org.wsusremediator.window;

import java.time.Instant;

/**
 * One opening of a change window, on its exchange as property {@value #PROPERTY}: which window, and when it
 * ends (no host starts after that). Set when the window opens; every later step of the window reads it.
 */
public record WindowOpening(String name, Instant end) {

    public static final String PROPERTY = "windowOpening";
}

package org.wsusremediator.simulator;

import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Shell, command and message ids: upper-case GUIDs like Windows writes them. Built from ThreadLocalRandom rather
 * than UUID.randomUUID(), whose shared SecureRandom would be contended at benchmark rates; these ids only need to
 * be unique, not unguessable.
 */
final class Ids {

    private Ids() {
    }

    static String newGuid() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString().toUpperCase(Locale.ROOT);
    }
}

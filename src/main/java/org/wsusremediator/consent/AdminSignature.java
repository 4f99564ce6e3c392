package org.wsusremediator.consent;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An admin's own signature of their decision ({@link SignedStatement}) and the time it names, which becomes the
 * decision's time: the signed time and the recorded one must be the same for the signature to verify later.
 *
 * @param value base64 of the Ed25519 signature (a signature, no secret)
 */
public record AdminSignature(Instant at, String value) {

    public AdminSignature {
        at = at.truncatedTo(ChronoUnit.MICROS); // the store's precision: what is recorded is what was signed
    }
}

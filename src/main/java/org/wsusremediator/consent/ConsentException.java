package org.wsusremediator.consent;

/** A key, anchor or configuration file that cannot be used as it is; the message never holds key material. */
public class ConsentException extends RuntimeException {

    public ConsentException(String message) {
        super(message);
    }

    public ConsentException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.wsusremediator.inventory;

/** A value's text does not parse; the message says what is expected. Caught by the reader, never escapes. */
final class InvalidValue extends Exception {
    InvalidValue(String message) {
        super(message, null, false, false);
    }
}

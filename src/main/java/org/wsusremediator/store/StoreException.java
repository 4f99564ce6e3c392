package org.wsusremediator.store;

/** A store operation failed; the message names the database by its URL without credentials. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}

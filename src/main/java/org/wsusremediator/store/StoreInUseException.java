package org.wsusremediator.store;

/**
 * Another process holds the embedded store: H2's file allows one process at a time (its file lock), so a
 * command that meets a running {@code apply} or {@code serve} is refused rather than failing. The message names
 * the store's file, never a credential.
 */
public final class StoreInUseException extends StoreException {

    public StoreInUseException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.wsusremediator.cli;

/** Input a command cannot run with (arguments, inventory, credentials, fleet or window file): exit 2. */
final class BadInput extends RuntimeException {

    BadInput(String message) {
        super(message);
    }

    BadInput(String message, Throwable cause) {
        super(message, cause);
    }
}

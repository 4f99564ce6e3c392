package org.wsusremediator.server;

/** The server cannot start with this configuration; the message names the file and what is wrong, never a secret. */
public class ServerConfigException extends RuntimeException {

    public ServerConfigException(String message) {
        super(message);
    }

    public ServerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

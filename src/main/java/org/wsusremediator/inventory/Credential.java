package org.wsusremediator.inventory;

import java.util.Objects;

/**
 * A resolved credential. {@link #toString()} hides the password, so logging a credential (or a record or
 * exception that holds one) cannot leak it.
 *
 * @param username as written: {@code DOMAIN\\user}, {@code user@domain} or a local {@code user}
 * @param password the secret
 */
public record Credential(String username, String password) {

    public Credential {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "Credential[username=" + username + ", password=(hidden)]";
    }
}

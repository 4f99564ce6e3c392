package org.wsusremediator.simulator;

/**
 * A Basic-auth account the simulated hosts accept. The password is never written in the fleet file: it is read
 * from the named environment variable when the simulator starts.
 *
 * @param username    as the client sends it, e.g. {@code LAB\wsus-admin} (compared case-insensitively, like Windows)
 * @param passwordEnv the environment variable holding the password
 */
public record AccountSpec(String username, String passwordEnv) {

    public AccountSpec {
        Checks.required("username", username);
        Checks.required("passwordEnv", passwordEnv);
    }
}

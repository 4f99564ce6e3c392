package org.wsusremediator.plan;

import java.util.List;
import java.util.Set;

/**
 * An admin as the configuration declares them. Who is at the keyboard is never taken from a free-text flag:
 * it is the OS user the process runs as, mapped through {@code osUsers}, or a personal token or password whose
 * Argon2id hash (PHC string, {@link SecretHash}) is configured.
 *
 * @param tokenHash    hash of the personal API token, or null
 * @param passwordHash hash of the password, or null
 * @param signingKey   the admin's own Ed25519 public key, or null: with one, only their signed approvals count
 */
public record Admin(String name, Set<Role> roles, List<String> osUsers, String tokenHash, String passwordHash,
                    SigningKey signingKey) {

    public Admin {
        roles = Set.copyOf(roles);
        osUsers = List.copyOf(osUsers);
    }

    /** An admin without a signing key. */
    public Admin(String name, Set<Role> roles, List<String> osUsers, String tokenHash, String passwordHash) {
        this(name, roles, osUsers, tokenHash, passwordHash, null);
    }

    /** An admin without a password (the approval rules' tests, the CLI's OS-user mapping). */
    public Admin(String name, Set<Role> roles, List<String> osUsers, String tokenHash) {
        this(name, roles, osUsers, tokenHash, null);
    }

    public boolean may(Role role) {
        return roles.contains(role);
    }

    /** Any role lets an admin read: a configured admin is at least a viewer. */
    public boolean mayRead() {
        return !roles.isEmpty();
    }

    /** Never the hashes: a record's default toString would print them into logs. */
    @Override
    public String toString() {
        return "Admin[" + name + ", roles=" + roles + (signingKey == null ? "" : ", signs") + "]";
    }
}

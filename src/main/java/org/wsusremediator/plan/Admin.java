package org.wsusremediator.plan;

import java.util.List;
import java.util.Set;

/**
 * An admin as the configuration declares them. Who is at the keyboard is never taken from a free-text flag:
 * it is the OS user the process runs as, mapped through {@code osUsers}, or a personal token whose SHA-256 is
 * configured (for admins sharing a jump host account).
 */
public record Admin(String name, Set<Role> roles, List<String> osUsers, String tokenSha256) {

    public Admin {
        roles = Set.copyOf(roles);
        osUsers = List.copyOf(osUsers);
    }

    public boolean may(Role role) {
        return roles.contains(role);
    }

    @Override
    public String toString() {
        return "Admin[" + name + ", roles=" + roles + "]";
    }
}

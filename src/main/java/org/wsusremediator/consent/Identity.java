package org.wsusremediator.consent;

/**
 * How the one deciding was identified, kept in the decision's seal so the run can check it against the admin
 * directory it loaded itself: the OS user the kernel named, or the personal token, kept as a keyed MAC of the
 * token hash the deciding process's admin file configures for that admin (never the token, nor the hash itself). A
 * decision made with an admin file of one's own choosing fails the run's check: the run's directory maps that OS
 * user to someone else, or configures another token hash for the admin named.
 */
public record Identity(Kind kind, String value) {

    public enum Kind { OS_USER, TOKEN }

    public static Identity osUser(String name) {
        return new Identity(Kind.OS_USER, name);
    }

    /** Identified by a personal token: {@code configuredHash} is the admin file's hash of it ({@code tokenHash}). */
    public static Identity token(String configuredHash) {
        return new Identity(Kind.TOKEN, configuredHash);
    }

    /** What the decision's seal records: {@code os-user:NAME} or {@code token:MAC}. */
    String evidence(ServerKey key) {
        return kind == Kind.OS_USER ? "os-user:" + value : "token:" + key.mac("token", value);
    }

    @Override
    public String toString() {
        return kind == Kind.OS_USER ? "Identity[os-user " + value + "]" : "Identity[token]";
    }
}

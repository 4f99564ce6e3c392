package org.wsusremediator.consent;

/**
 * The operating-system user this process runs as, asked of the kernel (the real uid, through
 * {@code com.sun.security.auth.module.UnixSystem} in module jdk.security.auth), never of the {@code user.name}
 * property, which anyone starting the JVM sets ({@code -Duser.name=bob}), nor of the environment ({@code USER}).
 */
public final class OsUser {

    private OsUser() {
    }

    /** The kernel's name for this process's user; refuses where the platform cannot say (no Unix user database). */
    public static String current() {
        String name;
        try {
            name = new com.sun.security.auth.module.UnixSystem().getUsername();
        } catch (RuntimeException | LinkageError unavailable) {
            throw new ConsentException("cannot ask the operating system who runs this process ("
                    + unavailable.getClass().getSimpleName() + "): local mode needs a Unix system; use the server", unavailable);
        }
        if (name == null || name.isEmpty()) {
            throw new ConsentException("the operating system gave no user name for uid "
                    + new com.sun.security.auth.module.UnixSystem().getUid());
        }
        return name;
    }
}

package org.wsusremediator.winrm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Which krb5.conf the JVM's Kerberos reads (realm, KDC addresses). Java reads the file named by the system property
 * {@code java.security.krb5.conf}, else {@code /etc/krb5.conf}; it ignores MIT's {@code KRB5_CONFIG} variable.
 * The product honours it: when the property is not set, the first existing file of {@code KRB5_CONFIG} (a
 * colon-separated list, as MIT reads it) becomes the property, before the first Kerberos login. Java keeps the
 * configuration it read first, so this must run before any Kerberos use in the process.
 */
final class KerberosConfiguration {

    static final String PROPERTY = "java.security.krb5.conf";
    static final String ENVIRONMENT = "KRB5_CONFIG";

    private KerberosConfiguration() {
    }

    /** Sets the property from {@code environment}'s KRB5_CONFIG unless it is set already; returns the file in use, or null. */
    static synchronized String apply(Map<String, String> environment) {
        String current = System.getProperty(PROPERTY);
        if (current != null) {
            return current;
        }
        String list = environment.get(ENVIRONMENT);
        if (list == null || list.isBlank()) {
            return null;
        }
        for (String candidate : list.split(":")) {
            if (!candidate.isBlank() && Files.isRegularFile(Path.of(candidate.strip()))) {
                System.setProperty(PROPERTY, candidate.strip());
                return candidate.strip();
            }
        }
        return null;
    }
}

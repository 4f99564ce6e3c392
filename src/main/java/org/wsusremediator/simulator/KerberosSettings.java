package org.wsusremediator.simulator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What the simulator needs to accept Kerberos: the realm and the keytab holding the keys of the hosts' service
 * principals {@code HTTP/<host name>@REALM} (made by the lab KDC, src/test/kerberos/start-kdc.sh). Machine-specific,
 * so never in the fleet file: given to {@link FleetSimulator.Builder#kerberos(KerberosSettings)} or found in the
 * simulator's environment ({@link #KEYTAB_ENV}, {@link #REALM_ENV}).
 *
 * @param realm  the Kerberos realm, e.g. WSUSLAB.TEST (upper case, as realms are written)
 * @param keytab the keytab file; read when a host first accepts a ticket, and again whenever it changes
 */
public record KerberosSettings(String realm, Path keytab) {

    /** The environment variable naming the keytab. */
    public static final String KEYTAB_ENV = "WSUS_SIMULATOR_KRB5_KEYTAB";
    /** The environment variable naming the realm. */
    public static final String REALM_ENV = "WSUS_SIMULATOR_KRB5_REALM";

    public KerberosSettings {
        Checks.required("realm", realm);
        if (!realm.equals(realm.toUpperCase(Locale.ROOT)) || realm.isBlank() || realm.contains("@") || realm.contains("/")) {
            throw new IllegalArgumentException("kerberos realm '" + realm + "' must be an upper-case realm name like WSUSLAB.TEST");
        }
        if (keytab == null) {
            throw new IllegalArgumentException("kerberos keytab: required");
        }
        if (!Files.isRegularFile(keytab) || !Files.isReadable(keytab)) {
            throw new IllegalArgumentException("kerberos keytab " + keytab + " is not a readable file");
        }
    }

    /** The settings the environment gives (both variables set), if any; a half-set pair is an error. */
    public static Optional<KerberosSettings> fromEnvironment(Map<String, String> environment) {
        String keytab = environment.get(KEYTAB_ENV);
        String realm = environment.get(REALM_ENV);
        boolean hasKeytab = keytab != null && !keytab.isBlank();
        boolean hasRealm = realm != null && !realm.isBlank();
        if (!hasKeytab && !hasRealm) {
            return Optional.empty();
        }
        if (!hasKeytab || !hasRealm) {
            throw new IllegalArgumentException("set both " + KEYTAB_ENV + " and " + REALM_ENV + " (or neither)");
        }
        return Optional.of(new KerberosSettings(realm.strip(), Path.of(keytab.strip())));
    }

    /** The service principal a host's WinRM listener accepts tickets for: {@code HTTP/<name>@REALM}. */
    String servicePrincipal(String hostName) {
        return "HTTP/" + hostName.toLowerCase(Locale.ROOT) + "@" + realm;
    }
}

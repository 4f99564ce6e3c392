package org.wsusremediator.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Turns the inventory's credential references into usernames and passwords. The environment is passed in
 * ({@code System.getenv()} in production) so tests need not touch the real one. Secrets are read when asked
 * for, not kept here.
 */
public final class CredentialResolver {

    private final Map<String, String> environment;

    public CredentialResolver(Map<String, String> environment) {
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    public static CredentialResolver fromSystemEnvironment() {
        return new CredentialResolver(System.getenv());
    }

    /** The credential a host uses. */
    public Credential resolve(Inventory inventory, HostEntry host) {
        CredentialRef ref = inventory.credentials().get(host.credential());
        if (ref == null) {
            // Cannot happen for an inventory from InventoryReader; a hand-built one may be inconsistent.
            throw new CredentialException(List.of("credential '" + host.credential() + "' of host '" + host.name()
                    + "' is not defined in the inventory"));
        }
        return resolve(host.credential(), ref);
    }

    /** @throws CredentialException naming the credential and the variable or file, never the secret */
    public Credential resolve(String name, CredentialRef ref) {
        try {
            return read(ref);
        } catch (InvalidValue e) {
            throw new CredentialException(List.of("credential '" + name + "': " + e.getMessage()));
        }
    }

    /**
     * Resolves every credential a host of the inventory uses, so a run can stop before visiting any host
     * instead of failing halfway. Credentials no host uses are not read (they may belong to another site).
     *
     * @return credentials by name, in the inventory's order
     * @throws CredentialException listing every credential that cannot be resolved
     */
    public Map<String, Credential> resolveAll(Inventory inventory) {
        Set<String> used = new LinkedHashSet<>();
        inventory.hosts().forEach(h -> used.add(h.credential()));
        Map<String, Credential> resolved = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, CredentialRef> entry : inventory.credentials().entrySet()) {
            if (!used.remove(entry.getKey())) {
                continue;
            }
            try {
                resolved.put(entry.getKey(), read(entry.getValue()));
            } catch (InvalidValue e) {
                problems.add("credential '" + entry.getKey() + "': " + e.getMessage());
            }
        }
        used.forEach(name -> problems.add("credential '" + name + "' is used by a host but not defined in the inventory"));
        if (!problems.isEmpty()) {
            throw new CredentialException(problems);
        }
        return resolved;
    }

    private Credential read(CredentialRef ref) throws InvalidValue {
        // Java 17 has no pattern switch; CredentialRef is sealed, so these three are all there is.
        if (ref instanceof CredentialRef.EnvPassword env) {
            return new Credential(env.username(), fromEnvironment(env.variable()));
        }
        if (ref instanceof CredentialRef.PasswordFile file) {
            return new Credential(file.username(), PasswordFile.read(file.file()));
        }
        return CredentialProperties.read(((CredentialRef.PropertiesFile) ref).file());
    }

    private String fromEnvironment(String variable) throws InvalidValue {
        String value = environment.get(variable);
        if (value == null) {
            throw new InvalidValue("environment variable " + variable + " is not set");
        }
        if (value.isEmpty()) {
            throw new InvalidValue("environment variable " + variable + " is empty");
        }
        return value;
    }
}

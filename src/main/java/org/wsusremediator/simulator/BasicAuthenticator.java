package org.wsusremediator.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks HTTP Basic credentials against the fleet's accounts. Passwords come from the environment map given at
 * start and live only here; nothing in this class (or anywhere in the simulator) logs them.
 */
final class BasicAuthenticator {

    private record Account(String username, byte[] password) {
    }

    private final Map<String, Account> accounts;

    private BasicAuthenticator(Map<String, Account> accounts) {
        this.accounts = accounts;
    }

    static BasicAuthenticator of(List<AccountSpec> specs, Map<String, String> environment) {
        Map<String, Account> accounts = new HashMap<>();
        for (AccountSpec spec : specs) {
            String password = environment.get(spec.passwordEnv());
            if (password == null || password.isEmpty()) {
                throw new IllegalArgumentException("account " + spec.username() + ": environment variable "
                        + spec.passwordEnv() + " is not set");
            }
            accounts.put(spec.username().toLowerCase(Locale.ROOT),
                    new Account(spec.username(), password.getBytes(StandardCharsets.UTF_8)));
        }
        return new BasicAuthenticator(accounts);
    }

    /** Masks the accounts' passwords in anything the simulator logs. */
    LogRedactor redactor() {
        return new LogRedactor(accounts.values().stream().map(a -> new String(a.password(), StandardCharsets.UTF_8)).toList());
    }

    /** The account's user name if the header carries valid Basic credentials, else null. */
    String authenticate(String authorization) {
        if (authorization == null || authorization.length() < 6 || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return null;
        }
        Account account = accounts.get(decoded.substring(0, colon).toLowerCase(Locale.ROOT));
        if (account == null) {
            return null;
        }
        byte[] given = decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, account.password()) ? account.username() : null;
    }
}

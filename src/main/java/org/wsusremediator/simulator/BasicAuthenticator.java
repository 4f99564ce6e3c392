package org.wsusremediator.simulator;

import org.wsusremediator.simulator.ntlm.NtlmAcceptor;
import org.wsusremediator.simulator.ntlm.NtlmCrypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The fleet's accounts: checks HTTP Basic credentials, and gives NTLM each account's NT hash (computed once at start).
 * Passwords come from the environment map given at start and live only here; nothing in this class (or anywhere in
 * the simulator) logs them or the hashes.
 */
final class BasicAuthenticator {

    private record Account(String username, byte[] password) {
    }

    private final Map<String, Account> accounts;
    private final NtlmAcceptor.Accounts ntlmAccounts;

    private BasicAuthenticator(Map<String, Account> accounts) {
        this.accounts = accounts;
        this.ntlmAccounts = ntlmAccounts(accounts.values());
    }

    /**
     * NTLM names an account by user and domain apart: {@code LAB\wsus-admin} is user {@code wsus-admin} of domain
     * {@code LAB} (both compared case-insensitively, like Windows); an account written without a domain matches
     * whatever domain the client names.
     */
    private static NtlmAcceptor.Accounts ntlmAccounts(java.util.Collection<Account> accounts) {
        record Entry(String domain, NtlmAcceptor.Account account) {
        }
        Map<String, List<Entry>> byUser = new HashMap<>();
        for (Account a : accounts) {
            int backslash = a.username().indexOf('\\');
            String domain = backslash < 0 ? "" : a.username().substring(0, backslash);
            String user = a.username().substring(backslash + 1);
            NtlmAcceptor.Account account = new NtlmAcceptor.Account(a.username(),
                    NtlmCrypto.ntHash(new String(a.password(), StandardCharsets.UTF_8)));
            byUser.computeIfAbsent(user.toLowerCase(Locale.ROOT), k -> new java.util.ArrayList<>()).add(new Entry(domain, account));
        }
        return (user, domain) -> byUser.getOrDefault(user.toLowerCase(Locale.ROOT), List.of()).stream()
                .filter(e -> e.domain().isEmpty() || e.domain().equalsIgnoreCase(domain))
                .map(Entry::account).findFirst().orElse(null);
    }

    /** The accounts as NTLM looks them up. */
    NtlmAcceptor.Accounts ntlmAccounts() {
        return ntlmAccounts;
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

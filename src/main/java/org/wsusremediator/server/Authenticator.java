package org.wsusremediator.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.wsusremediator.plan.Admin;
import org.wsusremediator.plan.AdminDirectory;
import org.wsusremediator.plan.SecretHash;
import org.wsusremediator.report.Printable;
import org.wsusremediator.store.Store;

/**
 * Who is calling: {@code Authorization: Bearer <personal token>} or {@code Basic <name:password>}, checked against
 * the admin directory's Argon2id hashes. Nothing the caller sends besides the secret names them. Failures are
 * throttled per client address and per admin name ({@link LoginThrottle}) and audited (the first refusal of a locked
 * key too, not every one, so a flood cannot flood the audit trail). A verified token is remembered (its SHA-256, for
 * a few minutes, bounded) so that each request does not cost every admin's Argon2id check.
 */
public final class Authenticator {

    static final Duration REMEMBER = Duration.ofMinutes(5);
    private static final int REMEMBERED = 256;
    /** An Authorization header longer than this is refused unread. */
    static final int MAX_HEADER_CHARS = 4 * SecretHash.MAX_SECRET_CHARS;
    static final String ANONYMOUS = "anonymous";

    private final AdminDirectory directory;
    private final Store store;
    private final ServerMetrics metrics;
    private final Clock clock;
    private final LoginThrottle throttle;
    private final Map<String, Remembered> verifiedTokens = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > REMEMBERED;
        }
    };

    Authenticator(AdminDirectory directory, Store store, ServerMetrics metrics, Clock clock) {
        this.directory = directory;
        this.store = store;
        this.metrics = metrics;
        this.clock = clock;
        this.throttle = new LoginThrottle(clock);
    }

    /** The admin calling, or an {@link ApiError} 401 (or 429 while throttled). */
    Admin authenticate(String authorization, String clientAddress) {
        String client = "client " + clientAddress;
        if (authorization == null || authorization.isBlank()) {
            throw ApiError.unauthorized("authentication required: Authorization: Bearer <token>, or Basic");
        }
        checkNotLocked(client, clientAddress, null);
        if (authorization.length() > MAX_HEADER_CHARS) {
            throw refuse("header", client, clientAddress, null, "Authorization header too long");
        }
        String[] parts = authorization.strip().split(" ", 2);
        String scheme = parts[0].toLowerCase(java.util.Locale.ROOT);
        String credentials = parts.length == 2 ? parts[1].strip() : "";
        if (scheme.equals("bearer")) {
            Optional<Admin> admin = rememberedToken(credentials).or(() -> directory.byToken(credentials));
            if (admin.isEmpty()) {
                throw refuse("bearer", client, clientAddress, null, "the token matches no admin");
            }
            remember(credentials, admin.get());
            throttle.succeeded(client);
            return admin.get();
        }
        if (scheme.equals("basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException notBase64) {
                throw refuse("basic", client, clientAddress, null, "Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            String name = colon < 0 ? "" : decoded.substring(0, colon);
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            return byPassword("basic", name, password, client, clientAddress);
        }
        throw refuse("other", client, clientAddress, null, "unsupported scheme: use Bearer or Basic");
    }

    /**
     * The console's login form: the admin with this name and password, throttled and audited as a Basic login is
     * (scheme {@code console}); an {@link ApiError} 401 or 429 otherwise.
     */
    public Admin login(String name, String password, String clientAddress) {
        String client = "client " + clientAddress;
        checkNotLocked(client, clientAddress, null);
        String given = name == null ? "" : name;
        if (given.length() > SecretHash.MAX_SECRET_CHARS || password == null || password.length() > SecretHash.MAX_SECRET_CHARS) {
            throw refuse("console", client, clientAddress, null, "name or password too long");
        }
        return byPassword("console", given, password, client, clientAddress);
    }

    /** The admin of this name as the directory has them now (a console session names its admin, and no more). */
    public Optional<Admin> admin(String name) {
        return directory.byName(name);
    }

    private Admin byPassword(String scheme, String name, String password, String client, String clientAddress) {
        String adminKey = "admin " + name.toLowerCase(java.util.Locale.ROOT);
        checkNotLocked(adminKey, clientAddress, name);
        Optional<Admin> admin = directory.byPassword(name, password);
        if (admin.isEmpty()) {
            // Counted against the name too: one admin's password guessed from many addresses is slowed down, and the
            // lock on the name is audited as the lock on an address is.
            boolean nameLocked = throttle.failed(adminKey);
            throw refuse(scheme, client, clientAddress, name, "wrong name or password", nameLocked);
        }
        throttle.succeeded(client);
        throttle.succeeded(adminKey);
        return admin.get();
    }

    private void checkNotLocked(String key, String clientAddress, String name) {
        Instant until = throttle.lockedUntil(key);
        if (until != null) {
            long seconds = Math.max(1, Duration.between(clock.instant(), until).toSeconds());
            throw new ApiError(429, "throttled", "too many failed logins from " + key + "; try again in " + seconds + " s");
        }
    }

    private ApiError refuse(String scheme, String client, String clientAddress, String name, String why) {
        return refuse(scheme, client, clientAddress, name, why, false);
    }

    /** Counts the failure against the address, audits it (LOGIN_THROTTLED when it or {@code nameLocked} locked a key). */
    private ApiError refuse(String scheme, String client, String clientAddress, String name, String why, boolean nameLocked) {
        boolean locked = throttle.failed(client) | nameLocked;
        metrics.loginFailed(scheme);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("client", clientAddress);
        details.put("scheme", scheme);
        if (name != null) {
            details.put("name", Printable.line(name.length() > 64 ? name.substring(0, 64) : name));
        }
        details.put("why", why);
        details.put("throttled", locked);
        store.audit(ANONYMOUS, locked ? "LOGIN_THROTTLED" : "LOGIN_FAILED", "api", Store.jsonObject(details));
        return ApiError.unauthorized("authentication failed: " + why);
    }

    private synchronized Optional<Admin> rememberedToken(String token) {
        Remembered r = verifiedTokens.get(sha256(token));
        if (r == null || clock.instant().isAfter(r.until)) {
            return Optional.empty();
        }
        return directory.byName(r.admin);
    }

    private synchronized void remember(String token, Admin admin) {
        verifiedTokens.put(sha256(token), new Remembered(admin.name(), clock.instant().plus(REMEMBER)));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private record Remembered(String admin, Instant until) {
    }
}

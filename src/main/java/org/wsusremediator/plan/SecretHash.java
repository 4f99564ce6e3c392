package org.wsusremediator.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * An admin's token or password as the admin directory stores it: an Argon2id hash (Bouncy Castle's generator) in
 * the PHC string format, {@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}. Slow and salted on purpose: a copy
 * of the admin file must not give the secrets away. The secret itself is never stored nor printed.
 */
public final class SecretHash {

    /** OWASP's Argon2id minimum (19 MiB, 2 passes, 1 lane): tens of milliseconds per check here. */
    static final int MEMORY_KIB = 19_456;
    static final int ITERATIONS = 2;
    static final int PARALLELISM = 1;
    /** Below these a stored hash is refused: a weak hash in the directory is a configuration error, not a choice. */
    private static final int MIN_MEMORY_KIB = 8_192;
    private static final int MIN_ITERATIONS = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    /** Longer secrets are refused before hashing, so that nobody makes the server hash megabytes. */
    public static final int MAX_SECRET_CHARS = 1024;
    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{11,64})\\$([A-Za-z0-9+/]{22,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKib;
    private final int iterations;
    private final int parallelism;
    private final byte[] salt;
    private final byte[] hash;

    private SecretHash(int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.parallelism = parallelism;
        this.salt = salt;
        this.hash = hash;
    }

    /** A new hash of {@code secret} with a fresh random salt. */
    public static String hash(String secret) {
        checkLength(secret);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        byte[] hash = derive(secret, salt, MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES);
        return "$argon2id$v=19$m=" + MEMORY_KIB + ",t=" + ITERATIONS + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(hash);
    }

    /**
     * Parses a stored PHC string.
     *
     * @throws IllegalArgumentException saying what is wrong with it (never echoing it: it is a hash of a secret)
     */
    public static SecretHash parse(String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash in PHC format ($argon2id$v=19$m=…,t=…,p=…$salt$hash);"
                    + " make one with: remediator admin hash");
        }
        int memory = Integer.parseInt(m.group(1));
        int iterations = Integer.parseInt(m.group(2));
        int parallelism = Integer.parseInt(m.group(3));
        if (memory < MIN_MEMORY_KIB || iterations < MIN_ITERATIONS || parallelism < 1 || memory > 1_048_576) {
            throw new IllegalArgumentException("Argon2id parameters too weak or too large (m=" + memory + ",t=" + iterations
                    + ",p=" + parallelism + "; at least m=" + MIN_MEMORY_KIB + ", at most 1 GiB)");
        }
        Base64.Decoder d = Base64.getDecoder();
        return new SecretHash(memory, iterations, parallelism, d.decode(m.group(4)), d.decode(m.group(5)));
    }

    /** Whether {@code secret} is the one hashed; compared in constant time. */
    public boolean matches(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > MAX_SECRET_CHARS) {
            return false;
        }
        byte[] candidate = derive(secret, salt, memoryKib, iterations, parallelism, hash.length);
        return MessageDigest.isEqual(candidate, hash);
    }

    private static byte[] derive(String secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib).withIterations(iterations).withParallelism(parallelism)
                .withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        byte[] secretBytes = secret.getBytes(StandardCharsets.UTF_8);
        try {
            generator.generateBytes(secretBytes, out);
        } finally {
            Arrays.fill(secretBytes, (byte) 0);
        }
        return out;
    }

    private static void checkLength(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the secret is empty");
        }
        if (secret.length() > MAX_SECRET_CHARS) {
            throw new IllegalArgumentException("the secret is longer than " + MAX_SECRET_CHARS + " characters");
        }
    }

    @Override
    public String toString() {
        return "SecretHash[argon2id]";
    }
}

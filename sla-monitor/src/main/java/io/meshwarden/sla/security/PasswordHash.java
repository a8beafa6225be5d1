package io.meshwarden.sla.security;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes of the users file: PBKDF2 with HMAC-SHA256 from the JDK (no library needed),
 * written {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} with salt and hash in base64, the format
 * Python's {@code hashlib.pbkdf2_hmac} can produce too (docs/security.md has the one-liner).
 * Comparison is constant-time.
 */
public final class PasswordHash {
    static final String SCHEME = "pbkdf2-sha256";
    /** OWASP's 2023 advice for PBKDF2-HMAC-SHA256. */
    static final int DEFAULT_ITERATIONS = 600_000;
    private static final int KEY_BITS = 256;

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Parses a stored hash; a malformed one is an IllegalArgumentException saying what is wrong. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalArgumentException("a password hash must be " + SCHEME + "$ITERATIONS$SALT$HASH (base64)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 1) {
                throw new IllegalArgumentException("the iteration count must be positive");
            }
            return new PasswordHash(iterations, Base64.getDecoder().decode(parts[2]), Base64.getDecoder().decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count must be a number, not '" + parts[1] + "'", e);
        }
    }

    /** A new hash of this password with a random salt, encoded. */
    public static String hash(String password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$"
                + base64.encodeToString(derive(password, salt, iterations, KEY_BITS));
    }

    public boolean matches(String password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length * 8));
    }

    private static byte[] derive(String password, byte[] salt, int iterations, int bits) {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, bits);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        } finally {
            spec.clearPassword();
        }
    }

    @Override
    public String toString() {
        return SCHEME + "$" + iterations + "$…";
    }

}

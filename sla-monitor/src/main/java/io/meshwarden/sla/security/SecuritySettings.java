package io.meshwarden.sla.security;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.Base64;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's security settings, read once from the layered configuration
 * ({@code meshwarden.security.*}, so a config file and {@code MESHWARDEN_SECURITY_*} variables set them
 * as they set everything else): whether the API demands credentials, the users file, and the HS256
 * secret of the tokens. Without a configured secret each instance draws a random one: its tokens
 * then work on that instance only, which is right for one instance and wrong for a cluster (a
 * forwarded read carries the caller's token to a peer, which must accept it), hence the warning.
 */
@Singleton
public class SecuritySettings {
    /** HS256 needs a 256-bit key. */
    static final int MIN_SECRET_LENGTH = 32;
    private static final Logger LOG = LoggerFactory.getLogger(SecuritySettings.class);

    private final boolean enabled;
    private final String usersFile;
    private final String jwtSecret;

    public SecuritySettings(MeshwardenConfig config) {
        String enabledValue = config.get(Settings.SECURITY_ENABLED).trim();
        if (!enabledValue.equalsIgnoreCase("true") && !enabledValue.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException(Settings.SECURITY_ENABLED.key() + " must be true or false, not '" + enabledValue + "'");
        }
        this.enabled = Boolean.parseBoolean(enabledValue);
        this.usersFile = config.get(Settings.SECURITY_USERS_FILE).trim();
        String secret = config.get(Settings.SECURITY_JWT_SECRET);
        if (secret.isEmpty()) {
            byte[] random = new byte[MIN_SECRET_LENGTH];
            new SecureRandom().nextBytes(random);
            secret = Base64.getEncoder().encodeToString(random);
            if (enabled) {
                LOG.warn("{} is not set: tokens issued by this instance are valid on this instance only; set the same secret"
                        + " on every instance of a cluster", Settings.SECURITY_JWT_SECRET.key());
            }
        } else if (secret.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(Settings.SECURITY_JWT_SECRET.key() + " must be at least " + MIN_SECRET_LENGTH
                    + " characters, not " + secret.length());
        }
        this.jwtSecret = secret;
        if (!enabled) {
            LOG.warn("{}=false: the API and dashboard accept every request without credentials", Settings.SECURITY_ENABLED.key());
        }
    }

    public boolean enabled() {
        return enabled;
    }

    String usersFile() {
        return usersFile;
    }

    String jwtSecret() {
        return jwtSecret;
    }
}

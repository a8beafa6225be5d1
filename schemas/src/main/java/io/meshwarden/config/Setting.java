package io.meshwarden.config;

import java.util.Locale;

/**
 * One Meshwarden setting: its key, default and meaning. The environment variable is derived from
 * the key ({@code meshwarden.topic.prefix} is {@code MESHWARDEN_TOPIC_PREFIX}).
 */
public record Setting(String key, String defaultValue, String description) {

    public Setting {
        if (!key.startsWith(MeshwardenConfig.NAMESPACE)) {
            throw new IllegalArgumentException("setting keys start with " + MeshwardenConfig.NAMESPACE + ": " + key);
        }
    }

    public String environmentVariable() {
        return key.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
    }
}

package io.meshwarden.sla.config;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.TopicCatalog;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.env.EnvironmentPropertySource;
import io.micronaut.context.env.Environment;
import io.micronaut.context.env.PropertySource;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds the one {@link MeshwardenConfig} of the service from the Micronaut environment: every
 * {@code meshwarden.*} property (and {@code kafka.*}, passed to the Kafka clients) set in
 * application.yml, system properties, the command line ({@code --meshwarden.topic.prefix=x}) or the
 * properties given to {@link io.meshwarden.sla.SlaMonitor#start} becomes an override of
 * {@link MeshwardenConfig#load}, which layers them over its defaults, its config file and the
 * environment variables. Environment variables are left to {@code MeshwardenConfig}, the one reader of
 * the environment; Micronaut's relaxed copies of them ({@code meshwarden.topic-prefix} for
 * {@code MESHWARDEN_TOPIC_PREFIX}) would be rejected as unknown keys. An unknown {@code meshwarden.*}
 * key fails start-up with a list of the known ones.
 */
@Factory
public class MeshwardenConfigFactory {

    @Singleton
    public MeshwardenConfig meshwardenConfig(Environment environment) {
        return config(environment, System.getenv());
    }

    @Singleton
    public TopicCatalog topicCatalog(MeshwardenConfig config) {
        return config.topics();
    }

    /** The configuration of a service with this Micronaut environment and these environment variables. */
    public static MeshwardenConfig config(Environment environment, Map<String, String> variables) {
        return MeshwardenConfig.load(variables, overrides(environment));
    }

    /** The Meshwarden and Kafka keys of every property source but the environment variables, values resolved. */
    static Map<String, String> overrides(Environment environment) {
        Map<String, String> overrides = new TreeMap<>();
        for (PropertySource source : environment.getPropertySources()) {
            if (EnvironmentPropertySource.NAME.equals(source.getName())) {
                continue;
            }
            for (String key : source) {
                if (key.startsWith(MeshwardenConfig.NAMESPACE) || key.startsWith(MeshwardenConfig.KAFKA_NAMESPACE)) {
                    // Resolved through the environment: placeholders expanded, highest-precedence source wins.
                    overrides.put(key, environment.getProperty(key, String.class)
                            .orElseGet(() -> String.valueOf(source.get(key))));
                }
            }
        }
        return overrides;
    }
}

package io.meshwarden.sla.cluster;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the other SLA monitor instances reach this one's HTTP API: {@code meshwarden.application.server}
 * ({@code host:port}), or, when it is empty, {@code localhost} and the port the HTTP server actually
 * bound, which with {@code micronaut.server.port=-1} is known only once it listens. Kafka Streams gets
 * it as {@code application.server} and tells every instance which one hosts which partitions.
 *
 * <p>Parsed when the service starts, before anything binds, so that a malformed value stops the start
 * with a message naming the setting; Kafka's own {@link HostInfo#buildFromEndpoint} parses it.
 */
public final class AdvertisedAddress {
    /** Kafka's own key, which the service sets itself; a second way to say the same would only conflict. */
    public static final String KAFKA_KEY = MeshwardenConfig.KAFKA_NAMESPACE + "application.server";

    private final HostInfo configured;

    private AdvertisedAddress(HostInfo configured) {
        this.configured = configured;
    }

    /**
     * The address the configuration names, or none.
     *
     * @throws IllegalArgumentException naming the setting when it is not {@code host:port}, or when
     *                                  {@code kafka.application.server} is set instead
     */
    public static AdvertisedAddress of(MeshwardenConfig config) {
        if (config.kafkaOverrides().containsKey("application.server")) {
            throw new IllegalArgumentException(KAFKA_KEY + " is set by the SLA monitor itself; set "
                    + Settings.APPLICATION_SERVER.key() + " (" + Settings.APPLICATION_SERVER.environmentVariable() + ") instead");
        }
        String value = config.get(Settings.APPLICATION_SERVER).trim();
        return new AdvertisedAddress(value.isEmpty() ? null : parse(value));
    }

    /** This instance's address, given the port its HTTP server bound. */
    public HostInfo resolve(int boundPort) {
        return configured != null ? configured : new HostInfo("localhost", boundPort);
    }

    static HostInfo parse(String value) {
        if (value.contains("/")) {
            // Kafka's parser would read a URL's host and port; a URL is not what the setting asks for.
            throw malformed(value);
        }
        HostInfo host;
        try {
            host = HostInfo.buildFromEndpoint(value);
        } catch (ConfigException | NumberFormatException e) {
            // Kafka's message says less than this one; the operator sees only this.
            throw malformed(value);
        }
        if (host == null || host.host().isBlank() || host.port() < 1 || host.port() > 65_535) {
            throw malformed(value);
        }
        return host;
    }

    private static IllegalArgumentException malformed(String value) {
        return new IllegalArgumentException(Settings.APPLICATION_SERVER.key() + " must be host:port (port 1 to 65535), the"
                + " address other SLA monitor instances reach this one's HTTP API on, not '" + value + "'");
    }
}

package io.meshwarden.quality;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.quality.rolling.QualityOptions;
import io.meshwarden.schemas.TopicCatalog;
import io.meshwarden.schemas.TopicProvisioner;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running quality-streams application: creates the mesh topics it needs, then runs the
 * {@link QualityTopology} until closed. Embeddable (the local runner starts it in-process).
 */
public final class QualityStreams implements AutoCloseable {
    public static final String APPLICATION = "quality";
    private static final Logger LOG = LoggerFactory.getLogger(QualityStreams.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaStreams streams;

    private QualityStreams(KafkaStreams streams) {
        this.streams = streams;
    }

    public static QualityStreams start(MeshwardenConfig config) {
        TopicCatalog topics = config.topics();
        try (Admin admin = Admin.create(config.adminProperties())) {
            new TopicProvisioner(admin, config.getInt(Settings.TOPIC_PARTITIONS),
                    (short) config.getInt(Settings.TOPIC_REPLICATION_FACTOR)).ensure(topics.all());
        }
        Properties properties = config.streamsProperties(APPLICATION);
        KafkaStreams streams = new KafkaStreams(QualityTopology.build(topics, QualityOptions.from(config), properties), properties);
        streams.setUncaughtExceptionHandler(e -> {
            // Bad records are routed before they can throw; what reaches here is a bug or an
            // infrastructure failure, and a fresh thread resumes from the last committed offsets.
            LOG.error("quality-streams thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        LOG.info("quality-streams {} started against {} (guarantee {})", properties.get("application.id"),
                config.bootstrapServers(), properties.get("processing.guarantee"));
        return new QualityStreams(streams);
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT));
    }
}

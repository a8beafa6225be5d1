package io.meshwarden.sla;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.sla.streams.SlaStreams;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import jakarta.inject.Singleton;
import java.util.Locale;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says where the service is once its HTTP server listens and Kafka Streams has started: URL and
 * endpoints, the address other instances reach it on ({@code application.server}), the Kafka cluster,
 * the topics read and written, the Streams application id and state directory. Logged at INFO and
 * printed to stdout, so it shows whatever the logging configuration.
 */
@Singleton
public class StartupReport implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(StartupReport.class);

    private final MeshwardenConfig config;
    private final SlaStreams streams;

    public StartupReport(MeshwardenConfig config, SlaStreams streams) {
        this.config = config;
        this.streams = streams;
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        EmbeddedServer server = event.getSource();
        String url = server.getURL().toString();
        String report = String.format(Locale.ROOT, "SLA monitor listening on %s (dashboard %s/dashboard/, API %s/api/,"
                        + " OpenAPI %s/swagger/, health %s/health, readiness %s/health/readiness, metrics %s/prometheus);"
                        + " instance %s (application.server, where other instances reach it);"
                        + " Kafka %s; reads %s; writes %s; Kafka Streams application %s, state in %s",
                url, url, url, url, url, url, url, instance(), config.bootstrapServers(), streams.inputTopics(),
                streams.outputTopics(), streams.applicationId(), streams.stateDir());
        LOG.info(report);
        System.out.println(report);
    }

    private String instance() {
        HostInfo self = streams.self();
        return self == null ? "not advertised" : self.host() + ":" + self.port();
    }
}

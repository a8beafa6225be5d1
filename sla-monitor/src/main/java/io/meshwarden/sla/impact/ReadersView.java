package io.meshwarden.sla.impact;

import io.meshwarden.avro.TopicReaders;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.api.RequestRejectedException;
import io.meshwarden.streams.CompactedView;
import io.micronaut.context.annotation.Context;
import io.micronaut.http.HttpStatus;
import jakarta.annotation.PreDestroy;

/**
 * Who reads each topic, as quality-streams' readers poller last wrote it: the compacted
 * {@code governance.readers} topic in a {@link CompactedView} of this instance's own (every instance
 * holds all of it). The impact app owns the topic: until it exists and has been read to where it
 * ended, the view answers 503 rather than an impact that misses readers.
 */
@Context // read from start-up on, so that the first request finds it complete
public class ReadersView {
    private final CompactedView<TopicReaders> readers;

    public ReadersView(MeshwardenConfig config) {
        this.readers = new CompactedView<>(config, config.topics().topic(Topics.READERS), "sla-readers-view", () -> { }).start();
    }

    /** Who reads the topic, null when nobody is known to; 503 while the view is not complete. */
    public TopicReaders of(String topic) {
        if (!readers.caughtUp()) {
            throw new RequestRejectedException(HttpStatus.SERVICE_UNAVAILABLE, "governance.readers", "who reads which topic is "
                    + "still being read from " + readers.topicName() + " (or quality-streams' impact app has not created it yet)");
        }
        return readers.get(topic);
    }

    @PreDestroy
    void close() {
        readers.close();
    }
}

package io.meshwarden.sla.access;

import io.meshwarden.avro.AccessCommand;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import io.meshwarden.sla.api.CommandWriter;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** Access commands to {@code access.commands}, keyed by request id; the access service applies them. */
@Singleton
public class AccessCommandPublisher {
    private final CommandWriter<AccessCommand> writer;

    public AccessCommandPublisher(MeshwardenConfig config) {
        this.writer = new CommandWriter<>(config, Topics.ACCESS_COMMANDS, "meshwarden-sla-access-commands",
                AccessCommand::getRequestId);
    }

    public void publish(AccessCommand command) {
        writer.write(command);
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}

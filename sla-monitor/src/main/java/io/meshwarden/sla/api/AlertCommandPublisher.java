package io.meshwarden.sla.api;

import io.meshwarden.avro.AlertCommand;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.schemas.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/** Operators' commands to the alert-command topic, keyed by alert id; the alert lifecycle applies them. */
@Singleton
public class AlertCommandPublisher {
    private final CommandWriter<AlertCommand> writer;

    public AlertCommandPublisher(MeshwardenConfig config) {
        this.writer = new CommandWriter<>(config, Topics.ALERT_COMMANDS, "meshwarden-sla-commands", AlertCommand::getAlertId);
    }

    public void publish(AlertCommand command) {
        writer.write(command);
    }

    @PreDestroy
    void close() {
        writer.close();
    }
}

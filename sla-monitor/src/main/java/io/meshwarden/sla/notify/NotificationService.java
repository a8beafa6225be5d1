package io.meshwarden.sla.notify;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.micronaut.context.annotation.Context;
import jakarta.annotation.PreDestroy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the notification relay with the sinks the configuration names
 * ({@code meshwarden.notify.alertmanager.url}, {@code meshwarden.notify.webhook.url}); with none, it
 * does nothing. Created with the application context, closed with it.
 */
@Context
public class NotificationService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final NotificationRelay relay;

    public NotificationService(MeshwardenConfig config) {
        List<NotificationSink> sinks = sinks(config);
        if (sinks.isEmpty()) {
            relay = null;
            return;
        }
        relay = new NotificationRelay(config, sinks, Duration.ofMillis(Long.parseLong(config.get(Settings.NOTIFY_REFRESH_INTERVAL_MS))),
                Clock.systemUTC());
        relay.start();
        LOG.info("Relaying alert transitions to {}", sinks.stream().map(NotificationSink::name).toList());
    }

    static List<NotificationSink> sinks(MeshwardenConfig config) {
        Retry retry = new Retry(Integer.parseInt(config.get(Settings.NOTIFY_ATTEMPTS)),
                Duration.ofMillis(Long.parseLong(config.get(Settings.NOTIFY_BACKOFF_MS))), MAX_BACKOFF);
        List<NotificationSink> sinks = new ArrayList<>();
        String alertmanager = config.get(Settings.NOTIFY_ALERTMANAGER_URL).strip();
        if (!alertmanager.isEmpty()) {
            sinks.add(new AlertmanagerSink(url(Settings.NOTIFY_ALERTMANAGER_URL.key(), alertmanager), retry));
        }
        String webhook = config.get(Settings.NOTIFY_WEBHOOK_URL).strip();
        if (!webhook.isEmpty()) {
            sinks.add(new WebhookSink(url(Settings.NOTIFY_WEBHOOK_URL.key(), webhook), config.get(Settings.NOTIFY_WEBHOOK_SECRET),
                    retry));
        }
        return sinks;
    }

    private static URI url(String key, String value) {
        URI uri;
        try {
            uri = URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " is not a URL: " + value, e);
        }
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException(key + " must be an http or https URL, not " + value);
        }
        return uri;
    }

    /** Active alerts on this instance's partitions of the alert topic; -1 when no sink is configured. */
    public int activeAlerts() {
        return relay == null ? -1 : relay.activeCount();
    }

    @PreDestroy
    @Override
    public void close() {
        if (relay != null) {
            relay.close();
        }
    }
}

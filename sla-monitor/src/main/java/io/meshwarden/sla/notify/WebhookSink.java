package io.meshwarden.sla.notify;

import io.meshwarden.avro.Alert;
import io.meshwarden.schemas.EventCodec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A generic webhook: each transition POSTed as the alert's JSON (the form {@code tail --format json}
 * prints), signed with HMAC-SHA256 over the body in {@value #SIGNATURE_HEADER} ({@code sha256=<hex>}),
 * with {@value #IDEMPOTENCY_HEADER} naming the transition ({@link #idempotencyKey}): delivery is
 * at least once (a crash between delivery and commit delivers again, with the same key and body),
 * so a receiver that keeps the keys it has seen sees each transition exactly once.
 */
final class WebhookSink implements NotificationSink {
    static final String SIGNATURE_HEADER = "X-Meshwarden-Signature";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final EventCodec<Alert> CODEC = EventCodec.of(Alert.class);

    private final HttpPoster poster;
    private final byte[] secret;

    WebhookSink(URI url, String secret, Retry retry) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook needs a signing secret (meshwarden.notify.webhook.secret)");
        }
        this.poster = new HttpPoster(url, retry);
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public void deliver(Alert transition) {
        String body = CODEC.toJson(transition).toString();
        poster.post(body, Map.of(SIGNATURE_HEADER, "sha256=" + sign(secret, body), IDEMPOTENCY_HEADER, idempotencyKey(transition)));
    }

    /** One transition of one alert: its id, the time of the change and what changed. */
    static String idempotencyKey(Alert transition) {
        return transition.getAlertId() + "@" + transition.getChangedAt().toEpochMilli() + "/" + transition.getTransition();
    }

    static String sign(byte[] secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

package io.meshwarden.kafka.embedded;

/** Thrown when the client port asked for in {@link EmbeddedKafkaConfig#port()} is already taken. */
public final class PortInUseException extends EmbeddedKafkaException {

    private static final long serialVersionUID = 1L;

    private final int port;

    public PortInUseException(int port, Throwable cause) {
        super("port " + port + " on 127.0.0.1 is already in use", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}

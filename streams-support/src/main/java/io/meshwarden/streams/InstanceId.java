package io.meshwarden.streams;

import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.UUID;

/**
 * This instance's stable member id in its Kafka Streams group ({@code group.instance.id}, static
 * membership): {@link Settings#INSTANCE_ID} when the deployment names one (a StatefulSet's pod
 * name, say), else an id generated on the first start and kept in the application's state
 * directory, {@code <state.dir>/<application.id>/meshwarden-instance-id}. A restart on the same
 * state directory is then the same member, and two instances on one host, which need two state
 * directories anyway, are two members.
 *
 * <p>Reads and writes that one file.
 */
final class InstanceId {
    static final String FILE = "meshwarden-instance-id";

    private InstanceId() {
    }

    static String of(MeshwardenConfig config, String applicationId, String stateDir) {
        String configured = config.get(Settings.INSTANCE_ID);
        if (!configured.isBlank()) {
            return configured;
        }
        Path file = Path.of(stateDir, applicationId, FILE);
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            String generated = host() + "-" + UUID.randomUUID().toString().substring(0, 8);
            Files.createDirectories(file.getParent());
            Files.writeString(file, generated + "\n", StandardCharsets.UTF_8);
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep this instance's id in " + file + "; set " + Settings.INSTANCE_ID.key()
                    + " or make the state directory writable", e);
        }
    }

    /** The host name, for an operator reading the group's members; any name will do, uniqueness comes from the suffix. */
    private static String host() {
        try {
            String name = InetAddress.getLocalHost().getHostName().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-");
            return name.isEmpty() ? "instance" : name;
        } catch (UnknownHostException e) {
            return "instance";
        }
    }
}

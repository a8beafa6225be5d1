package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * Prepares a KRaft log directory: refuses one that a running broker uses, and formats it the way
 * {@code kafka-storage.sh format} does, but only when it has not been formatted yet, so that a persistent
 * data directory keeps its cluster id and records.
 */
final class KraftStorage {

    /** Written by the formatter into every formatted log directory. */
    private static final String META_PROPERTIES = "meta.properties";
    /** Locked by Kafka's log manager while a broker uses the directory. */
    private static final String LOCK_FILE = ".lock";

    private KraftStorage() {
    }

    /**
     * Fails when another broker, in this JVM or another process, holds the directory's lock. Kafka only
     * takes that lock once the controller half of a combined node is already writing the metadata log,
     * so a second broker on the same directory would damage it before noticing.
     */
    static void ensureNotInUse(Path logDir) {
        try (FileChannel channel = FileChannel.open(logDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(logDir);
            }
            lock.release();
        } catch (OverlappingFileLockException e) {
            throw inUse(logDir);
        } catch (IOException e) {
            throw new EmbeddedKafkaException("could not check whether Kafka data directory " + logDir + " is in use", e);
        }
    }

    static boolean isFormatted(Path logDir) {
        return Files.isRegularFile(logDir.resolve(META_PROPERTIES));
    }

    /** Formats {@code logDir} for {@code config} in a new cluster; returns false when it already was formatted. */
    static boolean formatIfNeeded(Path logDir, KafkaConfig config) {
        return formatIfNeeded(logDir, config, Uuid.randomUuid().toString());
    }

    /** Formats {@code logDir} for {@code config} as a node of cluster {@code clusterId}; false when it already was formatted. */
    static boolean formatIfNeeded(Path logDir, KafkaConfig config, String clusterId) {
        if (isFormatted(logDir)) {
            return false;
        }
        Formatter formatter = new Formatter()
                // The formatter reports progress on stdout, which would end up in the middle of test output.
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setUnstableFeatureVersionsEnabled(false)
                .setIgnoreFormatted(true)
                .setHasDynamicQuorum(false)
                .addDirectory(logDir.toAbsolutePath().toString());
        try {
            formatter.run();
        } catch (Exception e) {
            throw new EmbeddedKafkaException("could not format Kafka log directory " + logDir, e);
        }
        return true;
    }

    private static EmbeddedKafkaException inUse(Path logDir) {
        return new EmbeddedKafkaException("Kafka data directory " + logDir + " is in use by another running broker");
    }
}

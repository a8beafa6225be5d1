package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;

/**
 * Consecutive free ports of 127.0.0.1 for a cluster whose nodes run as separate processes
 * ({@code EmbeddedKafkaMain --nodes N}), where each node derives its ports from the first one.
 */
public final class FreePorts {
    private static final int ATTEMPTS = 100;

    private FreePorts() {
    }

    /**
     * The first of {@code count} consecutive ports that are free right now, below Linux's ephemeral
     * range (32768 on): there a client connection can take a port between the check and the bind.
     */
    public static int range(int count) throws IOException {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int first = ThreadLocalRandom.current().nextInt(15_000, 32_000);
            if (IntStream.range(first, first + count).allMatch(FreePorts::isFree)) {
                return first;
            }
        }
        throw new IOException("found no " + count + " consecutive free ports on 127.0.0.1");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}

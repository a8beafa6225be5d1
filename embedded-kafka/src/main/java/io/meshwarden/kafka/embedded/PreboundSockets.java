package io.meshwarden.kafka.embedded;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.server.ServerSocketFactory;

/**
 * Binds the broker's listening sockets before the broker exists and hands them to it when it asks.
 *
 * <p>The controller port must be written into the broker's configuration (it is in the quorum voter
 * list), so it has to be known before startup. Probing for a free port and binding it later leaves a
 * window in which another process can take it, and a controller that cannot bind is a fatal fault in
 * Kafka. Binding port 0 here and passing the open socket on closes that window; Kafka's own
 * {@code KafkaClusterTestKit} does the same.
 */
final class PreboundSockets implements ServerSocketFactory, AutoCloseable {

    private static final int BACKLOG = 50;

    private final Map<String, ServerSocketChannel> byListener = new ConcurrentHashMap<>();

    /**
     * Binds 127.0.0.1:{@code port} (0 for any free port) for {@code listener} and returns the bound port.
     *
     * @throws BindException when the port is taken
     */
    int bind(String listener, int port) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            // Lets a broker restart on the port of one that just stopped while old connections sit in TIME_WAIT.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        } catch (IOException e) {
            channel.close();
            throw e;
        }
        ServerSocketChannel previous = byListener.put(listener, channel);
        if (previous != null) {
            previous.close();
        }
        return ((InetSocketAddress) channel.getLocalAddress()).getPort();
    }

    @Override
    public ServerSocketChannel openServerSocket(String listenerName, InetSocketAddress address, int listenBacklogSize,
                                                int recvBufferSize) throws IOException {
        ServerSocketChannel channel = byListener.remove(listenerName);
        if (channel == null) {
            // A listener the caller added through broker properties: bind it the normal way.
            return ServerSocketFactory.INSTANCE.openServerSocket(listenerName, address, listenBacklogSize, recvBufferSize);
        }
        int boundPort = ((InetSocketAddress) channel.getLocalAddress()).getPort();
        if (address.getPort() != boundPort) {
            channel.close();
            throw new IOException("listener " + listenerName + " is configured for port " + address.getPort()
                    + " but its socket was bound to " + boundPort);
        }
        channel.configureBlocking(false);
        if (recvBufferSize != -1) {
            channel.socket().setReceiveBufferSize(recvBufferSize);
        }
        return channel;
    }

    /** Closes the sockets the broker never took, e.g. after a failed start. */
    @Override
    public void close() {
        byListener.values().forEach(channel -> {
            try {
                channel.close();
            } catch (IOException e) {
                // Nothing listens on a socket that fails to close; there is nothing left to release.
            }
        });
        byListener.clear();
    }
}

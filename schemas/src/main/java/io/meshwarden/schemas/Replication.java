package io.meshwarden.schemas;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * How many copies of each partition a topic Meshwarden creates keeps, and how many of them must
 * have a write before it is acknowledged ({@code min.insync.replicas}, which {@code acks=all}
 * producers, Streams included, wait for). Decided once per start from the size of the cluster
 * unless the deployment names a factor: three copies, two in sync, from three brokers on, so one
 * broker can fail (or be restarted) without losing a write or refusing one; fewer brokers get one
 * copy per broker and a single copy in sync.
 *
 * @param factor    replicas per partition
 * @param minInSync {@code min.insync.replicas} of the topic: 2 from three replicas on, else 1
 */
public record Replication(short factor, int minInSync) {
    /** The setting's value that means "decide from the cluster size". */
    public static final int FROM_CLUSTER = -1;
    static final int PREFERRED_FACTOR = 3;

    public Replication {
        if (factor < 1) {
            throw new IllegalArgumentException("a topic needs at least one replica, not " + factor);
        }
    }

    /** The given factor, with the in-sync minimum that goes with it. */
    public static Replication of(int factor) {
        return new Replication((short) factor, factor >= PREFERRED_FACTOR ? 2 : 1);
    }

    /** {@code configured} if it is a factor, else (for {@link #FROM_CLUSTER}) three or as many as there are brokers. */
    public static Replication decide(int configured, int brokers) {
        if (configured == FROM_CLUSTER) {
            return of(Math.max(1, Math.min(PREFERRED_FACTOR, brokers)));
        }
        if (configured < 1) {
            throw new IllegalArgumentException("replication factor must be " + FROM_CLUSTER + " (from the cluster) or at least 1, not "
                    + configured);
        }
        return of(configured);
    }

    /** {@link #decide} for the cluster this admin client talks to; asks for its brokers only when it must. */
    public static Replication decide(int configured, Admin admin) {
        if (configured != FROM_CLUSTER) {
            return decide(configured, 0);
        }
        try {
            return decide(configured, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting the brokers", e);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("cannot count the brokers to decide replication: " + cause.getMessage(), cause);
        }
    }
}

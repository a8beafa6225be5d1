package io.meshwarden.access.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;

/**
 * Where the ACLs actually are: the cluster, through the Admin API ({@link #kafka}). An interface so
 * that the reconciler's retry path can be tested with a store that fails, and benchmarked without a
 * broker. Every method throws an unchecked exception when the cluster does not answer or refuses.
 */
public interface AclStore {
    /**
     * ACLs per Admin call: the KRaft controller refuses a user operation of more than 10,000 records
     * ("excessively large batch operation"), which 5,000 grants' first pass would otherwise be.
     */
    int BATCH = 1_000;

    Collection<AclBinding> all();

    void create(Collection<AclBinding> bindings);

    void delete(Collection<AclBinding> bindings);

    /** The cluster behind {@code admin}, each call waiting at most {@code timeout}. */
    static AclStore kafka(Admin admin, Duration timeout) {
        return new AclStore() {
            @Override
            public Collection<AclBinding> all() {
                return get(admin.describeAcls(AclBindingFilter.ANY).values(), timeout);
            }

            @Override
            public void create(Collection<AclBinding> bindings) {
                for (List<AclBinding> batch : batches(bindings)) {
                    get(admin.createAcls(batch).all(), timeout);
                }
            }

            @Override
            public void delete(Collection<AclBinding> bindings) {
                for (List<AclBinding> batch : batches(bindings)) {
                    get(admin.deleteAcls(batch.stream().map(AclBinding::toFilter).toList()).all(), timeout);
                }
            }
        };
    }

    private static List<List<AclBinding>> batches(Collection<AclBinding> bindings) {
        List<AclBinding> all = List.copyOf(bindings);
        List<List<AclBinding>> batches = new ArrayList<>();
        for (int from = 0; from < all.size(); from += BATCH) {
            batches.add(all.subList(from, Math.min(all.size(), from + BATCH)));
        }
        return batches;
    }

    private static <T> T get(KafkaFuture<T> future, Duration timeout) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading or changing ACLs", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("no answer from the cluster within " + timeout, e);
        }
    }
}

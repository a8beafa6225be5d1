package io.meshwarden.kafka.embedded;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Creates SCRAM-SHA-512 credentials through the Admin API and waits until the broker accepts them.
 *
 * <p>{@code alterUserScramCredentials} returns once the controller has committed the credential; the
 * broker learns it from the metadata log a moment later, and a client that logs in before then fails
 * authentication. Credentials are applied in order, so once the last one logs in, all of them do.
 */
final class ScramUsers {

    /** Kafka's default and minimum for SCRAM-SHA-512 is 4096; 8192 is what its documentation uses. */
    private static final int ITERATIONS = 8192;

    private final Admin admin;
    private final String bootstrapServers;
    private final Duration timeout;

    ScramUsers(Admin admin, String bootstrapServers, Duration timeout) {
        this.admin = admin;
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
    }

    void create(Map<String, String> passwords) {
        if (passwords.isEmpty()) {
            return;
        }
        List<UserScramCredentialAlteration> upserts = passwords.entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.getValue()))
                .toList();
        try {
            admin.alterUserScramCredentials(upserts).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedKafkaException("interrupted while creating SCRAM users", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedKafkaException("could not create SCRAM users " + passwords.keySet(), e);
        }
        String last = upserts.get(upserts.size() - 1).user();
        awaitLogin(last, passwords.get(last));
    }

    private void awaitLogin(String user, String password) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "embedded-kafka-login-check");
        props.putAll(new BrokerSecurity(java.util.Set.of(), Map.of(user, password)).clientProperties(user));
        try {
            Awaitility.await("SCRAM user " + user + " to log in").atMost(timeout).pollInterval(Duration.ofMillis(50))
                    .pollInSameThread().dontCatchUncaughtExceptions()
                    .until(() -> logsIn(props));
        } catch (ConditionTimeoutException e) {
            throw new EmbeddedKafkaException("SCRAM user " + user + " could not log in within " + timeout.toSeconds() + " s", e);
        }
    }

    private static boolean logsIn(Properties props) throws InterruptedException {
        try (Admin probe = Admin.create(props)) {
            probe.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SaslAuthenticationException) {
                return false;
            }
            throw new EmbeddedKafkaException("login check failed", e.getCause());
        }
    }
}

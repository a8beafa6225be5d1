package io.meshwarden.local;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.config.KafkaSasl;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.access.BaselineAcls;
import io.meshwarden.governance.access.Principals;
import io.meshwarden.kafka.embedded.BrokerSecurity;
import io.meshwarden.schemas.DomainChangeTopics;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The secured local mesh ({@code --secure}): who its principals are, and what is provisioned for them
 * before the services start. The services (and the demo's simulator, which also publishes the policy
 * sets) are super users; every demo domain is an ordinary SCRAM user named like the domain
 * ({@link io.meshwarden.governance.access.Principals}), bound by the catalog's {@link BaselineAcls},
 * created through the Admin API, as the access reconciler will keep them. The user {@value #STEWARD} is the
 * governance steward: the only ordinary user that writes the policy topics.
 */
final class LocalAccess {
    static final String QUALITY_STREAMS = "quality-streams";
    static final String SLA_MONITOR = "sla-monitor";
    static final String DEMO = "mesh-local-demo";
    static final String ACCESS_SERVICE = "access-service";
    /** The governance steward: an ordinary user, the only one the baseline lets write the policy topics. */
    static final String STEWARD = "steward";

    private LocalAccess() {
    }

    /** The broker's users: the services as super users, one ordinary user per domain of these products, the steward. */
    static BrokerSecurity users(List<DataProductContract> products) {
        return BrokerSecurity.generated(List.of(QUALITY_STREAMS, SLA_MONITOR, ACCESS_SERVICE, DEMO), domains(products))
                .withUser(STEWARD);
    }

    /** {@code config} with the steward's principal as the one that writes the policy topics, unless others are set. */
    static MeshwardenConfig withSteward(MeshwardenConfig config) {
        return config.get(Settings.ACCESS_STEWARD_PRINCIPALS).isBlank()
                ? config.with(Settings.ACCESS_STEWARD_PRINCIPALS.key(), Principals.ofUser(STEWARD)) : config;
    }

    static List<String> domains(List<DataProductContract> products) {
        return List.copyOf(new TreeSet<>(products.stream().map(DataProductContract::getDomain).toList()));
    }

    /** The configuration of one component, connecting as {@code user}. */
    static MeshwardenConfig as(MeshwardenConfig config, BrokerSecurity users, String user) {
        return config.with(KafkaSasl.credentials(user, users.password(user)));
    }

    /**
     * Creates every domain's change topic (before quality-streams subscribes to their pattern, so it
     * reads them from its first poll) and the baseline ACLs of the products, as the admin.
     */
    static void provision(MeshwardenConfig admin, List<DataProductContract> products) {
        DomainChangeTopics changeTopics = new DomainChangeTopics(admin.topics());
        int partitions = admin.getInt(Settings.TOPIC_PARTITIONS);
        List<NewTopic> topics = domains(products).stream()
                .map(domain -> new NewTopic(changeTopics.of(domain).name(), java.util.Optional.of(partitions), java.util.Optional.empty()))
                .toList();
        try (Admin client = Admin.create(admin.adminProperties())) {
            client.createTopics(topics).values().values().forEach(LocalAccess::ignoreExisting);
            client.createAcls(BaselineAcls.of(admin).desired(products)).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not provision the baseline ACLs", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning the baseline ACLs", e);
        }
    }

    private static void ignoreExisting(org.apache.kafka.common.KafkaFuture<Void> created) {
        try {
            created.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("could not create a domain change topic", e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the broker did not create the domain change topics within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the domain change topics", e);
        }
    }
}

package io.meshwarden.cli;

import io.meshwarden.avro.PolicySet;
import io.meshwarden.avro.Violation;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwarden policies publish DIR}: publishes every policy set of a directory and reports whether each is in force. */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "Manage policy sets.",
        subcommands = PoliciesCommand.Publish.class)
final class PoliciesCommand {
    @ParentCommand
    Meshwarden parent;

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Publish the policy sets of a directory (global first) and wait until each is in force or refused.")
    static final class Publish implements Callable<Integer> {
        @ParentCommand
        PoliciesCommand policies;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "directory of policy set files")
        Path directory;

        @Option(names = "--timeout", description = "how long to wait for each set (default: ${DEFAULT-VALUE})", defaultValue = "PT30S")
        Duration timeout;

        @Override
        public Integer call() throws Exception {
            MeshwardenConfig config = policies.parent.config();
            Topic<String, PolicySet> topic = config.topics().topic(Topics.POLICIES);
            int refused = 0;
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config.producerProperties("meshwarden-cli"),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (PolicySetYaml.PolicyFile file : PolicySetYaml.readDirectory(directory)) {
                    PolicySet set = PolicySet.newBuilder(file.set()).setPublishedAt(Instant.now()).build();
                    try (TopicWaiter<PolicySet> inForce = new TopicWaiter<>(config, config.topics().topic(Topics.POLICIES_IN_FORCE));
                         TopicWaiter<Violation> violations = new TopicWaiter<>(config, config.topics().topic(Topics.VIOLATIONS))) {
                        producer.send(new ProducerRecord<>(topic.name(), set.getId(),
                                topic.valueSerde().serializer().serialize(topic.name(), set))).get();
                        refused += report(file, set, inForce, violations) ? 0 : 1;
                    }
                }
            }
            return refused == 0 ? 0 : Meshwarden.REJECTED;
        }

        private boolean report(PolicySetYaml.PolicyFile file, PolicySet set, TopicWaiter<PolicySet> inForce,
                               TopicWaiter<Violation> violations) {
            var out = spec.commandLine().getOut();
            String ref = set.getId() + "@" + set.getVersion();
            var refusal = violations.await(v -> v.getProductId().equals("policy:" + set.getId())
                    && set.getVersion().equals(v.getPolicySetVersion()), Duration.ofMillis(1));
            var admitted = inForce.await(s -> s.getId().equals(set.getId()) && s.getVersion().equals(set.getVersion()), timeout);
            if (admitted.isPresent()) {
                out.println("IN FORCE  " + ref + "  (" + file.file() + ")");
                return true;
            }
            refusal = refusal.or(() -> violations.await(v -> v.getProductId().equals("policy:" + set.getId())
                    && set.getVersion().equals(v.getPolicySetVersion()), Duration.ofSeconds(1)));
            out.println(refusal.map(v -> "REFUSED   " + ref + "  (" + file.file() + "): " + v.getMessage())
                    .orElse("UNKNOWN   " + ref + "  (" + file.file() + "): not in force within " + timeout
                            + " (unchanged re-publications are not announced again)"));
            out.flush();
            return false;
        }
    }
}

package io.meshwarden.cli;

import io.meshwarden.avro.ContractChange;
import io.meshwarden.avro.Decision;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code meshwarden publish CONTRACT.yaml}: sends a contract change and prints its decision. Exit 1 when rejected. */
@Command(name = "publish", mixinStandardHelpOptions = true, description = "Publish a contract change and wait for its decision.")
final class PublishCommand implements Callable<Integer> {
    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "CONTRACT", description = "contract file (Meshwarden YAML or ODCS v3)")
    Path contract;

    @Option(names = "--timeout", description = "how long to wait for the decision (default: ${DEFAULT-VALUE})", defaultValue = "PT30S")
    Duration timeout;

    @Option(names = "--format", description = "human or json (default: ${DEFAULT-VALUE})", defaultValue = "human")
    VerdictPrinter.Format format;

    @Option(names = "--domain", description = "domain of an ODCS document that names none")
    String defaultDomain;

    @Option(names = "--published-by", description = "who publishes (default: ${DEFAULT-VALUE})", defaultValue = "meshwarden-cli")
    String publishedBy;

    @Override
    public Integer call() throws Exception {
        ContractFiles.Loaded loaded = ContractFiles.load(contract, defaultDomain);
        MeshwardenConfig config = parent.config();
        try (TopicWaiter<Decision> decisions = new TopicWaiter<>(config, config.topics().topic(Topics.DECISIONS));
             DataProductPublisher publisher = DataProductPublisher.create(config, "meshwarden-cli")) {
            var publication = publisher.publishContract(loaded.contract(), publishedBy);
            publication.acknowledged().get();
            ContractChange change = publication.event();
            Optional<Decision> decision = decisions.await(d -> d.getChangeId().equals(change.getChangeId()), timeout);
            if (decision.isEmpty()) {
                spec.commandLine().getErr().println("no decision for change " + change.getChangeId() + " within " + timeout
                        + "; is quality-streams running against " + config.bootstrapServers() + "?");
                return Meshwarden.TIMED_OUT;
            }
            new VerdictPrinter(spec.commandLine().getOut(), format).print(decision.get());
            return decision.get().getOutcome() == io.meshwarden.avro.DecisionOutcome.REJECTED ? Meshwarden.REJECTED : 0;
        }
    }
}

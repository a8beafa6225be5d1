package io.meshwarden.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.meshwarden.avro.Decision;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden proposals --domain D}: the domain's recent rejected contract changes, read from
 * the decisions topic up to its end, each with its violations, how often it was published, and the
 * version accepted since, if any. A rejected proposal left the version in force unchanged: this is
 * where its publisher reads why ({@link Proposals}).
 */
@Command(name = "proposals", mixinStandardHelpOptions = true,
        description = "List a domain's recent rejected contract changes and their violations.")
final class ProposalsCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--domain", required = true, description = "the domain whose proposals to list")
    String domain;

    @Option(names = "--since", description = "only those decided within this long (default: ${DEFAULT-VALUE})", defaultValue = "P7D")
    Duration since;

    @Option(names = "--max", description = "at most this many (default: ${DEFAULT-VALUE})", defaultValue = "20")
    int max;

    @Option(names = "--format", description = "human or json (default: ${DEFAULT-VALUE})", defaultValue = "human")
    VerdictPrinter.Format format;

    @Option(names = "--timeout", description = "how long to read the decisions topic at most (default: ${DEFAULT-VALUE})",
            defaultValue = "PT30S")
    Duration timeout;

    @Override
    public Integer call() {
        MeshwardenConfig config = parent.config();
        Proposals proposals = new Proposals(domain);
        Instant deadline = Instant.now().plus(timeout);
        try (TopicWaiter<Decision> decisions = new TopicWaiter<>(config, config.topics().topic(Topics.DECISIONS), true)) {
            while (!decisions.caughtUp()) {
                if (Instant.now().isAfter(deadline)) {
                    spec.commandLine().getErr().println("could not read " + config.topics().name(Topics.DECISIONS) + " at "
                            + config.bootstrapServers() + " to its end within " + timeout);
                    return Meshwarden.TIMED_OUT;
                }
                decisions.read(Duration.ofMillis(200), proposals::add);
            }
        }
        print(proposals.recent(Instant.now().minus(since), max));
        return 0;
    }

    private void print(List<Proposals.Proposal> recent) {
        PrintWriter out = spec.commandLine().getOut();
        if (format == VerdictPrinter.Format.json) {
            for (Proposals.Proposal p : recent) {
                ObjectNode line = JSON.createObjectNode();
                line.set("decision", EventCodec.of(Decision.class).toJson(p.latest()));
                line.put("publications", p.publications()).put("acceptedSince", p.acceptedSince());
                out.println(line);
            }
            out.flush();
            return;
        }
        if (recent.isEmpty()) {
            out.printf("no rejected proposals of domain %s in the last %s%n", domain, since);
        }
        VerdictPrinter printer = new VerdictPrinter(out, format);
        for (Proposals.Proposal p : recent) {
            printer.print(p.latest());
            out.printf("  decided %s; published %d time%s; %s%n", p.latest().getDecidedAt(), p.publications(),
                    p.publications() == 1 ? "" : "s", p.acceptedSince() == null ? "no version accepted since"
                            : "version " + p.acceptedSince() + " accepted since");
        }
        out.flush();
    }
}

package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.PolicySet;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.DataProductPublisher;
import io.meshwarden.events.PolicySetOutcome;
import io.meshwarden.governance.policy.PolicyLayers;
import io.meshwarden.governance.policy.PolicyPlan;
import io.meshwarden.governance.policy.PolicySetYaml;
import io.meshwarden.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;


/**
 * {@code meshwarden policies publish DIR}: publishes every policy set of a directory, global first,
 * through the publisher SDK, which waits for governance's answer to each; prints one line per set
 * ({@code IN FORCE}, {@code REFUSED} with the reason, {@code HELD} for stewards' approval with what
 * it loosens, or {@code UNKNOWN}). Exit 1 unless all are in force.
 * {@code meshwarden policies approve ID VERSION --as STEWARD}: a steward's approval of a held set.
 * {@code meshwarden policies plan DIR}: which products of the catalog the sets of a directory would
 * newly fail, newly warn or let pass, per owner, against the sets in force (read from the cluster);
 * nothing is published ({@link PlanPrinter}).
 */
@Command(name = "policies", mixinStandardHelpOptions = true, description = "Manage policy sets.",
        subcommands = {PoliciesCommand.Publish.class, PoliciesCommand.Approve.class, PoliciesCommand.Plan.class})
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
        public Integer call() {
            List<PolicySetYaml.PolicyFile> files = PolicySetYaml.readDirectory(directory);
            List<PolicySet> sets = files.stream().map(PolicySetYaml.PolicyFile::set).toList();
            List<PolicySetOutcome> outcomes;
            try (DataProductPublisher publisher = DataProductPublisher.create(policies.parent.config(), "meshwarden-cli")) {
                outcomes = publisher.publishPolicySetsAndAwait(sets, timeout.multipliedBy(Math.max(1, sets.size())));
            }
            TerminalWriter out = TerminalWriter.of(spec.commandLine().getOut());
            for (int i = 0; i < files.size(); i++) {
                out.line(line(outcomes.get(i), files.get(i).file()));
            }
            out.flush();
            return outcomes.stream().allMatch(PolicySetOutcome::inForce) ? 0 : Meshwarden.REJECTED;
        }

        private String line(PolicySetOutcome outcome, Path file) {
            String where = outcome.ref() + "  (" + file + ")";
            if (outcome instanceof PolicySetOutcome.InForce) {
                return "IN FORCE  " + where;
            }
            if (outcome instanceof PolicySetOutcome.Refused refused) {
                return "REFUSED   " + where + ": " + refused.reason();
            }
            if (outcome instanceof PolicySetOutcome.Held held) {
                return "HELD      " + where + ": " + held.reason();
            }
            return "UNKNOWN   " + where + ": no answer from governance within " + timeout + " a set";
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true,
            description = "Approve, as a steward, a held global policy set (one that loosens the set in force); it goes in"
                    + " force once enough distinct stewards approved (meshwarden.governance.stewards, .approvals.required).")
    static final class Approve implements Callable<Integer> {
        @ParentCommand
        PoliciesCommand policies;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ID", description = "policy set id, e.g. global")
        String setId;

        @Parameters(index = "1", paramLabel = "VERSION", description = "the version held, as the HELD line names it")
        String version;

        @Option(names = "--as", required = true, paramLabel = "STEWARD", description = "your steward name, as configured")
        String approver;

        @Option(names = "--comment", description = "why you approve it")
        String comment;

        @Option(names = "--timeout", description = "how long to wait for the set to go in force (default: ${DEFAULT-VALUE})",
                defaultValue = "PT10S")
        Duration timeout;

        @Override
        public Integer call() {
            PolicySetOutcome outcome;
            try (DataProductPublisher publisher = DataProductPublisher.create(policies.parent.config(), "meshwarden-cli")) {
                outcome = publisher.approvePolicySetAndAwait(setId, version, approver, comment, timeout);
            }
            TerminalWriter out = TerminalWriter.of(spec.commandLine().getOut());
            String ref = setId + "@" + version;
            if (outcome.inForce()) {
                out.line("IN FORCE  " + ref + ": approved by enough stewards");
                return 0;
            }
            out.line("HELD      " + ref + ": approval by " + approver + " published, not in force within " + timeout
                    + "; it needs more stewards' approvals, or this one did not count (a policy-set.approval violation says why)");
            return Meshwarden.REJECTED;
        }
    }

    @Command(name = "plan", mixinStandardHelpOptions = true,
            description = "Dry run: which catalogued products the policy sets of a directory would newly fail, newly warn"
                    + " or let pass, per owner, judged against the sets in force. Publishes nothing.")
    static final class Plan implements Callable<Integer> {
        @ParentCommand
        PoliciesCommand policies;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "directory of policy set files")
        Path directory;

        @Option(names = "--timeout", description = "how long to read the catalog and the sets in force (default: ${DEFAULT-VALUE})",
                defaultValue = "PT30S")
        Duration timeout;

        @Override
        public Integer call() {
            List<PolicySet> proposed = PolicySetYaml.readDirectory(directory).stream().map(PolicySetYaml.PolicyFile::set).toList();
            MeshwardenConfig config = policies.parent.config();
            Map<String, PolicySet> inForce = CompactedTopics.latest(config, Topics.POLICIES_IN_FORCE, PolicySet::getId, timeout);
            Map<String, DataProductContract> catalog = CompactedTopics.latest(config, Topics.CATALOG, DataProductContract::getId, timeout);
            PolicyLayers current = PolicyPlan.inForce(inForce.values());
            List<PolicyPlan.Change> changes = PolicyPlan.of(current, PolicyPlan.withProposed(current, proposed), catalog.values());
            new PlanPrinter(spec.commandLine().getOut()).print(changes, catalog.size(), current);
            return 0;
        }
    }
}

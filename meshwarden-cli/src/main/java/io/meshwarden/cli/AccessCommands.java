package io.meshwarden.cli;

import io.meshwarden.avro.AccessAction;
import io.meshwarden.avro.AccessAuditEvent;
import io.meshwarden.avro.AccessCommand;
import io.meshwarden.avro.AccessOutcome;
import io.meshwarden.avro.AccessRequest;
import io.meshwarden.avro.AccessState;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.events.TopicWaiter;
import io.meshwarden.schemas.Topic;
import io.meshwarden.schemas.Topics;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden access request|approve|reject|revoke|list}: files and decides access requests by
 * writing commands to {@code access.commands}, then waits for the access service's audit event of that
 * request on {@code access.audit} and prints it: {@code DONE} with the new state, or {@code REFUSED}
 * with the reason (exit 1), or nothing within {@code --timeout} (exit 3). {@code list} reads
 * {@code access.requests} from its beginning. The acting principal is {@code --as} for now; once the
 * CLI authenticates with SASL it will be the authenticated one.
 */
@Command(name = "access", mixinStandardHelpOptions = true, description = "Request, approve, reject, revoke and list access to data products.",
        subcommands = {AccessCommands.Request.class, AccessCommands.Approve.class, AccessCommands.Reject.class,
                AccessCommands.Revoke.class, AccessCommands.ListRequests.class})
final class AccessCommands {
    @ParentCommand
    Meshwarden parent;

    /** What every command that writes to {@code access.commands} shares. */
    abstract static class Writing implements Callable<Integer> {
        @ParentCommand
        AccessCommands access;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--timeout", description = "how long to wait for the access service's answer (default: ${DEFAULT-VALUE})",
                defaultValue = "PT30S")
        Duration timeout;

        abstract AccessCommand command(Instant now);

        @Override
        public Integer call() throws Exception {
            MeshwardenConfig config = access.parent.config();
            AccessCommand command = command(Instant.now());
            Topic<String, AccessCommand> commands = config.topics().topic(Topics.ACCESS_COMMANDS);
            PrintWriter out = spec.commandLine().getOut();
            try (TopicWaiter<AccessAuditEvent> audit = new TopicWaiter<>(config, config.topics().topic(Topics.ACCESS_AUDIT));
                 KafkaProducer<String, AccessCommand> producer = new KafkaProducer<>(config.producerProperties("meshwarden-cli"),
                         commands.keySerde().serializer(), commands.valueSerde().serializer())) {
                producer.send(new ProducerRecord<>(commands.name(), command.getRequestId(), command)).get(30, TimeUnit.SECONDS);
                Optional<AccessAuditEvent> answer = audit.await(event -> command.getRequestId().equals(event.getRequestId())
                        && command.getActor().equals(event.getActor()), timeout);
                if (answer.isEmpty()) {
                    out.println("UNKNOWN   " + command.getRequestId() + ": no answer from the access service within " + timeout);
                    out.flush();
                    return Meshwarden.TIMED_OUT;
                }
                AccessAuditEvent event = answer.get();
                boolean refused = event.getOutcome() == AccessOutcome.REFUSED;
                out.printf(Locale.ROOT, "%-9s %s  %s  %s%n", refused ? "REFUSED" : event.getToState(), command.getRequestId(),
                        event.getProductId() == null ? "" : event.getProductId() + " for " + event.getPrincipal(), event.getReason());
                out.flush();
                return refused ? Meshwarden.REJECTED : 0;
            }
        }

        static AccessCommand.Builder base(String requestId, AccessAction action, String actor, Instant now) {
            return AccessCommand.newBuilder().setCommandId(UUID.randomUUID().toString()).setRequestId(requestId)
                    .setAction(action).setActor(actor).setIssuedAt(now);
        }
    }

    @Command(name = "request", mixinStandardHelpOptions = true,
            description = "Ask for read access to a product; prints the request id to approve.")
    static final class Request extends Writing {
        @Parameters(paramLabel = "PRODUCT", description = "product id, e.g. paid-media.campaign-performance")
        String product;

        @Option(names = "--principal", required = true, paramLabel = "User:NAME", description = "the Kafka principal that will read")
        String principal;

        @Option(names = "--purpose", required = true, paramLabel = "TEXT", description = "why the access is needed")
        String purpose;

        @Option(names = "--for", required = true, paramLabel = "DURATION",
                description = "how long the grant lasts once approved, ISO-8601: P30D, PT12H (at most P365D)")
        String duration;

        @Option(names = "--as", paramLabel = "User:NAME", description = "who files it (default: the principal)")
        String actor;

        @Option(names = "--id", paramLabel = "ID", description = "request id (default: generated)")
        String requestId;

        @Override
        AccessCommand command(Instant now) {
            String id = requestId != null ? requestId : "req-" + UUID.randomUUID().toString().substring(0, 8);
            return base(id, AccessAction.REQUEST, actor != null ? actor : principal, now).setProductId(product)
                    .setPrincipal(principal).setPurpose(purpose).setDuration(duration).build();
        }
    }

    /** approve, reject and revoke: a request id, who acts, and an optional reason. */
    abstract static class Deciding extends Writing {
        @Parameters(paramLabel = "REQUEST", description = "request id")
        String requestId;

        @Option(names = "--as", required = true, paramLabel = "User:NAME", description = "who decides: the owner team or steward")
        String actor;

        @Option(names = "--reason", paramLabel = "TEXT", description = "why, for the audit trail")
        String reason;

        abstract AccessAction action();

        @Override
        AccessCommand command(Instant now) {
            return base(requestId, action(), actor, now).setReason(reason).build();
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a pending request (owner team or steward).")
    static final class Approve extends Deciding {
        @Override
        AccessAction action() {
            return AccessAction.APPROVE;
        }
    }

    @Command(name = "reject", mixinStandardHelpOptions = true, description = "Reject a pending request (owner team or steward).")
    static final class Reject extends Deciding {
        @Override
        AccessAction action() {
            return AccessAction.REJECT;
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke a grant (approvers, requester or grantee).")
    static final class Revoke extends Deciding {
        @Override
        AccessAction action() {
            return AccessAction.REVOKE;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List access requests, newest change first.")
    static final class ListRequests implements Callable<Integer> {
        @ParentCommand
        AccessCommands access;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Option(names = "--product", paramLabel = "PRODUCT", description = "only this product's requests")
        String product;

        @Option(names = "--state", paramLabel = "STATE", description = "only requests in this state: ${COMPLETION-CANDIDATES}")
        AccessState state;

        @Option(names = "--principal", paramLabel = "User:NAME", description = "only this grantee's requests")
        String principal;

        @Override
        public Integer call() {
            MeshwardenConfig config = access.parent.config();
            Map<String, AccessRequest> requests = new LinkedHashMap<>();
            try (TopicWaiter<AccessRequest> reader = new TopicWaiter<>(config, config.topics().topic(Topics.ACCESS_REQUESTS), true)) {
                while (!reader.caughtUp()) {
                    reader.read(Duration.ofMillis(200), request -> requests.put(request.getRequestId(), request));
                }
            }
            PrintWriter out = spec.commandLine().getOut();
            requests.values().stream()
                    .filter(r -> product == null || product.equals(r.getProductId()))
                    .filter(r -> state == null || state == r.getState())
                    .filter(r -> principal == null || principal.equals(r.getPrincipal()))
                    .sorted(Comparator.comparing(AccessRequest::getChangedAt).reversed())
                    .forEach(r -> out.printf(Locale.ROOT, "%-12s %-11s %-40s %-24s approvals %d/%d %s%n", r.getRequestId(),
                            r.getState(), r.getProductId(), r.getPrincipal(), r.getApprovers().size(), r.getRequiredApprovals(),
                            r.getExpiresAt() == null ? "" : "until " + r.getExpiresAt()));
            out.flush();
            return 0;
        }
    }
}

package io.meshwarden.cli;

import io.meshwarden.avro.Classification;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.FieldSpec;
import io.meshwarden.avro.OutputPort;
import io.meshwarden.avro.Ownership;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.config.MeshwardenConfig;
import io.meshwarden.config.Settings;
import io.meshwarden.governance.odcs.OdcsExporter;
import io.meshwarden.schemas.registry.RegisteredSchema;
import io.meshwarden.schemas.registry.SchemaRegistryClient;
import io.meshwarden.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code meshwarden import registry SUBJECT}: a contract skeleton (ODCS v3.1.0) for a topic a team already runs,
 * its schema the subject's latest (or a given) version in a Confluent-compatible registry, its output port the
 * topic the subject names under Confluent's default TopicNameStrategy ({@code <topic>-value}). Only what the
 * registry knows is filled in: the owner, steward, guarantees and descriptions are left for the team, so that
 * {@code meshwarden validate} names what governance still needs, rather than this command inventing it. Avro
 * subjects only: the contract's fields come from the Avro record. Exit 2 on a subject that cannot be imported,
 * 3 when the registry cannot be read.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Write a contract skeleton (ODCS) from a schema registry subject, for a topic that already exists.")
final class ImportCommand implements Callable<Integer> {
    enum Source { registry }

    private static final String VALUE_SUFFIX = "-value";

    @ParentCommand
    Meshwarden parent;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "registry")
    Source source;

    @Parameters(index = "1", paramLabel = "SUBJECT", description = "the subject, e.g. paid-media.campaign-performance.v1-value")
    String subject;

    @Option(names = "--registry", paramLabel = "URL", description = "the registry (default: setting meshwarden.schema.registry.url)")
    String registryUrl;

    @Option(names = "--version", paramLabel = "N", description = "the subject's version (default: ${DEFAULT-VALUE})", defaultValue = "latest")
    String version;

    @Option(names = "--domain", required = true, description = "the owning domain, e.g. paid-media")
    String domain;

    @Option(names = "--product", description = "the product's name in its domain (default: the topic's, without domain and version)")
    String product;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout")
    Path output;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        MeshwardenConfig config = parent.config();
        if (registryUrl != null) {
            config = config.with(Settings.SCHEMA_REGISTRY_URL.key(), registryUrl);
        }
        SchemaRegistryClient registry = SchemaRegistryClient.from(config).orElse(null);
        if (registry == null) {
            err.println("no schema registry: pass --registry URL or set " + Settings.SCHEMA_REGISTRY_URL.key());
            return Meshwarden.BAD_INPUT;
        }
        RegisteredSchema registered;
        try {
            registered = registry.version(subject, version);
        } catch (SchemaRegistryException e) {
            err.println(e.getMessage());
            return e.kind() == SchemaRegistryException.Kind.NOT_FOUND ? Meshwarden.BAD_INPUT : Meshwarden.TIMED_OUT;
        }
        if (registered.type() != RegisteredSchema.Type.AVRO) {
            err.println("subject '" + subject + "' version " + registered.version() + " is a " + registered.type()
                    + " schema: only Avro subjects can be imported (a contract's fields come from the Avro record)");
            return Meshwarden.BAD_INPUT;
        }
        Schema schema;
        try {
            schema = new Schema.Parser().parse(registered.schema());
        } catch (SchemaParseException e) {
            err.println("subject '" + subject + "' version " + registered.version() + " is not an Avro schema: " + e.getMessage());
            return Meshwarden.BAD_INPUT;
        }
        if (schema.getType() != Schema.Type.RECORD) {
            err.println("subject '" + subject + "' version " + registered.version() + " is a " + schema.getType()
                    + ", not a record: a contract describes a record's fields");
            return Meshwarden.BAD_INPUT;
        }
        String topic = subject.endsWith(VALUE_SUFFIX) ? subject.substring(0, subject.length() - VALUE_SUFFIX.length()) : subject;
        DataProductContract skeleton = skeleton(schema, topic, registered);
        OdcsExporter.Export export = OdcsExporter.export(skeleton, config.bootstrapServers());
        String header = "# Imported from schema registry subject " + subject + " version " + registered.version() + " (id "
                + registered.id() + ").\n# Fill in the owner, the steward and the guarantees, then: meshwarden validate FILE\n";
        try {
            if (output == null) {
                spec.commandLine().getOut().print(header + export.yaml());
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, header + export.yaml());
            }
        } catch (IOException e) {
            err.println("cannot write " + output + ": " + e.getMessage());
            return Meshwarden.BAD_INPUT;
        }
        export.warnings().forEach(w -> TerminalWriter.of(err).printf("warning: %s%n", w));
        return 0;
    }

    private DataProductContract skeleton(Schema schema, String topic, RegisteredSchema registered) {
        String name = product != null ? product : productName(topic);
        List<FieldSpec> fields = schema.getFields().stream().map(field -> FieldSpec.newBuilder().setName(field.name())
                .setDescription(field.doc()).setRequired(!nullable(field.schema())).build()).toList();
        return DataProductContract.newBuilder()
                .setId(domain + "." + name)
                .setDomain(domain)
                .setName(name)
                .setVersion("0.1.0")
                .setStatus(ProductStatus.DRAFT)
                .setOwner(Ownership.newBuilder().setTeam(null).setSteward(null).build())
                .setDescription(schema.getDoc())
                .setClassification(Classification.INTERNAL)
                .setOutputPorts(List.of(OutputPort.newBuilder().setName(topic).setTopic(topic).setFormat("avro").build()))
                .setProductSchema(registered.schema())
                .setFields(fields)
                .setProperties(Map.of("schema.registry.subject", subject))
                .build();
    }

    /** {@code paid-media.campaign-performance.v1} names the product {@code campaign-performance}. */
    private String productName(String topic) {
        String name = topic.startsWith(domain + ".") ? topic.substring(domain.length() + 1) : topic;
        return name.replaceAll("\\.v[0-9]+$", "").replace('.', '-').replace('_', '-').toLowerCase(java.util.Locale.ROOT);
    }

    private static boolean nullable(Schema schema) {
        return schema.getType() == Schema.Type.NULL
                || schema.getType() == Schema.Type.UNION && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }
}

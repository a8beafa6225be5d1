package io.meshwarden.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The command-line options that set layered settings, shared by every Meshwarden runnable as a
 * picocli {@code @Mixin}: {@code --config FILE}, {@code --topic-prefix}, {@code --output-format}.
 * None has a default value: an option not given is absent from {@link #overrides()}, so its setting
 * stays with the config file, the environment or the default in {@link Settings}. picocli is an
 * optional dependency of this module; the publisher SDK, which has no command line, does not bring it.
 */
@Command(footer = {"", "Settings come from, each over the one before: defaults, the --config file (or",
        "MESHWARDEN_CONFIG_FILE), MESHWARDEN_* and KAFKA_* environment variables, these options."})
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = {"Properties file of Meshwarden settings.", "Setting meshwarden.config.file."})
    private Path configFile;

    @Option(names = "--topic-prefix", paramLabel = "PREFIX",
            description = {"Prefix of every topic name.", "Setting meshwarden.topic.prefix, default mesh."})
    private String topicPrefix;

    @Option(names = "--output-format", paramLabel = "avro|json|confluent-avro",
            description = {"Encoding of output topics; json makes them readable with kcat, confluent-avro with Confluent"
                    + " deserializers (needs meshwarden.schema.registry.url).",
                    "Setting meshwarden.output.format, default avro."})
    private String outputFormat;

    /** The settings given on the command line, by key; a setting whose option was not given is absent. */
    public Map<String, String> overrides() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (configFile != null) {
            overrides.put(Settings.CONFIG_FILE.key(), configFile.toString());
        }
        if (topicPrefix != null) {
            overrides.put(Settings.TOPIC_PREFIX.key(), topicPrefix);
        }
        if (outputFormat != null) {
            overrides.put(Settings.OUTPUT_FORMAT.key(), outputFormat);
        }
        return overrides;
    }
}

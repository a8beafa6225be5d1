package io.meshwarden.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.OptionSpec;

class ConfigOptionsTest {

    @Command(name = "runnable")
    static final class Runnable {
        @Mixin
        ConfigOptions options;
    }

    @Test
    void anOptionNotGivenLeavesItsSettingToTheLowerLayers() {
        Runnable runnable = new Runnable();
        new CommandLine(runnable).parseArgs();

        assertThat(runnable.options.overrides()).isEmpty();
    }

    @Test
    void eachGivenOptionOverridesItsSetting() {
        Runnable runnable = new Runnable();
        new CommandLine(runnable).parseArgs("--config", "/etc/mesh.properties", "--topic-prefix=cli.", "--output-format", "json");

        assertThat(runnable.options.overrides()).isEqualTo(Map.of(
                Settings.CONFIG_FILE.key(), "/etc/mesh.properties",
                Settings.TOPIC_PREFIX.key(), "cli.",
                Settings.OUTPUT_FORMAT.key(), "json"));
    }

    @Test
    void helpNamesEachOptionsSettingAndItsDefault() {
        CommandLine commandLine = new CommandLine(new Runnable());
        for (Setting setting : List.of(Settings.TOPIC_PREFIX, Settings.OUTPUT_FORMAT)) {
            String option = "--" + setting.key().substring(MeshwardenConfig.NAMESPACE.length()).replace('.', '-');
            OptionSpec spec = commandLine.getCommandSpec().findOption(option);
            assertThat(String.join(" ", spec.description()))
                    .contains("Setting " + setting.key() + ", default " + setting.defaultValue());
        }
        assertThat(String.join(" ", commandLine.getCommandSpec().findOption("--config").description()))
                .contains("Setting " + Settings.CONFIG_FILE.key() + ".");
        assertThat(commandLine.getUsageMessage()).contains("MESHWARDEN_CONFIG_FILE");
    }
}

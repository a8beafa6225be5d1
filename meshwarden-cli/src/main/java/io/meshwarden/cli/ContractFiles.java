package io.meshwarden.cli;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.odcs.OdcsImport;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads contract files for the CLI: Meshwarden's own YAML format, or an ODCS v3 document
 * (recognised by {@code kind: DataContract}), which is imported with its warnings. A directory
 * stands for every {@code *.yaml} file in it.
 */
final class ContractFiles {
    private static final Pattern ODCS = Pattern.compile("(?m)^kind:\\s*DataContract\\s*$");

    private ContractFiles() {
    }

    record Loaded(Path file, DataProductContract contract, List<String> warnings) {
    }

    static List<Loaded> load(List<Path> paths, String defaultDomain) {
        List<Loaded> loaded = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                loaded.add(load(file, defaultDomain));
            }
        }
        return loaded;
    }

    static Loaded load(Path file, String defaultDomain) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
        if (ODCS.matcher(text).find()) {
            OdcsImport imported = OdcsImporter.importContract(file.toString(), text, defaultDomain);
            return new Loaded(file, imported.contract(), imported.warnings());
        }
        return new Loaded(file, ContractYaml.parse(file.toString(), text), List.of());
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> children = Files.list(path)) {
            return children.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
        } catch (IOException e) {
            throw new YamlFileException(path.toString(), 1, "cannot list: " + e.getMessage());
        }
    }
}

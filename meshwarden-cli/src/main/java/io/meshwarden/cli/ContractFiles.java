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
import java.util.stream.Stream;

/**
 * Reads contract files for the CLI: Meshwarden's own YAML format, or an ODCS v3 document
 * (recognised by {@code kind: DataContract}, however quoted), which is imported with its
 * warnings, one contract per schema object. A directory stands for every {@code *.yaml} file in it.
 */
final class ContractFiles {
    private ContractFiles() {
    }

    record Loaded(Path file, DataProductContract contract, List<String> warnings) {
    }

    static List<Loaded> load(List<Path> paths, String defaultDomain) {
        List<Loaded> loaded = new ArrayList<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                loaded.addAll(loadAll(file, defaultDomain));
            }
        }
        return loaded;
    }

    /** The one contract of a file; an ODCS document with several schema objects is refused, naming the file. */
    static Loaded load(Path file, String defaultDomain) {
        List<Loaded> all = loadAll(file, defaultDomain);
        if (all.size() != 1) {
            throw new IllegalArgumentException(file + " holds " + all.size() + " products, one per ODCS schema object;"
                    + " write one object per document to publish it");
        }
        return all.get(0);
    }

    /** Every contract of a file: one, or one per schema object of an ODCS document. */
    static List<Loaded> loadAll(Path file, String defaultDomain) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
        return parse(file, text, defaultDomain);
    }

    /** Every contract of a document read from elsewhere (a git revision), named {@code file} in reports. */
    static List<Loaded> parse(Path file, String text, String defaultDomain) {
        if (OdcsImporter.recognises(text)) {
            OdcsImport imported = OdcsImporter.importContract(file.toString(), text, defaultDomain);
            return imported.contracts().stream().map(contract -> new Loaded(file, contract, imported.warnings())).toList();
        }
        return List.of(new Loaded(file, ContractYaml.parse(file.toString(), text), List.of()));
    }

    static List<Path> files(Path path) {
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

package io.meshwarden.testkit;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.contract.ContractYaml;
import io.meshwarden.governance.odcs.OdcsImport;
import io.meshwarden.governance.odcs.OdcsImporter;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads one contract file: an ODCS v3 document with one schema object, or Meshwarden YAML. */
final class ContractFile {
    private ContractFile() {
    }

    static DataProductContract read(Path file, String defaultDomain) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
        if (!OdcsImporter.recognises(text)) {
            return ContractYaml.parse(file.toString(), text);
        }
        OdcsImport imported = OdcsImporter.importContract(file.toString(), text, defaultDomain);
        if (imported.contracts().size() != 1) {
            throw new IllegalArgumentException(file + " holds " + imported.contracts().size()
                    + " products, one per ODCS schema object; the testkit takes one");
        }
        return imported.contracts().get(0);
    }
}

package io.meshwarden.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.meshwarden.governance.diff.SemVer;
import io.meshwarden.governance.diff.VersionCheck;
import io.meshwarden.governance.yaml.YamlDocument;
import io.meshwarden.governance.yaml.YamlFileException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Two versions of one product's contract read from their files (Meshwarden YAML or ODCS, see
 * {@link ContractFiles}), with the line of every element of the new file for reports. Refuses,
 * naming the file and line, a pair that is not two versions of the same product and, for the
 * version check, a version that is not MAJOR.MINOR.PATCH.
 */
record ContractPair(ContractFiles.Loaded previous, ContractFiles.Loaded next, ChangeLocator locator) {

    static ContractPair load(Path previousFile, Path nextFile, String defaultDomain) {
        return of(ContractFiles.load(previousFile, defaultDomain), ContractFiles.load(nextFile, defaultDomain));
    }

    /** A pair whose previous version may come from elsewhere than a file (the catalog, a git revision). */
    static ContractPair of(ContractFiles.Loaded previous, ContractFiles.Loaded next) {
        ChangeLocator locator = locator(next.file());
        String before = previous.contract().getId();
        String after = next.contract().getId();
        if (!before.equals(after)) {
            throw new YamlFileException(next.file().toString(), locator.lineOfId(), "product '" + after
                    + "' is not the product of " + previous.file() + " ('" + before + "'); compare two versions of one product");
        }
        return new ContractPair(previous, next, locator);
    }

    /** Where every element of a contract file stands, for reports. */
    static ChangeLocator locator(Path file) {
        return new ChangeLocator(tree(file));
    }

    /** The pipeline's version check of the pair; a version that is not MAJOR.MINOR.PATCH is bad input here. */
    VersionCheck versionCheck() {
        requireSemVer(previous);
        requireSemVer(next);
        return VersionCheck.of(previous.contract(), next.contract()).orElseThrow();
    }

    private static void requireSemVer(ContractFiles.Loaded loaded) {
        String version = loaded.contract().getVersion();
        if (SemVer.parse(version).isEmpty()) {
            throw new YamlFileException(loaded.file().toString(), new ChangeLocator(tree(loaded.file())).lineOfVersion(),
                    "$.version: '" + version + "' is not a semantic version MAJOR.MINOR.PATCH");
        }
    }

    private static YamlDocument<JsonNode> tree(Path file) {
        try {
            return YamlDocument.readTree(file.toString(), Files.readString(file));
        } catch (IOException e) {
            throw new YamlFileException(file.toString(), 1, "cannot read: " + e.getMessage());
        }
    }
}

package io.meshwarden.governance.odcs;

import io.meshwarden.avro.DataProductContract;
import java.util.List;

/**
 * An imported ODCS document: one contract per schema object (one, with no fields, when the
 * document declares none), and what could not be mapped onto them, each warning naming its path.
 */
public record OdcsImport(List<DataProductContract> contracts, List<String> warnings) {

    public OdcsImport {
        contracts = List.copyOf(contracts);
        warnings = List.copyOf(warnings);
    }

    /** The one contract of a document with at most one schema object. */
    public DataProductContract contract() {
        if (contracts.size() != 1) {
            throw new IllegalStateException("the document holds " + contracts.size() + " products, one per schema object");
        }
        return contracts.get(0);
    }
}

package io.meshwarden.governance.odcs;

import io.meshwarden.avro.DataProductContract;
import java.util.List;

/** An imported ODCS contract and what could not be mapped onto it, each warning naming its path. */
public record OdcsImport(DataProductContract contract, List<String> warnings) {

    public OdcsImport {
        warnings = List.copyOf(warnings);
    }
}

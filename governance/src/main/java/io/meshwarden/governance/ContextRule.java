package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import java.util.List;

/** A rule that needs the contract's context (previous version, catalog, shared CEL view); alone, a contract has an empty context. */
public interface ContextRule extends Rule {

    @Override
    default List<Finding> check(DataProductContract contract) {
        return check(ContractContext.of(contract));
    }

    @Override
    List<Finding> check(ContractContext context);
}

package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import io.meshwarden.avro.ViolationCategory;
import java.util.List;

/** A governance rule: checks one contract and says what is wrong with it, if anything. Stateless. */
public interface Rule {

    String id();

    Severity severity();

    /** The findings against this contract; empty when it complies. */
    List<Finding> check(DataProductContract contract);

    /**
     * The findings against a contract in its context (previous version, catalog). Rules that only
     * look at the contract itself need not override this.
     */
    default List<Finding> check(ContractContext context) {
        return check(context.contract());
    }

    /** A finding of this rule, at its severity. */
    default Finding finding(ViolationCategory category, String message) {
        return new Finding(id(), category, severity(), message);
    }
}

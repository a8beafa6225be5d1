package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Severity;
import java.util.List;

/** A governance rule: checks one contract and says what is wrong with it, if anything. Stateless. */
public interface Rule {

    String id();

    Severity severity();

    /** The findings against this contract; empty when it complies. */
    List<Finding> check(DataProductContract contract);
}

package io.meshwarden.governance;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.governance.rules.ContractView;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;

/**
 * One contract under evaluation, with what rules may compare it to: the last accepted version of
 * the same product (absent for a new product) and a view of the catalog. The CEL view of the
 * contract is built once and shared by every CEL rule of the evaluation. {@link #today} is the day
 * (UTC) the change is judged on, which notice periods count from.
 */
public final class ContractContext {
    private final DataProductContract contract;
    private final DataProductContract previous;
    private final CatalogView catalog;
    private final Instant now;
    private Map<String, Object> celView;

    public ContractContext(DataProductContract contract, DataProductContract previous, CatalogView catalog) {
        this(contract, previous, catalog, Instant.now());
    }

    public ContractContext(DataProductContract contract, DataProductContract previous, CatalogView catalog, Instant now) {
        this.contract = contract;
        this.previous = previous;
        this.catalog = catalog;
        this.now = now;
    }

    public static ContractContext of(DataProductContract contract) {
        return new ContractContext(contract, null, CatalogView.EMPTY);
    }

    public DataProductContract contract() {
        return contract;
    }

    public Optional<DataProductContract> previous() {
        return Optional.ofNullable(previous);
    }

    public CatalogView catalog() {
        return catalog;
    }

    /** The day, in UTC, the change is judged on. */
    public LocalDate today() {
        return LocalDate.ofInstant(now, ZoneOffset.UTC);
    }

    /** The contract as nested maps and lists, the shape CEL expressions see as {@code contract}. */
    public Map<String, Object> celView() {
        if (celView == null) {
            celView = ContractView.of(contract);
        }
        return celView;
    }
}

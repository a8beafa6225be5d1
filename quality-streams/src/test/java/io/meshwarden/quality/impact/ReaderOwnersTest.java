package io.meshwarden.quality.impact;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.Ownership;
import io.meshwarden.schemas.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReaderOwnersTest {
    private final ReaderOwners owners = new ReaderOwners(List.of(Samples.contract("customer-analytics.attribution"),
            daily(), Samples.contract("marketing-ops.spend-dashboard")));

    private static DataProductContract daily() {
        DataProductContract daily = Samples.contract("customer-analytics.attribution-daily");
        daily.setOwner(new Ownership("attribution-batch-team", "batch@customer-analytics.example"));
        return daily;
    }

    @Test
    void aReaderNamedAfterAProductBelongsToItsOwnerTheLongestIdWinning() {
        assertThat(owners.of("customer-analytics.attribution-loader")).map(Ownership::getTeam).contains("customer-analytics-team");
        assertThat(owners.of("User:customer-analytics.attribution")).map(Ownership::getSteward)
                .contains("steward@customer-analytics.example");
        assertThat(owners.of("customer-analytics.attribution-daily_backfill")).map(Ownership::getTeam).contains("attribution-batch-team");
        assertThat(owners.productOf("customer-analytics.attribution-daily_backfill")).contains("customer-analytics.attribution-daily");
        assertThat(owners.productOf("marketing-ops-budget-alerts")).as("named after a domain, no product").isEmpty();
    }

    @Test
    void aReaderNamedAfterADomainBelongsToItsTeamWhenItHasOneAndAnyOtherToNobody() {
        assertThat(owners.of("marketing-ops-budget-alerts")).map(Ownership::getTeam).contains("marketing-ops-team");
        assertThat(owners.of("customer-analytics-adhoc")).as("two teams own the domain's products").isEmpty();
        assertThat(owners.of("marketing-opsx")).isEmpty();
        assertThat(owners.of("connect-cluster-offsets")).isEmpty();
    }
}

package io.meshwarden.sla.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.DataProductContract;
import io.meshwarden.schemas.EventCodec;
import io.meshwarden.schemas.Samples;
import io.meshwarden.sla.history.ContractChangelog.Change;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContractChangelogTest {
    private static final EventCodec<DataProductContract> CODEC = EventCodec.of(DataProductContract.class);

    @Test
    void namesTheChangedScalarsTheListEntriesAddedAndRemovedAndTheFieldsByName() {
        DataProductContract before = Samples.contract("paid-media.campaigns");
        DataProductContract after = DataProductContract.newBuilder(before).setVersion("1.1.0").setTags(List.of("ads"))
                .setUpstreamProducts(List.of("paid-media.spend"))
                .setFields(List.of(before.getFields().get(0), before.getFields().get(1), Samples.field("clicks_2", false, false)))
                .build();
        List<Change> changes = ContractChangelog.between(CODEC.toJson(before).toString(), CODEC.toJson(after).toString());
        assertThat(changes).contains(new Change("version", "CHANGED", "1.0.0", "1.1.0"),
                new Change("tags", "ADDED", null, "ads"), new Change("tags", "REMOVED", "marketing", null),
                new Change("upstreamProducts", "ADDED", null, "paid-media.spend"));
        assertThat(changes).extracting(Change::field).contains("fields[clicks_2]", "fields[email]");
        assertThat(changes).filteredOn(c -> c.field().equals("fields[email]")).extracting(Change::kind).containsExactly("REMOVED");
        assertThat(changes).extracting(Change::field).doesNotContain("name", "owner", "fields[clicks]");
    }

    @Test
    void theFirstVersionKeptIsAllAdditionsAndAnUnchangedOneHasNone() {
        String json = CODEC.toJson(Samples.contract("paid-media.campaigns")).toString();
        assertThat(ContractChangelog.between(null, json)).isNotEmpty().extracting(Change::kind).containsOnly("ADDED");
        assertThat(ContractChangelog.between(json, json)).isEmpty();
    }
}

package io.meshwarden.quality.impact;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshwarden.avro.AffectedGroup;
import io.meshwarden.avro.DataProductContract;
import io.meshwarden.avro.GroupReader;
import io.meshwarden.avro.ImpactKind;
import io.meshwarden.avro.ImpactNotice;
import io.meshwarden.avro.ProductStatus;
import io.meshwarden.avro.TopicReaders;
import io.meshwarden.avro.Violation;
import io.meshwarden.avro.ViolationCategory;
import io.meshwarden.avro.ViolationStatus;
import io.meshwarden.governance.lifecycle.Deprecation;
import io.meshwarden.schemas.Samples;
import io.meshwarden.schemas.Topics;
import io.meshwarden.streams.testing.TopologyFixture;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumers still reading a deprecated version: reminders as its sunset nears, an alert-worthy violation after it. */
class SunsetRemindersTopologyTest {
    private static final Instant START = Instant.parse("2027-01-01T09:00:00Z");
    private static final String PAID = "paid-media.campaign-performance";
    private static final String V1 = PAID + "@v1";
    private static final String TOPIC = PAID + ".v1";
    private static final String LOADER = "customer-analytics.attribution-loader";

    @AutoClose
    private final TopologyFixture fixture = TopologyFixture.start(ImpactTopology.APPLICATION_SUFFIX, START, ImpactTopology::build);
    private final TestOutputTopic<String, ImpactNotice> notices = fixture.output(Topics.IMPACT);
    private final TestOutputTopic<String, Violation> violations = fixture.output(Topics.VIOLATIONS);

    @BeforeEach
    void v1SupersededAndStillRead() {
        DataProductContract v1 = Samples.contract(PAID);
        DataProductContract v2 = DataProductContract.newBuilder(v1).setVersion("2.0.0").build();
        fixture.input(Topics.CATALOG).pipeInput(V1, Deprecation.superseded(v1, v2, 1, LocalDate.parse("2027-01-20")));
        readers(new GroupReader(LOADER, 40L, "customer-analytics-team", "steward@customer-analytics.example", "customer-analytics.attribution"),
                new GroupReader("paid-media.self-check", 0L, "paid-media-team", null, PAID),
                new GroupReader("anonymous", 3L, null, null, null));
    }

    @Test
    void remindsTheOwnerOfAGroupStillReadingOncePerPointAsTheSunsetNears() {
        at("2027-01-05T09:00:00Z");
        assertThat(notices.isEmpty()).as("15 days before the sunset: no point reached").isTrue();

        at("2027-01-06T00:00:30Z");
        ImpactNotice fourteen = notices.readValue();
        assertThat(fourteen.getKind()).isEqualTo(ImpactKind.SUNSET_REMINDER);
        assertThat(fourteen.getProductId()).isEqualTo(V1);
        assertThat(fourteen.getContractVersion()).isEqualTo("1.0.0");
        assertThat(fourteen.getOwner()).isEqualTo("customer-analytics-team");
        assertThat(fourteen.getSteward()).isEqualTo("steward@customer-analytics.example");
        assertThat(fourteen.getDaysToSunset()).isEqualTo(14);
        assertThat(fourteen.getSunsetDate()).isEqualTo("2027-01-20");
        assertThat(fourteen.getConsumerGroups()).extracting(AffectedGroup::getGroupId, AffectedGroup::getTopic, AffectedGroup::getLag)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LOADER, TOPIC, 40L));
        at("2027-01-07T12:00:00Z");
        assertThat(notices.isEmpty()).as("the 14-day point is reminded once").isTrue();

        at("2027-01-13T00:01:00Z");
        assertThat(notices.readValuesToList()).extracting(ImpactNotice::getDaysToSunset).containsExactly(7);
        at("2027-01-19T00:01:00Z");
        assertThat(notices.readValuesToList()).extracting(ImpactNotice::getDaysToSunset).containsExactly(1);
        assertThat(violations.isEmpty()).as("no alert before the sunset").isTrue();
        assertThat(fixture.<String>store(ImpactTopology.REMINDERS_STORE).get(V1 + "\u0000" + LOADER))
                .as("what was sent is state, restored after a restart").startsWith("1 ");
    }

    @Test
    void aGroupThatFirstReadsLateGetsOnlyTheNearestPoint() {
        readers(new GroupReader("marketing-ops.spend-dashboard", 1L, "marketing-ops-team", null, null));
        at("2027-01-17T00:01:00Z");

        assertThat(notices.readValuesToList()).singleElement().satisfies(n -> {
            assertThat(n.getOwner()).isEqualTo("marketing-ops-team");
            assertThat(n.getDaysToSunset()).isEqualTo(7);
        });
    }

    @Test
    void afterTheSunsetEachGroupStillReadingIsAViolationForItsOwnersProductUntilItStopsReading() {
        at("2027-01-20T00:01:00Z");

        List<Violation> breaches = violations.readValuesToList();
        assertThat(breaches).extracting(Violation::getProductId).containsExactlyInAnyOrder("customer-analytics.attribution", V1);
        Violation loader = breaches.stream().filter(v -> v.getProductId().equals("customer-analytics.attribution")).findFirst()
                .orElseThrow();
        assertThat(loader.getRuleId()).isEqualTo("lifecycle.past-sunset");
        assertThat(loader.getCategory()).isEqualTo(ViolationCategory.LIFECYCLE);
        assertThat(loader.getStatus()).isEqualTo(ViolationStatus.BREACH);
        assertThat(loader.getDomain()).isEqualTo("customer-analytics");
        assertThat(loader.getContractVersion()).isEqualTo("1.0.0");
        assertThat(loader.getMessage()).isEqualTo("consumer group " + LOADER + " still reads " + TOPIC + " of " + V1
                + " (1.0.0), whose sunset was 2027-01-20; move to " + PAID);
        assertThat(breaches).filteredOn(v -> v.getProductId().equals(V1)).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).contains("anonymous"));
        at("2027-01-25T00:00:00Z");
        assertThat(violations.isEmpty()).as("one breach per group, not one per check").isTrue();

        readers(new GroupReader("anonymous", 3L, null, null, null));
        at("2027-01-25T00:01:00Z");
        assertThat(violations.readValuesToList()).singleElement().satisfies(v -> {
            assertThat(v.getProductId()).isEqualTo("customer-analytics.attribution");
            assertThat(v.getStatus()).isEqualTo(ViolationStatus.RECOVERY);
            assertThat(v.getViolationId()).isEqualTo("customer-analytics.attribution/lifecycle.past-sunset/recovery/" + V1 + ":" + LOADER);
        });
    }

    @Test
    void aVersionRetiredAfterItsSunsetRecoversItsReadersAndRemindsNoMore() {
        at("2027-01-21T00:00:00Z");
        assertThat(violations.readValuesToList()).hasSize(2);

        DataProductContract retired = DataProductContract.newBuilder(fixture.<DataProductContract>store(ImpactTopology.DEPRECATED_STORE)
                .get(V1)).setStatus(ProductStatus.RETIRED).build();
        fixture.input(Topics.CATALOG).pipeInput(V1, retired);

        assertThat(violations.readValuesToList()).extracting(Violation::getStatus)
                .containsExactly(ViolationStatus.RECOVERY, ViolationStatus.RECOVERY);
        at("2027-01-22T00:00:00Z");
        assertThat(violations.isEmpty()).isTrue();
        assertThat(fixture.store(ImpactTopology.PENDING_REPORTS_STORE).approximateNumEntries())
                .as("a superseded major waits for no decision").isZero();
    }

    private void readers(GroupReader... groups) {
        fixture.input(Topics.READERS).pipeInput(TOPIC, new TopicReaders(TOPIC, List.of(groups), List.of(), START));
    }

    private void at(String instant) {
        Instant now = Instant.parse(instant);
        Duration step = Duration.between(START.plus(elapsed), now);
        fixture.driver().advanceWallClockTime(step);
        elapsed = elapsed.plus(step);
    }

    private Duration elapsed = Duration.ZERO;
}
